from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from openpes.web.accounts.models import Team
from openpes.web.caseload.models import JobSeeker, ProtectedAttributes
from openpes.web.demo.seed import DEMO_LOGINS, demo_seed
from openpes.web.readiness.models import SharedScore
from openpes.web.register.literacy import can_pause
from openpes.web.trail.selectors import trail_verify


@pytest.mark.slow
def test_demo_seed_builds_the_caseload_once(db, tmp_path):
    first = demo_seed(var_dir=tmp_path)
    assert first.created_jobseekers == 2000
    assert Team.objects.count() == 3
    assert all(
        team.lead is not None and team.memberships.count() == 4 for team in Team.objects.all()
    )
    counsellors = get_user_model().objects.filter(groups__name="counsellor")
    assert counsellors.count() == 12
    sizes = [JobSeeker.objects.filter(counsellor=c).count() for c in counsellors]
    assert min(sizes) >= 2000 // 12 and sum(sizes) == 2000
    assert ProtectedAttributes.objects.count() == 2000
    demo_person = JobSeeker.objects.get(user__username="jobseeker")
    assert demo_person.counsellor.username == "counsellor"
    assert {name for name, *_ in DEMO_LOGINS} <= set(
        get_user_model().objects.values_list("username", flat=True)
    )
    # The oversight guide pauses a system: the demo officer has the oversight course.
    assert can_pause(get_user_model().objects.get(username="oversight"))
    users_before = get_user_model().objects.count()
    assert first.created_assessments == 2, "this year's and last year's, to compare"
    assert SharedScore.objects.count() >= 12, "12 fictional PES so that the benchmark shows data"
    assert (tmp_path / "demo-model" / "manifest.json").exists()
    again = demo_seed(var_dir=tmp_path)
    assert (again.created_users, again.created_teams, again.created_jobseekers) == (0, 0, 0)
    assert again.created_assessments == 0
    assert get_user_model().objects.count() == users_before and JobSeeker.objects.count() == 2000
    assert trail_verify().intact


def _pages_answer(var_dir, monkeypatch) -> None:
    """The demo counsellor's first person and the demo job seeker's own page answer 200."""
    from django.test import Client

    from openpes.web.counselling import support

    monkeypatch.setenv("OPENPES_MODEL_DIR", str(var_dir / "demo-model"))

    def clear() -> None:
        # The caches outlive the environment variables: clear them on the way out too, so
        # that later tests do not see the demo's catalogue and model.
        support.support_model.cache_clear()

    clear()
    try:
        users = get_user_model().objects
        for username, url in (("counsellor", "/caseload/JS-0000001/"), ("jobseeker", "/me/")):
            client = Client()
            client.force_login(users.get(username=username), backend=_BACKEND)
            assert client.get(url).status_code == 200, url
    finally:
        clear()


_BACKEND = "django.contrib.auth.backends.ModelBackend"


def test_a_world_folder_killed_mid_write_is_made_again(tmp_path):
    from openpes.synth import generate_world
    from openpes.web.demo.world import demo_files_problems, demo_world, demo_world_dir

    folder = demo_world_dir(tmp_path)
    generate_world(50, 10, 2, seed=1).write_parquet(folder)
    (folder / "protected.parquet").unlink()
    (folder / ".outcomes.parquet.a1b2.tmp").write_bytes(b"half")
    assert "world" in demo_files_problems(tmp_path)
    world = demo_world(tmp_path)
    assert world.protected.height == 2000
    assert (folder / "protected.parquet").is_file()
    assert not list(folder.glob(".*.tmp"))
    assert "world" not in demo_files_problems(tmp_path)


@pytest.mark.slow
def test_a_killed_demo_is_repaired_by_the_next_run_and_reported_by_doctor(
    db, tmp_path, monkeypatch
):
    from openpes.cli._doctor import _check_demo

    demo_seed(var_dir=tmp_path)
    assert _check_demo(tmp_path)[0][1] is True
    # Killed during the world write (no protected.parquet, no manifest entry yet) and
    # during the model write (model.json written, manifest.json not yet; an orphan .tmp).
    (tmp_path / "demo-world" / "protected.parquet").unlink()
    (tmp_path / "demo-model" / "manifest.json").unlink()
    (tmp_path / "demo-model" / ".manifest.json.x1y2.tmp").write_text("{")
    name, ok, detail = _check_demo(tmp_path)[0]
    assert (name, ok) == ("demo data", False)
    assert "world" in detail and "model" in detail and "openpes demo" in detail
    demo_seed(var_dir=tmp_path)
    assert _check_demo(tmp_path)[0][1] is True
    assert not list((tmp_path / "demo-model").glob(".*.tmp"))
    _pages_answer(tmp_path, monkeypatch)
    # A corrupted byte in the model is caught by the hashes and the model made again.
    model = tmp_path / "demo-model" / "model.json"
    data = bytearray(model.read_bytes())
    data[100] ^= 1
    model.write_bytes(bytes(data))
    assert "model" in _check_demo(tmp_path)[0][2]
    demo_seed(var_dir=tmp_path)
    assert _check_demo(tmp_path)[0][1] is True
    _pages_answer(tmp_path, monkeypatch)
    assert trail_verify().intact
