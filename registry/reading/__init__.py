"""The read model: every question the CLI, the site, export and check ask, answered as plain data.

Each question is gathered by one function (standings.steps, reporting.records, listing.listings, ...)
for one entry or for all, and answered by the rules in registry.rules.
"""
