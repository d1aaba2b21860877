"""The counsellor's casework: case notes and contacts, appointments, the action plan."""
