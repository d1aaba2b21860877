"""Merge translations into gettext catalogues and compile them, with Babel.

    python scripts/add_translations.py LOCALEDIR DOMAIN FILE.json

FILE.json maps each English msgid to its translations:
``{"Skip to the content": {"fr": "...", "de": "...", "nl": "...", "es": "..."}}``.
A plural entry gives its English plural under ``"msgid_plural"`` and, per language, the
list of forms that language's plural rule needs (Babel's ``Catalog(locale=..).num_plurals``):
``{"{n} more": {"msgid_plural": "{n} more", "fr": ["...", "..."], "ko": ["..."]}}``.
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


def merge(localedir: Path, domain: str, entries: dict[str, dict[str, str]]) -> list[Path]:
    languages = sorted({lang for texts in entries.values() for lang in texts} - {"msgid_plural"})
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
            if lang in texts:
                catalogue.delete(msgid)
                if "msgid_plural" in texts:
                    forms = tuple(texts[lang])
                    if len(forms) != catalogue.num_plurals:
                        raise SystemExit(
                            f"{lang}: {msgid!r} needs {catalogue.num_plurals} plural forms"
                        )
                    catalogue.add((msgid, texts["msgid_plural"]), forms)
                else:
                    catalogue.add(msgid, texts[lang])
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
