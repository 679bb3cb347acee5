"""The domain's rules as pure functions: countries, dates, histories, standings, cycles and what is owed.

Nothing here touches the database or the site; type-checked strictly (mypy --strict).
"""
