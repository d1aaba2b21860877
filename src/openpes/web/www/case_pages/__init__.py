"""What the case pages share: the job seeker's page (/me/) and the counsellor's (/caseload/<ref>/).

Not a view app (it has no URLs): the caseload, counselling and review view apps each import
it, so that no view app imports another and a failed form can re-render the whole page.
"""
