"""Demo hub for `make run`: the 12 fictional PES of the readiness demo, each registered
with its own key and sharing a signed bundle (readiness scores, two register records,
oversight indicators and a case), received through the same checks as any upload."""

from __future__ import annotations

import numpy as np

from openpes import readiness as core_readiness
from openpes.exchange import build_bundle, new_private_key, public_key_text, sign
from openpes.web.exchange.enums import Via
from openpes.web.exchange.models import Member
from openpes.web.exchange.services import bundle_receive, member_register

#: Workshop countries, one per fictional PES (the PES themselves are invented).
_COUNTRIES = ("FI", "LV", "TR", "KR", "MY", "FR", "DE", "NL", "ES", "BE", "GB", "BE")
_MONITORS = ("decisions", "drift", "performance", "calibration")

# (language, theme, title, problem, approach, result, lessons, English summary)
_CASES = (
    (
        "fi",
        "counselling",
        "Ensimmäinen haastattelu ensin",
        "Ehdotukset ohjasivat keskustelua liian aikaisin.",
        "Ohjaaja kuulee asiakasta ensin ja avaa ehdotukset vasta sitten.",
        "Asiakkaat kokivat tulleensa kuulluiksi.",
        "Järjestys on osa suojakeinoja.",
        "Counsellors open suggestions only after listening first.",
    ),
    (
        "lv",
        "fairness",
        "Vecuma grupu pārbaude",
        "Vecāki klienti retāk saņēma apmācību piedāvājumus.",
        "Uzraudzība pēc vecuma grupām ik mēnesi.",
        "Atšķirība samazinājās uz pusi.",
        "Mēriet pirms un pēc izmaiņām.",
        "Monthly age-group monitoring halved a training-offer gap.",
    ),
    (
        "tr",
        "readiness",
        "Veri koruma ekibiyle erken çalışma",
        "Projeler veri koruma değerlendirmesinde takılıyordu.",
        "Veri koruma görevlisi ilk günden ekibe katıldı.",
        "Onay süresi üç aydan üç haftaya indi.",
        "Hazırlık bir takım işidir.",
        "Bringing data protection in from day one cut approval time.",
    ),
    (
        "ko",
        "counselling",
        "상담사 교육 먼저",
        "상담사들이 추천의 근거를 설명하지 못했다.",
        "모든 상담사에게 AI 이해 교육을 제공했다.",
        "설명이 가능한 상담이 늘었다.",
        "교육이 도입보다 먼저다.",
        "AI-literacy training came before roll-out.",
    ),
    (
        "ms",
        "fairness",
        "Semakan mengikut wilayah",
        "Cadangan kurang tepat bagi pencari kerja luar bandar.",
        "Prestasi dipantau mengikut kawasan.",
        "Jurang dikenal pasti dan diperbaiki.",
        "Kumpulan kecil perlu dipantau dengan berhati-hati.",
        "Monitoring by area found and fixed a rural accuracy gap.",
    ),
    (
        "fr",
        "readiness",
        "Un registre public dès le départ",
        "Les usagers ne savaient pas quand l’IA était utilisée.",
        "Publication du registre avant la mise en service.",
        "Moins de plaintes, plus de questions précises.",
        "La transparence prépare la confiance.",
        "Publishing the register before go-live built trust.",
    ),
    (
        "de",
        "counselling",
        "Überprüfung auf Wunsch",
        "Kundinnen konnten Einschätzungen nicht anfechten.",
        "Ein einfacher Weg zur menschlichen Überprüfung.",
        "Wenige, aber berechtigte Anträge.",
        "Ein Prüfweg muss leicht zu finden sein.",
        "An easy human-review route drew few but well-founded requests.",
    ),
    (
        "nl",
        "fairness",
        "Een stopknop die werkt",
        "Niemand wist wie het systeem mocht stilzetten.",
        "De toezichthouder kreeg een stopknop per team.",
        "Eén pauze bij een afwijking, binnen een uur opgelost.",
        "Oefen het stilzetten.",
        "A per-team stop switch was used once and resolved within an hour.",
    ),
    (
        "es",
        "readiness",
        "Evaluación con toda la plantilla",
        "La dirección veía la organización más preparada que el personal.",
        "Cuestionario a dirección, orientadores y TI.",
        "Un plan con las prioridades de la primera línea.",
        "Pregunte a quien usa el sistema.",
        "Asking front-line staff changed the readiness roadmap.",
    ),
    (
        "nl",
        "counselling",
        "Redenen bij elke suggestie",
        "Suggesties zonder uitleg werden genegeerd.",
        "Elke suggestie toont de redenen.",
        "Meer suggesties werden besproken met de werkzoekende.",
        "Uitleg maakt gebruik mogelijk.",
        "Showing reasons made counsellors discuss suggestions.",
    ),
    (
        "en",
        "fairness",
        "Auditing by disability",
        "Disabled job seekers were under-represented in suggestions.",
        "Added disability to the audited groups with a group minimum of ten.",
        "A gap was found and the model retrained.",
        "Audit the groups the law protects, not only the easy ones.",
        "",
    ),
    (
        "fr",
        "counselling",
        "Le conseiller décide",
        "Certains conseillers suivaient le score sans discuter.",
        "Le score n’apparaît qu’après l’avis du conseiller.",
        "Plus de décisions motivées.",
        "L’ordre de l’écran compte.",
        "Showing the score after the counsellor's view led to reasoned decisions.",
    ),
)


