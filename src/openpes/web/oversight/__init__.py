"""Live oversight: AI systems and their stop switch, monitor runs, alerts, trail verification."""
