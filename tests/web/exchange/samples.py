"""A shared case a member sends in the exchange tests."""

CASE = {
    "title": "Reasons first",
    "problem": "Suggestions were ignored",
    "approach": "Show the reasons",
    "result": "More suggestions discussed",
    "lessons": "Explain",
    "theme": "counselling",
    "language": "nl",
    "country": "NL",
    "summary_en": "Reasons made suggestions usable.",
}
