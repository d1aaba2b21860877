"""Names of protected attributes, recognised in any of the ten languages.

A column called ``sex``, ``Geschlecht`` or ``date_of_birth`` must never silently become a
feature of a model: training refuses it unless it is declared protected (audited, never a
feature) or explicitly allowed. The list lives here, in one place, so that every part of
the core recognises the same names.

Matching ignores case, accents and separators (Hangul is kept as it is written), and looks
at runs of words inside a name,
so ``Age band``, ``age-band``, ``AgeBand`` and ``applicant_age`` are all recognised
(health, disability and pregnancy only as the whole name, see ``_WHOLE_NAME_ONLY``).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["PROTECTED_NAMES", "is_protected_name"]

#: Normalised (lower case, no accents, no separators) names of protected attributes:
#: sex, gender, age, age band, date of birth, origin, nationality, ethnicity, race,
#: religion, disability, health, pregnancy and sexual orientation, in en, fr, de, nl, es, fi, lv,
#: tr, ko, ms.
PROTECTED_NAMES: frozenset[str] = frozenset(
    {
        # en
        "sex", "gender", "age", "ageband", "agegroup", "agebracket", "agecategory",
        "dateofbirth", "birthdate", "dob", "birthday", "yearofbirth", "birthyear",
        "countryofbirth", "birthcountry", "origin", "ethnicorigin", "migrationbackground",
        "nationality", "citizenship", "ethnicity", "ethnic", "race", "religion", "religious",
        "belief", "disability", "disabled", "handicap", "health", "healthstatus",
        "pregnancy", "pregnant", "maternity", "sexualorientation",
        # fr
        "sexe", "genre", "trancheage", "tranchedage", "classeage", "datedenaissance",
        "datenaissance", "anneedenaissance", "anneenaissance", "paysdenaissance", "origine",
        "nationalite", "ethnie", "ethnicite", "handicape", "sante", "grossesse",
        "enceinte", "orientationsexuelle",
        # de
        "geschlecht", "alter", "altersgruppe", "altersklasse", "altersband", "geburtsdatum",
        "geburtsjahr", "geburtsland", "herkunft", "migrationshintergrund",
        "staatsangehorigkeit", "staatsangehoerigkeit", "nationalitat", "nationalitaet",
        "ethnizitat", "ethnizitaet", "rasse", "konfession", "behinderung",
        "schwerbehinderung", "gesundheit", "schwangerschaft", "schwanger",
        "sexuelleorientierung",
        # nl
        "geslacht", "leeftijd", "leeftijdsgroep", "leeftijdscategorie", "leeftijdsklasse",
        "geboortedatum", "geboortejaar", "geboorteland", "afkomst", "herkomst",
        "nationaliteit", "etniciteit", "etnische", "etnischeafkomst", "ras", "religie",
        "geloof", "godsdienst", "beperking", "arbeidsbeperking", "gezondheid",
        "zwangerschap", "zwanger", "seksuelegeaardheid", "geaardheid",
        # es
        "sexo", "genero", "edad", "grupoedad", "grupodeedad", "rangoedad", "rangodeedad",
        "fechadenacimiento", "fechanacimiento", "anodenacimiento", "paisdenacimiento",
        "origen", "nacionalidad", "etnia", "etnicidad", "raza", "discapacidad",
        "minusvalia", "salud", "embarazo", "embarazada", "orientacionsexual",
        # fi
        "sukupuoli", "ika", "ikaryhma", "ikaluokka", "syntymaaika", "syntymapaiva",
        "syntymavuosi", "syntymamaa", "alkupera", "kansalaisuus", "etninentausta", "etnisyys",
        "rotu", "uskonto", "vakaumus", "vammaisuus", "vamma", "terveys", "terveydentila",
        "raskaus", "raskaana", "seksuaalinensuuntautuminen",
        # lv
        "dzimums", "vecums", "vecumagrupa", "dzimsanasdatums", "dzimsanasgads",
        "dzimsanasvalsts", "izcelsme", "pilsoniba", "valstspiederiba", "tautiba",
        "etniskapiederiba",
        "rase", "religija", "ticiba", "invaliditate", "veseliba", "veselibasstavoklis",
        "grutnieciba", "seksualaorientacija",
        # tr
        "cinsiyet", "yas", "yasgrubu", "dogumtarihi", "dogumyili", "dogumyeri", "koken",
        "uyruk", "uyrugu", "vatandaslik", "etnikkoken", "irk", "din", "inanc", "engellilik",
        "engelli", "saglik", "saglikdurumu", "gebelik", "hamilelik", "hamile",
        "cinselyonelim",
        # ko
        "성별", "나이", "연령", "연령대", "생년월일", "출생연도", "출생국", "출신", "출신국",
        "국적", "민족", "인종", "종교", "장애", "장애여부", "건강", "건강상태", "임신",
        "성적지향",
        # ms
        "jantina", "umur", "usia", "kumpulanumur", "tarikhlahir", "tahunlahir", "negaralahir",
        "asal", "kewarganegaraan", "warganegara", "bangsa", "kaum", "etnik", "agama",
        "kecacatan", "oku", "kesihatan", "kehamilan", "hamil", "orientasiseksual",
    }
)  # fmt: skip

#: Health, disability and pregnancy are recognised only as the whole name: a column such as
#: ``health_limitation`` (a work-limiting condition, a support need the demo world models) is
#: a deliberate feature, while ``health`` or ``Behinderung`` is the attribute itself.
_WHOLE_NAME_ONLY: frozenset[str] = frozenset(
    {
        "disability", "disabled", "handicap", "health", "healthstatus", "pregnancy",
        "pregnant", "maternity", "handicape", "sante", "grossesse", "enceinte", "behinderung",
        "schwerbehinderung", "gesundheit", "schwangerschaft", "schwanger", "beperking",
        "arbeidsbeperking", "gezondheid", "zwangerschap", "zwanger", "discapacidad",
        "minusvalia", "salud", "embarazo", "embarazada", "vammaisuus", "vamma", "terveys",
        "terveydentila", "raskaus", "raskaana", "invaliditate", "veseliba",
        "veselibasstavoklis", "grutnieciba", "engellilik", "engelli", "saglik",
        "saglikdurumu", "gebelik", "hamilelik", "hamile", "장애", "장애여부", "건강",
        "건강상태", "임신", "kecacatan", "oku", "kesihatan", "kehamilan", "hamil",
        # Short or everyday words that name the attribute only on their own: "din" (Turkish
        # religion), "asal" (Malay origin, also "original"), "ika" (Finnish age).
        "din", "asal", "ika", "yas",
    }
)  # fmt: skip
_IN_A_NAME = PROTECTED_NAMES - _WHOLE_NAME_ONLY
_LONGEST = 4  # words: "date of birth", "fecha de nacimiento"


_DOTLESS = str.maketrans({"ı": "i", "İ": "I"})  # Turkish: sağlık -> saglik


def _words(name: str) -> list[str]:
    # camelCase becomes words; accents go (Staatsangehörigkeit -> staatsangehorigkeit), but
    # letters of other scripts stay (성별): NFKD, drop combining marks, then NFC again so that
    # Hangul syllables are whole.
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name.translate(_DOTLESS))
    bare = "".join(c for c in unicodedata.normalize("NFKD", spaced) if not unicodedata.combining(c))
    plain = unicodedata.normalize("NFC", bare).casefold()
    return [word for word in re.split(r"[\W_]+", plain) if word]


def is_protected_name(name: str) -> bool:
    """Whether a column name names a protected attribute.

    Examples
    --------
    >>> [is_protected_name(n) for n in ("sex", "Age band", "dateOfBirth", "Geschlecht")]
    [True, True, True, True]
    >>> [is_protected_name(n) for n in ("applicant_nationalité", "wage", "stage", "isced")]
    [True, False, False, False]
    >>> is_protected_name("Gesundheit"), is_protected_name("health_limitation")
    (True, False)
    >>> [is_protected_name(n) for n in ("sukupuoli", "Doğum tarihi", "성별", "kumpulan_umur")]
    [True, True, True, True]
    """
    words = _words(name)
    if "".join(words) in PROTECTED_NAMES:
        return True
    return any(
        "".join(words[start:end]) in _IN_A_NAME
        for start in range(len(words))
        for end in range(start + 1, min(len(words), start + _LONGEST) + 1)
    )
