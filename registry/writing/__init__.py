"""Writes: each checked by the rules, logged with who made it and why, and applied in one transaction."""
