"""The job seeker's right of access and rectification: /me/data/."""

from __future__ import annotations

import datetime as dt
import json
import re

from django.urls import reverse
from django.utils import formats, timezone

from openpes.web.accounts.enums import Role
from openpes.web.caseload.models import ProtectedAttributes
from openpes.web.casework.services import note_add
from openpes.web.trail.models import AuditEvent
from tests.web.clients import signed_in as _login
from tests.web.factories import JobSeekerFactory


def _case(make_user):
    counsellor = make_user(Role.COUNSELLOR)
    person = JobSeekerFactory(
        counsellor=counsellor,
        user=make_user(Role.JOBSEEKER),
        health_limitation=True,
        care_duties=True,
        previous_unemployment_days=412,
        lat=50.85,
        lon=4.35,
        region_unemployment_rate=0.058,
    )
    ProtectedAttributes.objects.create(jobseeker=person, sex="female", age=44, origin="eu")
    note_add(
        actor=counsellor,
        jobseeker=person,
        kind="note",
        occurred_on=person.registered_on,
        text="About a colleague",
        internal_reason="third_party",
    )
    return counsellor, person


def test_everything_stored_is_shown_and_downloadable(make_user):
    counsellor, person = _case(make_user)
    client = _login(person.user)
    _login(counsellor).get(reverse("jobseeker_detail", args=[person.reference]))
    html = client.get(reverse("my_data")).content.decode()
    for text in (
        "Health limitation",
        "Care duties",
        "412",
        "50.85",
        "Protected attributes",
        "Female",
    ):
        assert text in html, text
    assert counsellor.username in html, "who read the record comes from the trail"
    assert "About a colleague" not in html and "Notes withheld from you" in html
    data = json.loads(client.get(reverse("my_data_json")).content)
    assert data["record"]["health_limitation"] is True and data["record"]["lat"] == 50.85
    assert data["protected_attributes"]["age"] == 44
    assert data["notes_withheld"] == [
        {"date": person.registered_on.isoformat(), "reason": "third_party"}
    ]
    assert any(e["who"] == counsellor.username for e in data["access_log"])
    page = client.get(reverse("my_data_html"))
    assert (
        page["Content-Disposition"].startswith("attachment") and b'<html lang="en">' in page.content
    )
    pages = AuditEvent.objects.filter(
        action="record.viewed", subject=f"jobseeker:{person.reference}"
    )
    assert {"my-data", "my-data.json", "my-data.html"} <= {e.details.get("page") for e in pages}


def test_corrections_are_saved_logged_and_bad_input_is_kept(make_user):
    _, person = _case(make_user)
    client = _login(person.user)
    url = reverse("my_data_correct")
    bad = client.post(url, {"isced": "4", "languages": "english, fr"})
    html = bad.content.decode()
    assert (
        bad.status_code == 400 and 'href="#id_languages"' in html and 'value="english, fr"' in html
    )
    client.post(url, {"isced": "6", "languages": "fr, nl", "driving_licence": "on"})
    person.refresh_from_db()
    assert (person.isced, person.languages, person.driving_licence) == (6, ["fr", "nl"], True)
    change = AuditEvent.objects.filter(action="record.changed").latest("position")
    assert change.details["corrected"]["isced"] == {"from": 3, "to": 6}
    assert client.get(reverse("my_data")).status_code == 200


def test_an_unknown_regional_rate_is_shown_as_not_recorded(make_user):
    counsellor, person = _case(make_user)
    person.region_unemployment_rate = None
    person.save()
    html = _login(person.user).get(reverse("my_data")).content.decode()
    row = re.search(r"Unemployment rate in the region</t[hd]>\s*<td>([^<]*)</td>", html)
    assert row is not None and row.group(1).strip() == "—", html


def test_the_regional_rate_is_a_percentage_as_the_readers_language_writes_it(make_user):
    _, person = _case(make_user)
    client = _login(person.user)
    label = r"(?:Unemployment rate in the region|Taux de chômage dans la région)"
    pattern = label + r"</t[hd]>\s*<td>([^<]*)</td>"
    shown = {}
    for language in ("en", "fr"):
        html = client.get(reverse("my_data"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        row = re.search(pattern, html, re.I)
        assert row is not None, html
        shown[language] = row.group(1).strip()
    # French puts a no-break space before the sign and writes a decimal comma.
    assert shown == {"en": "5.8%", "fr": "5,8\u00a0%"}


def test_the_page_names_every_code_and_key_in_the_readers_language(make_user):
    # The JSON download keeps the codes for machines; the page is for the person: "verdict:
    # rejected", "sex female" or "action: record.viewed" would leave English and codes on a
    # French page.
    counsellor, person = _case(make_user)
    note_add(
        actor=counsellor,
        jobseeker=person,
        kind="meeting",
        occurred_on=person.registered_on,
        text="First meeting",
    )
    _login(counsellor).get(reverse("jobseeker_detail", args=[person.reference]))
    client = _login(person.user)
    english = client.get(reverse("my_data")).content.decode()
    for text in ("Female", "Other EU", "Meeting", "Viewed a personal record", "Counsellor"):
        assert text in english, text
    for code in ("female", "record.viewed", ": meeting", "sex<", "who:", "role:"):
        assert code not in english, code
    french = client.get(reverse("my_data"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    for code in ("record.viewed", "Who:", "Role:", "Viewed a personal record", "Female"):
        assert code not in french, code


def test_times_are_shown_in_the_services_time_zone(make_user, settings):
    settings.TIME_ZONE = "Europe/Brussels"
    counsellor, person = _case(make_user)
    _login(counsellor).get(reverse("jobseeker_detail", args=[person.reference]))
    event = AuditEvent.objects.filter(subject=f"jobseeker:{person.reference}").latest("position")
    html = _login(person.user).get(reverse("my_data")).content.decode()
    local = formats.localize(timezone.localtime(event.occurred_at))
    utc = formats.localize(event.occurred_at.astimezone(dt.UTC).replace(tzinfo=None))
    assert local != utc and local in html and utc not in html


def _section(html: str, title: str) -> str:
    start = html.index(title)
    return html[start : html.index("</section>", start)]


def test_the_access_log_names_the_page_read_in_the_readers_language(make_user):
    # "Type: my-data" named a page by its code; the person reads where it was read, in words.
    counsellor, person = _case(make_user)
    _login(counsellor).get(reverse("jobseeker_detail", args=[person.reference]))
    client = _login(person.user)
    client.get(reverse("my_data"))
    log = _section(client.get(reverse("my_data")).content.decode(), "Who read or changed")
    assert "my-data" not in log and "counsellor<" not in log and ": counsellor" not in log
    assert "Your “My data” page" in log and "Your file as counsellors see it" in log
    french = client.get(reverse("my_data"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    log = _section(french, "Qui a consulté ou modifié votre dossier")
    assert "my-data" not in log and "Votre page « Mes données »" in log


def test_a_french_page_puts_its_space_before_the_colon_and_the_semicolon(make_user):
    counsellor, person = _case(make_user)
    _login(counsellor).get(reverse("jobseeker_detail", args=[person.reference]))
    client = _login(person.user)
    french = client.get(reverse("my_data"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    log = _section(french, "Qui a consulté ou modifié votre dossier")
    assert re.search(r"[^\s\u00a0][:;] ", log) is None, log
    assert "\u00a0: " in log and "\u00a0; " in log
    download = client.get(reverse("my_data_html"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    log = download[download.index("Qui a consulté ou modifié votre dossier") :]
    assert (
        "\u00a0: " in log and re.search(r"[^\s\u00a0][:;] ", log[: log.index("</table>")]) is None
    )
