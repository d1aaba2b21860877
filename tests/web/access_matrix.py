"""The role x URL matrix: the expected status of a GET on every URL, for every role.

Every URL the project serves without arguments must appear here
(tests/web/test_access_matrix.py checks that), so a new page cannot ship without its
access rule being written down. 302 for anonymous means "redirected to login".
"""

from __future__ import annotations

ANON, JS, CO, TL, OV, AD = "anonymous", "jobseeker", "counsellor", "team_lead", "oversight", "admin"


def row(
    anonymous: int, jobseeker: int, counsellor: int, team_lead: int, oversight: int, admin: int
):
    return {ANON: anonymous, JS: jobseeker, CO: counsellor, TL: team_lead, OV: oversight, AD: admin}


MATRIX: dict[str, dict[str, int]] = {
    # url name:                 anon jobs cou  lead over admin
    "healthz": row(200, 200, 200, 200, 200, 200),
    "login": row(200, 302, 302, 302, 302, 302),
    "home": row(302, 302, 302, 302, 302, 302),
    "password_change": row(302, 200, 200, 200, 200, 200),
    "password_change_done": row(302, 200, 200, 200, 200, 200),
    "jobseeker_home": row(302, 200, 403, 403, 403, 403),
    "counsellor_home": row(302, 403, 200, 200, 403, 403),
    "team_home": row(302, 403, 403, 200, 403, 403),
    "oversight_home": row(302, 403, 403, 403, 200, 200),
    "admin:index": row(302, 403, 403, 403, 403, 200),
    "my_skill_search": row(302, 200, 403, 403, 403, 403),
    "readiness_home": row(302, 403, 403, 200, 403, 200),
    # The API: its schema and docs are public; everything else needs a token, not a session.
    "api_schema": row(200, 200, 200, 200, 200, 200),
    "api_docs": row(200, 200, 200, 200, 200, 200),
    **{
        name: row(401, 401, 401, 401, 401, 401)
        for name in (
            "api_jobseekers",
            "api_jobseekers_bulk",
            "api_vacancies",
            "api_vacancies_bulk",
            "api_trainings",
            "api_trainings_bulk",
            "api_outcomes",
            "api_outcomes_bulk",
            "api_decisions",
            "api_assessments",
            "api_review_requests",
            "api_systems",
        )
    },
    "review_inbox": row(302, 403, 200, 200, 403, 403),
    "password_reset": row(200, 200, 200, 200, 200, 200),
    "password_reset_done": row(200, 200, 200, 200, 200, 200),
    "password_reset_complete": row(200, 200, 200, 200, 200, 200),
    "my_data": row(302, 200, 403, 403, 403, 403),
    "my_data_json": row(302, 200, 403, 403, 403, 403),
    "my_data_html": row(302, 200, 403, 403, 403, 403),
    "oversight_trail": row(302, 403, 403, 403, 200, 200),
    "oversight_team": row(302, 403, 403, 200, 403, 403),
    "public_ai": row(200, 200, 200, 200, 200, 200),
    "public_ai_csv": row(200, 200, 200, 200, 200, 200),
    "register_home": row(302, 403, 403, 403, 200, 200),
    "literacy_home": row(302, 403, 200, 200, 200, 200),
    # The exchange: sharing is for oversight and administrators; the hub pages exist only on
    # a hub (OPENPES_HUB=1, or once it has members), so a plain instance answers 404.
    "exchange_share": row(302, 403, 403, 403, 200, 200),
    "exchange_case_new": row(302, 403, 403, 403, 200, 200),
    **{
        name: row(302, 403, 403, 404, 404, 404)
        for name in (
            "exchange_hub",
            "exchange_benchmarks",
            "exchange_compare",
            "exchange_cases",
            "exchange_members",
        )
    },
    "api_exchange_benchmarks": row(401, 401, 401, 401, 401, 401),
}

# POST-only or framework URLs, checked by their own tests.
NOT_GET_PAGES = {
    "logout",
    "set_language",
    "my_skill_add",
    "my_skill_remove",
    "my_skill_text",
    "my_preferences",
    "my_review_request",
    "my_data_correct",
    "my_vacancy_response",
    "readiness_start",
    "oversight_run",
    "oversight_trail_verify",
    "exchange_keygen",
    "api_exchange_bundles",
    "api_exchange_withdrawal",
}
