"""Sources and country scopes move to the editorial app: first their tables get its names.

The models leave this app's state in 0005, once editorial.0001 has taken them over; every row,
relation and history version stays as it was.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0003_editor_scope"),
    ]

    # In the state too, so tables created after this point refer to the new names.
    operations = [
        migrations.AlterModelTable(name="source", table="editorial_source"),
        migrations.AlterModelTable(name="editorscope", table="editorial_editorscope"),
    ]
