from django.db import migrations

SHIPPED = (
    ("matching", "Matching engine (vacancy and training suggestions)"),
    ("support_needs", "Support-needs model"),
)


def add_systems(apps, schema_editor):
    AISystem = apps.get_model("oversight", "AISystem")
    for key, name in SHIPPED:
        AISystem.objects.get_or_create(key=key, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("oversight", "0001_initial")]
    operations = [migrations.RunPython(add_systems, migrations.RunPython.noop)]
