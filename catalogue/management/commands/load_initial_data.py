from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext_noop

from editorial.cache import bump_on_commit, rebuild_if_changed
from practices.models import Practice, Programme
from recommendations.models import Forum, Recommendation

# Order matters: each file only refers to entries of the files before it.
FIXTURES = [
    "vocabularies",
    "sources",
    "countries",
    "figures",
    "programmes",
    "practices",
    "recommendations",
]


class Command(BaseCommand):
    help = "Load the catalogue's real content from fixtures/ (idempotent: safe to run again)."

    def handle(self, *args, **options):
        with transaction.atomic():
            self.load(options["verbosity"])
        rebuild_if_changed()  # so that the first visitors find the counts and words ready
        self.stdout.write(
            self.style.SUCCESS(
                f"Catalogue content loaded: {Programme.objects.count()} programmes, "
                f"{Practice.objects.count()} practices, {Forum.objects.count()} forums, "
                f"{Recommendation.objects.count()} recommendations."
            )
        )

    def load(self, verbosity):
        call_command("loaddata", *FIXTURES, verbosity=verbosity)
        # loaddata saves raw rows and skips Model.save(); give them what a save would.
        for model in (Programme, Practice, Forum, Recommendation):
            entries = list(model.objects.all())
            for entry in entries:
                entry.prepare_text()
            model.objects.bulk_update(entries, [*model.translated_field_names(), "search_text"])
        # A first version of every entry, so the history can always return to the loaded text.
        call_command(
            "createinitialrevisions",
            comment=gettext_noop("Loaded from the catalogue's source documents."),
            verbosity=0,
        )
        bump_on_commit()  # bulk_update() above sends no signal
