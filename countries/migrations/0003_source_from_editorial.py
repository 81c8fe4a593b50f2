import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("countries", "0002_initial"),
        ("editorial", "0001_initial"),
    ]

    # The table is the same one; only the app that owns the model changed.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="keyfigure",
                    name="source",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="key_figures",
                        to="editorial.source",
                        verbose_name="source",
                    ),
                ),
            ],
        ),
    ]
