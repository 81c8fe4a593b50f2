from django.db import migrations, models

from editorial.search import fill_titles, title_vectors


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0007_listing_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="practice",
            name="search_title",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="programme",
            name="search_title",
            field=models.TextField(default="", editable=False),
        ),
        title_vectors("practices_practice", "practices_programme"),
        fill_titles(("practices", "practice", "title"), ("practices", "programme", "name")),
    ]
