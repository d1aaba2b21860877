from django.contrib import admin

from openpes.web.catalogue.models import Training, Vacancy


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "source",
        "occupation_uri",
        "employer",
        "region",
        "closes_on",
        "withdrawn_at",
    ]
    search_fields = ["reference", "employer", "title"]
    list_filter = ["source", "region", "contract", "hours"]
    # Writes go through the API or `openpes import`, which keep the index and the trail right.
    readonly_fields = [f.name for f in Vacancy._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["reference", "source", "title", "provider", "duration_weeks", "withdrawn_at"]
    search_fields = ["reference", "title", "provider"]
    list_filter = ["source"]
    readonly_fields = [f.name for f in Training._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
