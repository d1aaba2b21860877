from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from openpes.web.www.api_views import problems, views

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    path("jobseekers/", views.JobSeekerList.as_view(), name="api_jobseekers"),
    path("jobseekers/bulk", views.JobSeekerBulk.as_view(), name="api_jobseekers_bulk"),
    path("jobseekers/<str:reference>", views.JobSeekerDetail.as_view(), name="api_jobseeker"),
    path(
        "jobseekers/<str:reference>/protected",
        views.ProtectedWrite.as_view(),
        name="api_jobseeker_protected",
    ),
    path("vacancies/", views.VacancyList.as_view(), name="api_vacancies"),
    path("vacancies/bulk", views.VacancyBulk.as_view(), name="api_vacancies_bulk"),
    path(
        "vacancies/<str:source>/<str:reference>", views.VacancyDetail.as_view(), name="api_vacancy"
    ),
    path("trainings/", views.TrainingList.as_view(), name="api_trainings"),
    path("trainings/bulk", views.TrainingBulk.as_view(), name="api_trainings_bulk"),
    path(
        "trainings/<str:source>/<str:reference>",
        views.TrainingDetail.as_view(),
        name="api_training",
    ),
    path("outcomes/", views.OutcomeList.as_view(), name="api_outcomes"),
    path("outcomes/bulk", views.OutcomeBulk.as_view(), name="api_outcomes_bulk"),
    path(
        "outcomes/<str:source>/<str:jobseeker>/<str:observed_on>",
        views.OutcomeDetail.as_view(),
        name="api_outcome",
    ),
    path("decisions/", views.DecisionList.as_view(), name="api_decisions"),
    path("assessments/", views.AssessmentList.as_view(), name="api_assessments"),
    path("review-requests/", views.ReviewRequestList.as_view(), name="api_review_requests"),
    path("systems/", views.SystemList.as_view(), name="api_systems"),
    # Last: any other path under /api/v1/ is a 404 problem, not the HTML page.
    re_path(r"^(?P<unmatched>.*)$", problems.not_found, name="api_not_found"),
]
