"""Text normalisation shared by search and skill extraction.

Labels and user text go through the same functions, so that "Électricien",
"electricien" and "ELECTRICIEN" meet on one key.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "normalise_label", "stem", "tokenise"]

# A token is a run of letters/digits, optionally followed by "+" or "#", so that
# skills such as "C++" and "C#" survive tokenisation.
_TOKEN = re.compile(r"[^\W_]+[+#]*")


def fold(text: str) -> str:
    """Strip accents and case: NFKD, drop combining marks, casefold."""
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed.casefold()
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def tokenise(text: str) -> list[tuple[str, int, int]]:
    """Split text into ``(token, start, end)`` with spans in the *original* text.

    Folding happens per token, after matching, so spans stay valid even when
    NFKD would change the length of the text.
    """
    return [(fold(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def normalise_label(text: str) -> str:
    """Fold accents and case, keep word tokens only, single-spaced."""
    return " ".join(_TOKEN.findall(fold(text)))


def stem(token: str) -> str:
    """Remove one common English inflection ending.

    Deliberately crude (no dictionary): it only has to map "operates",
    "operated", "operating" and "operate" to one key, for labels and text alike.
    """
    if len(token) <= 4 or not token.isalpha():
        return token
    for suffix in ("ing", "ies", "ed", "es", "s", "e"):
        if token.endswith(suffix):
            if suffix == "s" and token.endswith("ss"):
                return token
            root = token[: -len(suffix)]
            if suffix == "ies":
                root += "y"
            if len(root) >= 3:
                return root
    return token