def _parts(index: int, assessment: core_readiness.Assessment, rng: np.random.Generator) -> dict:
    shared = core_readiness.share(core_readiness.score(assessment))
    register = []
    indicators = []
    for system, name in (("matching", "Vacancy suggestions"), ("support-needs", "Support needs")):
        monitors = sorted(rng.choice(_MONITORS, size=int(rng.integers(1, 5)), replace=False))
        groups = [g for g in ("gender", "age", "origin", "disability") if rng.random() < 0.7] or [
            "gender"
        ]
        register.append(
            {
                "system": system,
                "name": {"en": name},
                "purpose": {"en": f"{name} for counsellors (fictional)"},
                "safeguards": {
                    "counsellor_first": bool(rng.random() < 0.85),
                    "stop_switch": bool(rng.random() < 0.7),
                    "monitors": [str(m) for m in monitors],
                    "review_route": bool(rng.random() < 0.75),
                    "fria_done": bool(system == "support-needs" and rng.random() < 0.6),
                },
                "data_used": ["Work history", "Skills"]
                + (["Education"] if rng.random() < 0.5 else []),
                "groups_audited": groups,
            }
        )
        people = int(rng.integers(300, 5000))
        reviews = int(people * rng.uniform(0.01, 0.05))
        indicators.append(
            {
                "system": system,
                "kind": system,
                "people": people,
                "audit_verdict": str(rng.choice(["pass", "pass", "review"])),
                "override_rate": round(float(rng.uniform(0.05, 0.4)), 3),
                "review_rate": round(reviews / people, 3),
                "reviews": reviews,
                "alerts": int(rng.poisson(1.0)),
                "pauses": int(rng.random() < 0.2),
                "groups": [
                    {"attribute": g, "group": "all", "n": int(people * 0.4)} for g in groups
                ],
            }
        )
    language, theme, title, problem, approach, result, lessons, summary = _CASES[index]
    return {
        "readiness": [
            {
                "framework_id": shared.framework_id,
                "framework_version": shared.framework_version,
                "overall": round(shared.overall, 2),
                "dimensions": {k: round(v, 2) for k, v in shared.dimensions.items()},
                "date": assessment.date or "",
            }
        ],
        "register": register,
        "indicators": indicators,
        "cases": [
            {
                "title": title,
                "problem": problem,
                "approach": approach,
                "result": result,
                "lessons": lessons,
                "theme": theme,
                "language": language,
                "country": _COUNTRIES[index],
                "summary_en": summary,
            }
        ],
    }


def exchange_demo_seed() -> int:
    """Register the 12 fictional PES and receive their bundles (idempotent); how many."""
    organisations = core_readiness.demo_organisations()
    if Member.objects.filter(slug__startswith="demo-").exists():
        return 0
    rng = np.random.default_rng(17)
    for index, assessment in enumerate(organisations):
        place = assessment.organisation.removeprefix("PES of ").removesuffix(" (fictional)")
        slug = f"demo-{place.lower()}"
        key = new_private_key()
        member_register(
            actor=None,
            slug=slug,
            name=assessment.organisation,
            country=_COUNTRIES[index],
            public_key=public_key_text(key),
            region=assessment.region or "",
            size_band=assessment.size_band or "",
            with_token=False,
        )
        bundle = sign(build_bundle(slug, _parts(index, assessment, rng)), key)
        bundle_receive(actor=None, data=bundle, via=Via.DEMO)
    return len(organisations)
