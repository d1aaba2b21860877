"""Finding the record a request is about, with the access rule applied."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from openpes.web.caseload.models import JobSeeker
from openpes.web.caseload.perms import can_view_jobseeker
from openpes.web.caseload.selectors import jobseeker_get, jobseeker_of_user


def jobseeker_or_404(request: HttpRequest, reference: str) -> JobSeeker:
    jobseeker = jobseeker_get(reference=reference)
    if jobseeker is None:
        raise Http404
    if not can_view_jobseeker(request.user, jobseeker):
        raise PermissionDenied
    return jobseeker


def own_record(request: HttpRequest) -> JobSeeker:
    jobseeker = jobseeker_of_user(user=request.user)
    if jobseeker is None:
        raise Http404
    return jobseeker
