from django.db import migrations

from editorial.search import search_index


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_search_terms"),
        ("recommendations", "0002_sources_from_editorial"),
    ]

    operations = [search_index("recommendations_recommendation", "recommendations_forum")]
