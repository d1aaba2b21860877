"""Fictional names for demo job seekers, mixed across European languages."""

FIRST_NAMES = (
    "Ana",
    "Ben",
    "Chloé",
    "Daan",
    "Elif",
    "Femke",
    "Giulia",
    "Hannes",
    "Inès",
    "Jonas",
    "Karim",
    "Lena",
    "Mateo",
    "Nora",
    "Olivier",
    "Paula",
    "Quentin",
    "Rosa",
    "Stefan",
    "Tess",
    "Umar",
    "Vera",
    "Willem",
    "Ximena",
    "Yusuf",
    "Zofia",
    "Amina",
    "Bram",
    "Carmen",
    "Dries",
)
LAST_NAMES = (
    "Aerts",
    "Bauer",
    "Costa",
    "Dubois",
    "Engel",
    "Fernández",
    "Goossens",
    "Hoffmann",
    "Ivanova",
    "Janssens",
    "Klein",
    "Lambert",
    "Martín",
    "Nowak",
    "Okafor",
    "Peeters",
    "Quispe",
    "Roux",
    "Schmidt",
    "Timmermans",
    "Urban",
    "Vos",
    "Wagner",
    "Yilmaz",
    "Zimmermann",
    "Moreau",
    "Smit",
)


def fictional_name(index: int) -> tuple[str, str]:
    # A multiplicative hash spreads combinations, so a round-robin caseload does not repeat names.
    mixed = (index * 2654435761) % 2**32
    return FIRST_NAMES[mixed % len(FIRST_NAMES)], LAST_NAMES[
        (mixed // len(FIRST_NAMES)) % len(LAST_NAMES)
    ]
