"""The audit trail: an append-only, hash-chained event log (EU AI Act Art. 12)."""
