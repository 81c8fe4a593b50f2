from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("recommendations", "0001_initial"),
    ]

    # The tables are the same ones; only the app that owns Source changed.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="forum",
                    name="sources",
                    field=models.ManyToManyField(
                        related_name="forums", to="editorial.source", verbose_name="sources"
                    ),
                ),
                migrations.AlterField(
                    model_name="recommendation",
                    name="sources",
                    field=models.ManyToManyField(
                        related_name="recommendations",
                        to="editorial.source",
                        verbose_name="sources",
                    ),
                ),
            ],
        ),
    ]
