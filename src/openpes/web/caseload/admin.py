from django.contrib import admin

from openpes.web.caseload.models import JobSeeker

# ProtectedAttributes is deliberately not registered: only fairness monitoring reads it.


@admin.register(JobSeeker)
class JobSeekerAdmin(admin.ModelAdmin):
    list_display = ["reference", "last_name", "first_name", "counsellor", "region", "registered_on"]
    search_fields = ["reference", "last_name", "first_name"]
    list_filter = ["region"]
    raw_id_fields = ["user", "counsellor"]

    def change_view(self, request, object_id, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        from openpes.web.caseload.services import jobseeker_record_view

        jobseeker = self.get_object(request, object_id)
        if jobseeker is not None:
            jobseeker_record_view(actor=request.user, jobseeker=jobseeker, page="admin")
        return super().change_view(request, object_id, form_url, extra_context)
