"""Compile every gettext catalogue under src/openpes (.po -> .mo) with Babel.

Babel is a Python dependency, so no system gettext is needed. Run via `make messages`
after editing a .po file; tests/test_translations.py fails if a .mo is stale.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent / "src" / "openpes"


def compile_catalogue(po_path: Path) -> Path:
    with po_path.open("rb") as handle:
        catalogue = read_po(handle, locale=po_path.parent.parent.name)
    mo_path = po_path.with_suffix(".mo")
    fd, tmp = tempfile.mkstemp(dir=mo_path.parent, prefix=f".{mo_path.name}.")
    with os.fdopen(fd, "wb") as handle:
        write_mo(handle, catalogue, use_fuzzy=False)
    os.replace(tmp, mo_path)
    return mo_path


def main() -> int:
    catalogues = sorted(ROOT.rglob("locale/*/LC_MESSAGES/*.po"))
    for po_path in catalogues:
        compile_catalogue(po_path)
    print(f"compiled {len(catalogues)} catalogues")
    return 0


if __name__ == "__main__":
    sys.exit(main())
