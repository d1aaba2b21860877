"""Counselling decisions: what the counsellor did with a suggestion or assessment, and why.

Every decision and every request for a human review goes to the audit trail. Counsellors
can record their own assessment before they see the model's (counsellor-first mode).
"""
