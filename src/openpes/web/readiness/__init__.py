"""Organisational readiness assessments: the web side of ``openpes.readiness``."""
