from django.urls import path

from openpes.web.www.oversight_views import team, trail, views

urlpatterns = [
    path("", views.oversight_home, name="oversight_home"),
    path("run/", views.monitors_run_view, name="oversight_run"),
    path("systems/<slug:key>/pause/", views.system_pause_view, name="oversight_pause"),
    path("systems/<slug:key>/resume/", views.system_resume_view, name="oversight_resume"),
    path("systems/<slug:key>/confirm/", views.system_confirm_view, name="oversight_confirm"),
    path(
        "systems/<slug:key>/notice.<str:fmt>",
        views.provider_notice_view,
        name="oversight_notice",
    ),
    path("alerts/<int:pk>/acknowledge/", views.alert_acknowledge_view, name="oversight_alert_ack"),
    path("alerts/<int:pk>/resolve/", views.alert_resolve_view, name="oversight_alert_resolve"),
    path("monitors/<int:pk>/", views.monitor_detail, name="oversight_monitor"),
    path("trail/", trail.trail_home, name="oversight_trail"),
    path("trail/verify/", trail.trail_verify_view, name="oversight_trail_verify"),
    path("trail/export.<str:fmt>", trail.trail_export, name="oversight_trail_export"),
    path("trail/<int:position>/", trail.trail_event, name="oversight_trail_event"),
    path("team/", team.team_decisions, name="oversight_team"),
]
