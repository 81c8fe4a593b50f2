"""Open data for policy recommendations, with the same conventions as practices."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from editorial.export import columns, export_records, names, read_in_chunks, timestamp

# The downloaded file's name, without its extension, in the page's language.
RECOMMENDATIONS_FILE = pgettext_lazy("name of a downloaded file", "recommendations")

RECOMMENDATION_FIELDS = columns(
    "id",
    "url",
    "title",
    ("text", _("The recommendation in full (long text).")),
    ("addressed_to", _("Whom it is addressed to, such as governments or regional bodies.")),
    ("horizon", _("When to act on it: short, mid or long term; empty if not stated.")),
    "themes",
    ("whole_region", _("Whether it applies to the whole region: true or false.")),
    "countries",
    "country_codes",
    ("illustrated_by", _("The addresses of the good practices that illustrate it.")),
    ("forum", _("The regional forum it comes from, if any.")),
    (
        "forum_role",
        _(
            "What the source records of it at that forum: adopted, proposed (brought to the "
            "table) or said by one speaker; empty without a forum."
        ),
    ),
    ("speaker", _("Who said it, when one speaker said it.")),
    "sources",
    "published_at",
    "updated_at",
)


def recommendation_record(recommendation, request):
    return {
        "id": recommendation.pk,
        "url": request.build_absolute_uri(recommendation.get_absolute_url()),
        "title": recommendation.title,
        "text": recommendation.text,
        "addressed_to": names(recommendation.addressees.all()),
        "horizon": str(recommendation.get_horizon_display()),
        "themes": names(recommendation.themes.all()),
        "whole_region": recommendation.whole_region,
        "countries": names(recommendation.countries.all()),
        "country_codes": [country.code for country in recommendation.countries.all()],
        "illustrated_by": [
            request.build_absolute_uri(practice.get_absolute_url())
            for practice in recommendation.published_practices
        ],
        "forum": str(forum) if (forum := recommendation.public_forum) else None,
        "forum_role": recommendation.forum_role if forum else None,
        "speaker": recommendation.speaker,
        "sources": names(recommendation.sources.all()),
        "published_at": timestamp(recommendation.published_at),
        "updated_at": timestamp(recommendation.updated_at),
    }


def export_recommendations(recommendations, request, fmt):
    count, chunks = read_in_chunks(recommendations)
    records = (recommendation_record(item, request) for item, _related in chunks)
    return export_records(records, RECOMMENDATION_FIELDS, RECOMMENDATIONS_FILE, fmt, count)
