from django.db import migrations

from editorial.models import spanish_slug_operations


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0008_search_title"),
    ]

    operations = spanish_slug_operations(
        "practices", "theme", "programmekind", "actortype", "targetgroup"
    )
