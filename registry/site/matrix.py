"""The reporting record as a matrix in CSV: data/reporting.csv.

One row per country that is or was a member (by name, as on /reports/), one
column per cycle (oldest first, named by the year the report falls due), each
cell the country's status in that cycle as docs/data.md lists them
(`received`, `received-late`, `overdue`, `not-yet-due`, `not-owed`,
`no-record`), empty where the country has no standing in the cycle. Written by
members.csv's writer (opendata.csv_text): a header row, CRLF line ends, every
cell through opendata.safe_cell so that no cell reads as a spreadsheet formula.
"""

from registry.reading.snapshot import Snapshot
from registry.site.opendata import csv_text


def reporting_rows(snap: Snapshot) -> list[list[str]]:
    """The header and one row per country: ISO code, name, then its status in each cycle."""
    rows = [["iso2", "name", *(c.slug for c in snap.cycles)]]
    for s in snap.standings:
        record = snap.records.get(s.iso2)
        statuses = {o.cycle.slug: o.status for o in (record.obligations if record else [])}
        rows.append([s.iso2, s.name, *(statuses.get(c.slug, "") for c in snap.cycles)])
    return rows


def reporting_csv(snap: Snapshot) -> str:
    return csv_text(reporting_rows(snap))
