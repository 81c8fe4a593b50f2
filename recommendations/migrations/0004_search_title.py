from django.db import migrations, models

from editorial.search import fill_titles, title_vectors


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0003_search_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="forum",
            name="search_title",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="search_title",
            field=models.TextField(default="", editable=False),
        ),
        title_vectors("recommendations_recommendation", "recommendations_forum"),
        fill_titles(
            ("recommendations", "forum", "name"), ("recommendations", "recommendation", "title")
        ),
    ]
