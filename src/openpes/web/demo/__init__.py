"""Demo data for `make run`: one login per role, teams, and (from later features) a caseload."""
