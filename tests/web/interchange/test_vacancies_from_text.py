"""Vacancies with free text only: their skills and occupation found in the text."""

from __future__ import annotations

from openpes.web.caseload.taxonomy import taxonomy
from openpes.web.catalogue.models import Vacancy

FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
HEADER = "vacancy_id,title,description,region,lat,lon,hours,contract,posted_on,closes_on\n"
TEXT = "You will operate forklifts in our warehouse. Fluent Spanish is a plus."


def _row(ref: str, title: str, text: str) -> str:
    return f'{ref},{title},"{text}",West,51,4,full_time,permanent,2026-11-20,2026-12-31\n'


def test_an_import_finds_the_skills_in_the_description_and_the_occupation_in_the_title(
    db, cli_import, tmp_path
):
    path = tmp_path / "vacancies.csv"
    path.write_text(HEADER + _row("V-1", "Warehouse worker", TEXT))
    code, out = cli_import("vacancies", path, "--source", "feed")
    assert code == 0, out
    vacancy = Vacancy.objects.get(source="feed", reference="V-1")
    tax = taxonomy()
    assert FORKLIFT in vacancy.essential_skills
    assert set(vacancy.essential_skills) | set(vacancy.optional_skills) == {
        hit.uri for hit in tax.extract_skills(TEXT)
    }
    assert tax.label(vacancy.occupation_uri) == "warehouse worker"


def test_a_title_that_only_resembles_an_occupation_is_refused_with_the_closest(
    db, cli_import, tmp_path
):
    path = tmp_path / "vacancies.csv"
    path.write_text(HEADER + _row("V-1", "Senior Python developer", TEXT))
    code, out = cli_import("vacancies", path, "--source", "feed")
    assert code == 2, out
    assert "row 1" in out and "occupation_uri" in out and "the closest is" in out, out
    assert not Vacancy.objects.filter(source="feed").exists()


def test_a_description_without_any_skill_is_refused(db, cli_import, tmp_path):
    path = tmp_path / "vacancies.csv"
    path.write_text(HEADER + _row("V-1", "Warehouse worker", "Hello."))
    code, out = cli_import("vacancies", path, "--source", "feed")
    assert code == 2 and "description" in out and "names at least one ESCO skill" in out, out


def test_a_file_with_neither_skills_nor_a_description_is_refused(db, cli_import, tmp_path):
    path = tmp_path / "vacancies.csv"
    path.write_text(
        "vacancy_id,title,region,lat,lon,hours,contract,posted_on,closes_on\n"
        "V-1,Warehouse worker,West,51,4,full_time,permanent,2026-11-20,2026-12-31\n"
    )
    code, out = cli_import("vacancies", path, "--source", "feed")
    assert code == 2 and "essential_skills, or description" in out, out


def test_given_skills_win_over_the_description(db, cli_import, tmp_path):
    skill = taxonomy().search("Python", kind="skill", limit=1)[0].uri
    path = tmp_path / "vacancies.csv"
    path.write_text(
        HEADER.replace("description,", "description,essential_skills,")
        + _row("V-1", "Warehouse worker", TEXT).replace('",West', f'",{skill},West')
    )
    code, out = cli_import("vacancies", path, "--source", "feed")
    assert code == 0, out
    assert Vacancy.objects.get(source="feed").essential_skills == [skill]


def test_a_description_sent_again_is_not_read_again(db, cli_import, tmp_path, monkeypatch):
    from openpes.taxonomy import Taxonomy
    from openpes.web.catalogue.models import TextSkills

    path = tmp_path / "vacancies.csv"
    path.write_text(HEADER + _row("V-1", "Warehouse worker", TEXT))
    assert cli_import("vacancies", path, "--source", "feed")[0] == 0
    first = Vacancy.objects.get(source="feed", reference="V-1")
    assert TextSkills.objects.count() == 1
    stored = TextSkills.objects.get()
    assert TEXT not in str(stored.__dict__), "the text itself is not kept"

    real = Taxonomy.extract_skills
    readings: list[str] = []

    def counted(self, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        readings.append(text)
        return real(self, text, *args, **kwargs)

    monkeypatch.setattr(Taxonomy, "extract_skills", counted)
    # The same text in another vacancy, and another source: the skills stored are reused.
    path.write_text(HEADER + _row("V-2", "Warehouse worker", TEXT))
    code, out = cli_import("vacancies", path, "--source", "other")
    assert code == 0 and readings == [], out
    second = Vacancy.objects.get(source="other", reference="V-2")
    assert (second.essential_skills, second.optional_skills) == (
        first.essential_skills,
        first.optional_skills,
    )
    # A new text is read.
    path.write_text(HEADER + _row("V-3", "Warehouse worker", TEXT + " Night shifts."))
    assert cli_import("vacancies", path, "--source", "other")[0] == 0
    assert len(readings) == 1 and TextSkills.objects.count() == 2


def test_the_digest_covers_the_retrieval_that_read_the_text(db, monkeypatch):
    from openpes.taxonomy import Taxonomy
    from openpes.web.interchange import from_text

    def digest(text: str) -> str:
        return from_text._digests([text])[0]

    lexical_and_dense = digest(TEXT)
    monkeypatch.setattr(
        Taxonomy, "semantic", property(lambda self: not self._skill_retriever.dense)
    )
    assert digest(TEXT) != lexical_and_dense
    assert digest(TEXT + " ") != digest(TEXT)


def test_without_a_confident_skill_the_best_one_found_is_essential(db, cli_import, tmp_path):
    from openpes.web.interchange.from_text import ESSENTIAL_CONFIDENCE

    text = "Experience driving forklifts in a busy warehouse."
    hits = taxonomy().extract_skills(text)
    assert hits and hits[0].score < ESSENTIAL_CONFIDENCE and hits[0].source != "label", hits
    path = tmp_path / "vacancies.csv"
    path.write_text(HEADER + _row("V-1", "Warehouse worker", text))
    code, out = cli_import("vacancies", path, "--source", "feed")
    assert code == 0, out
    vacancy = Vacancy.objects.get(source="feed", reference="V-1")
    assert vacancy.essential_skills == [FORKLIFT] == [hits[0].uri]
    assert vacancy.optional_skills == [hit.uri for hit in hits[1:]]
