"""Re-importing vacancies that come with free text only (``description``, no ESCO URIs).

Run:  .venv/bin/python benchmarks/description_import.py [--vacancies 200] [--sentences 5]

A feed resends its open vacancies every day, most of them unchanged. Since the skills found
in a description are kept under its digest (``catalogue.TextSkills``), a description seen
before is not read again. This measures, on one fresh SQLite database:

1. the first import of N vacancies of S sentences each (every description is read);
2. **ours**: the same file again;
3. **peer, the code before the digests**: the same file again with the stored digests
   deleted first, which is what every re-import cost before (every description read again);
4. a daily update: the same file with one sentence changed in 10 % of the vacancies.

Each import is ``openpes import vacancies`` in a child process (wall time and the child's
CPU time). Steps 2 and 3 must both say "Nothing changed": the digests give the same skills.
The sentences are the English paraphrases of ``benchmarks/data/skill_sentences.tsv``.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODE = "import sys; from openpes._console import main; sys.argv[0] = 'openpes'; main()"
HEADER = [
    "vacancy_id",
    "title",
    "description",
    "region",
    "lat",
    "lon",
    "hours",
    "contract",
    "posted_on",
    "closes_on",
]


def _openpes(env: dict[str, str], *argv: str) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CODE, *argv], env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"openpes {' '.join(argv)} failed:\n{done.stdout}{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def _sentences() -> list[str]:
    with (HERE / "data" / "skill_sentences.tsv").open(encoding="utf-8") as handle:
        return [
            row["text"] for row in csv.DictReader(handle, delimiter="\t") if row["lang"] == "en"
        ]


def _write(path: Path, descriptions: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i, text in enumerate(descriptions, 1):
            writer.writerow(
                [
                    f"V-{i:05d}",
                    "warehouse worker",
                    text,
                    "West",
                    51,
                    4,
                    "full_time",
                    "permanent",
                    "2026-11-20",
                    "2026-12-31",
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vacancies", type=int, default=200)
    parser.add_argument("--sentences", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(7)
    pool = _sentences()
    descriptions = [" ".join(rng.sample(pool, args.sentences)) for _ in range(args.vacancies)]
    changed = list(descriptions)
    for i in rng.sample(range(args.vacancies), max(1, args.vacancies // 10)):
        changed[i] = changed[i] + " " + rng.choice(pool)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        env = {**os.environ, "OPENPES_VAR_DIR": str(folder / "var"), "OPENPES_INDEX_BUILD": "off"}
        env.pop("OPENPES_DATABASE_URL", None)
        _openpes(env, "manage", "migrate", "-v0")
        # A description in which no skill at all is found is refused (the feed must give
        # essential_skills); such rows are left out of this run, and counted.
        _write(folder / "day1.csv", descriptions)
        check = subprocess.run(
            [
                sys.executable,
                "-c",
                CODE,
                "import",
                "vacancies",
                str(folder / "day1.csv"),
                "--dry-run",
                "--max-errors",
                str(args.vacancies),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        refused = {int(n) - 1 for n in re.findall(r"row (\d+), column description", check.stdout)}
        forget = (
            "from openpes.web.catalogue.models import TextSkills; TextSkills.objects.all().delete()"
        )
        _openpes(env, "manage", "shell", "-c", forget)  # the check's digests: read afresh
        descriptions = [d for i, d in enumerate(descriptions) if i not in refused]
        changed = [d for i, d in enumerate(changed) if i not in refused]
        _write(folder / "day1.csv", descriptions)
        _write(folder / "day2.csv", changed)
        print(f"{len(refused)} of {args.vacancies} descriptions refused (no skill found in them)")
        print(f"load average at start {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"{len(descriptions)} vacancies of {args.sentences} sentences, SQLite")
        steps = [
            ("first import (every description read)", "day1.csv", False),
            ("ours: the same file again", "day1.csv", False),
            ("peer (before): the same file, digests deleted", "day1.csv", True),
            ("daily update: 10 % of descriptions changed", "day2.csv", False),
        ]
        times = {}
        for name, file, digests_deleted in steps:
            if digests_deleted:
                _openpes(env, "manage", "shell", "-c", forget)
            wall, cpu, last = _openpes(
                env, "import", "vacancies", str(folder / file), "--source", "feed"
            )
            times[name] = cpu
            print(f"  {name:48s} wall {wall:6.1f} s  CPU {cpu:6.1f} s  | {last}")
        ours = times["ours: the same file again"]
        peer = times["peer (before): the same file, digests deleted"]
        print(f"re-import CPU, peer / ours: {peer / ours:.1f}x")
        print(f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
