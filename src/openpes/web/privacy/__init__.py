"""Rights of the people whose data OpenPES holds, across the domain apps (erasure)."""
