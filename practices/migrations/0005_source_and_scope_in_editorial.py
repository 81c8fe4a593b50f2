from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("countries", "0003_source_from_editorial"),
        ("editorial", "0001_initial"),
        ("practices", "0004_tables_to_editorial"),
        ("recommendations", "0002_sources_from_editorial"),
    ]

    # editorial.0001 owns both models now; their tables stay (see 0004).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="editorscope", name="countries"),
                migrations.RemoveField(model_name="editorscope", name="user"),
                migrations.AlterField(
                    model_name="practice",
                    name="sources",
                    field=models.ManyToManyField(
                        related_name="practices", to="editorial.source", verbose_name="sources"
                    ),
                ),
                migrations.AlterField(
                    model_name="programme",
                    name="sources",
                    field=models.ManyToManyField(
                        related_name="programmes", to="editorial.source", verbose_name="sources"
                    ),
                ),
                migrations.DeleteModel(name="Source"),
                migrations.DeleteModel(name="EditorScope"),
            ],
        ),
    ]
