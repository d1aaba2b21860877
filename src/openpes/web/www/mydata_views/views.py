"""The job seeker's own data (GDPR Art. 15 and 16): see it, download it, correct it."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openpes.reports import Document, Paragraph, Section, Table, to_html
from openpes.web.accounts.decorators import role_required
from openpes.web.accounts.enums import Role
from openpes.web.caseload.models import JobSeeker
from openpes.web.caseload.services import jobseeker_details_correct, jobseeker_record_view
from openpes.web.casework.subject_access import subject_access_data, subject_access_sections
from openpes.web.www.case_pages.caseload_forms import CorrectionForm
from openpes.web.www.case_pages.context import error_summary
from openpes.web.www.case_pages.lookups import own_record


def _page(
    request: HttpRequest, jobseeker: JobSeeker, form: CorrectionForm, status: int = 200
) -> HttpResponse:
    data = subject_access_data(jobseeker=jobseeker)
    context = {
        "jobseeker": jobseeker,
        "sections": subject_access_sections(data),
        "form": form,
        "errors": error_summary(form),
    }
    return render(request, "caseload/my_data.html", context, status=status)


def _initial(jobseeker: JobSeeker) -> dict[str, object]:
    return {
        "isced": jobseeker.isced,
        "languages": ", ".join(jobseeker.languages),
        "driving_licence": jobseeker.driving_licence,
    }


@role_required(Role.JOBSEEKER)
def my_data(request: HttpRequest) -> HttpResponse:
    jobseeker = own_record(request)
    jobseeker_record_view(actor=request.user, jobseeker=jobseeker, page="my-data")
    return _page(request, jobseeker, CorrectionForm(initial=_initial(jobseeker)))


@role_required(Role.JOBSEEKER)
def my_data_json(request: HttpRequest) -> HttpResponse:
    jobseeker = own_record(request)
    jobseeker_record_view(actor=request.user, jobseeker=jobseeker, page="my-data.json")
    body = json.dumps(
        subject_access_data(jobseeker=jobseeker),
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=2,
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="my-data-{jobseeker.reference}.json"'
    return response


@role_required(Role.JOBSEEKER)
def my_data_html(request: HttpRequest) -> HttpResponse:
    """The same record as a readable document (print it, or save it as PDF)."""
    jobseeker = own_record(request)
    jobseeker_record_view(actor=request.user, jobseeker=jobseeker, page="my-data.html")
    sections = [
        Section(
            title,
            [
                *([Paragraph(text)] if text else []),
                Table(title, (_("What"), _("Value")), [tuple(r) for r in rows])
                if rows
                else Paragraph(_("Nothing stored.")),
            ],
        )
        for title, text, rows in subject_access_sections(subject_access_data(jobseeker=jobseeker))
    ]
    document = Document(
        _("Everything stored about %(name)s")
        % {"name": f"{jobseeker.first_name} {jobseeker.last_name}"},
        get_language() or "en",
        sections,
    )
    response = HttpResponse(to_html(document), content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="my-data-{jobseeker.reference}.html"'
    return response


@require_POST
@role_required(Role.JOBSEEKER)
def my_data_correct(request: HttpRequest) -> HttpResponse:
    jobseeker = own_record(request)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        return _page(request, jobseeker, form, status=400)
    changed = jobseeker_details_correct(
        actor=request.user, jobseeker=jobseeker, **form.cleaned_data
    )
    messages.success(
        request, _("Your corrections are saved.") if changed else _("Nothing changed.")
    )
    return redirect("my_data")
