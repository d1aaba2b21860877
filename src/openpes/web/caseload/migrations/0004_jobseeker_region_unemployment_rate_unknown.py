"""The region's unemployment rate may be unknown (NULL), and 0 was only ever "not given".

0002 added the column with a default of 0.0, and the API and ``openpes import`` stored 0.0
when a record left the rate out; the support-needs model then read it as a region with no
unemployment at all. No region has a rate of 0 %, so every stored 0.0 is a rate nobody gave.
"""

from django.db import migrations, models


def zero_is_unknown(apps, schema_editor):
    people = apps.get_model("caseload", "JobSeeker")
    people.objects.filter(region_unemployment_rate=0.0).update(region_unemployment_rate=None)


def unknown_is_zero(apps, schema_editor):
    people = apps.get_model("caseload", "JobSeeker")
    people.objects.filter(region_unemployment_rate=None).update(region_unemployment_rate=0.0)


class Migration(migrations.Migration):
    dependencies = [
        ("caseload", "0003_jobseekerskill_jobseeker_no_own_index"),
    ]

    operations = [
        migrations.AlterField(
            model_name="jobseeker",
            name="region_unemployment_rate",
            field=models.FloatField(
                blank=True,
                default=None,
                null=True,
                verbose_name="regional unemployment rate",
            ),
        ),
        migrations.RunPython(zero_is_unknown, unknown_is_zero, elidable=False),
    ]
