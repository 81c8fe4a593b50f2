from django.db import migrations

from editorial.models import spanish_slug_operations


class Migration(migrations.Migration):
    dependencies = [
        ("countries", "0003_source_from_editorial"),
    ]

    operations = spanish_slug_operations("countries", "country")
