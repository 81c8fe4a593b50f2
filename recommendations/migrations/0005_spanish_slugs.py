from django.db import migrations

from editorial.models import spanish_slug_operations


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0004_search_title"),
    ]

    operations = spanish_slug_operations("recommendations", "addressee")
