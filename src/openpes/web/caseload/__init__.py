"""Caseload: job seekers, their skills, work history and preferences, and who counsels them."""
