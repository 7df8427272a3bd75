"""Files' text is read by a task after the registering transaction; files stored before were read at upload."""

from django.db import migrations, models

CHOICES = [
    ("pending", "Being read"),
    ("done", "Read"),
    ("partial", "Read in part (too large)"),
    ("failed", "Could not be read"),
    ("none", "No text to read"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0005_search_index"),
    ]

    operations = [
        # Files already stored had their text read at upload: they are "done" …
        migrations.AddField(
            model_name="documentfile",
            name="text_state",
            field=models.CharField(
                choices=CHOICES, default="done", editable=False, max_length=10, verbose_name="text for search"
            ),
        ),
        # … new files wait for the task.
        migrations.AlterField(
            model_name="documentfile",
            name="text_state",
            field=models.CharField(
                choices=CHOICES, default="pending", editable=False, max_length=10, verbose_name="text for search"
            ),
        ),
    ]
