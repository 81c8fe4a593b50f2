from django.db import migrations

from editorial.search import search_index


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_search_terms"),
        ("practices", "0005_source_and_scope_in_editorial"),
    ]

    operations = [search_index("practices_practice", "practices_programme")]
