"""Merge translations into gettext catalogues and compile them, with Babel.

    python scripts/add_translations.py LOCALEDIR DOMAIN FILE.json

FILE.json maps each English msgid to its translations:
``{"Skip to the content": {"fr": "...", "de": "...", "nl": "...", "es": "..."}}``.
A plural entry is keyed by its singular msgid, names its plural msgid under
``"msgid_plural"`` and gives each language a list with one text per plural form of
that language (as many as the catalogue's ``nplurals``):
``{"%(n)s job seeker": {"msgid_plural": "%(n)s job seekers", "fi": ["...", "..."]}}``.
Missing catalogues are created; existing entries are replaced; every catalogue in
LOCALEDIR is compiled afterwards. Web apps use the domain ``django``, the core ``messages``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compile_messages import compile_catalogue  # noqa: E402

PLURAL_KEY = "msgid_plural"


def merge(
    localedir: Path, domain: str, entries: dict[str, dict[str, str | list[str]]]
) -> list[Path]:
    languages = sorted({lang for texts in entries.values() for lang in texts if lang != PLURAL_KEY})
    written = []
    for lang in languages:
        po = localedir / lang / "LC_MESSAGES" / f"{domain}.po"
        if po.exists():
            with po.open("rb") as handle:
                catalogue = read_po(handle, locale=lang)
        else:
            po.parent.mkdir(parents=True, exist_ok=True)
            catalogue = Catalog(locale=lang, project="OpenPES", version="0.1.0")
        for msgid, texts in entries.items():
            if lang not in texts:
                continue
            text = texts[lang]
            if isinstance(text, list):
                if PLURAL_KEY not in texts:
                    raise ValueError(f"{msgid!r}: plural forms given without {PLURAL_KEY!r}")
                if len(text) != catalogue.num_plurals:
                    needed, given = catalogue.num_plurals, len(text)
                    raise ValueError(f"{msgid!r}: {lang} needs {needed} plural forms, got {given}")
                catalogue.delete(msgid)
                catalogue.add((msgid, texts[PLURAL_KEY]), tuple(text))
            else:
                catalogue.delete(msgid)
                catalogue.add(msgid, text)
        with po.open("wb") as handle:
            write_po(handle, catalogue, width=100, omit_header=False)
        compile_catalogue(po)
        written.append(po)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    localedir, domain, source = Path(argv[0]), argv[1], Path(argv[2])
    entries = json.loads(source.read_text(encoding="utf-8"))
    for po in merge(localedir, domain, entries):
        print(f"updated {po}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
