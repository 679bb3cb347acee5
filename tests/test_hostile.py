"""Hostile input, everywhere: every command that takes a value, fed values meant to break it.

Each case runs a command as a user would (in-process, as the `cli` fixture does) and must end
in success or in a clear refusal: never a traceback, never the CLI's last-resort message
("unexpected failure"), never a control character of the input echoed to the terminal, and
never a write after a refusal. Values the registry keeps as given (HTML, spreadsheet formulas,
SQL, right-to-left marks in a note) must be stored exactly; values no document contains
(control characters, lone surrogates, 10,001 characters in a line, dates before 1900, ids past
2**31) are refused by the one rule for their field.

The cases are generated: each command's base invocation, which succeeds, with one value
replaced by a hostile one. Refusals share one registry per backend (a refusal changes
nothing, which each case checks); a case that may be stored runs on its own copy. The bulk
runs on SQLite; a representative subset (numbers PostgreSQL refuses differently, NUL bytes,
lone surrogates, database constraints) runs on PostgreSQL too.
"""

import csv
import functools
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import typer.main
import typer.testing
from conftest import (
    POSTGRES,
    SKIP_POSTGRES,
    TODAY,
    Result,
    assert_refused,
    copy_registry,
    drop_postgres_database,
    new_postgres_database,
)
from typer.testing import CliRunner

from registry.cli import app
from registry.reading.export import TABLES
from registry.rules import entries
from registry.storage import db

REFUSED = "refused"  # exit 1, a clear "Error:" message, nothing written (assert_refused)
USAGE = "usage"  # exit 2, the parser's message, nothing written
ACCEPTED = "accepted"  # exit 0 and nothing written: a read, an export, a backup
STORED = "stored"  # exit 0 on a copy of the registry, the values kept exactly as given
EITHER = "either"  # on a copy: exit 0, or a clean refusal that writes nothing

RUNNER = CliRunner()
USER = "secretariat-test"

#: What no output may carry from its input: C0 and C1 control characters (a newline and a tab
#: are layout), which a terminal would obey.
TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# -- the hostile values ------------------------------------------------------------------------

TEXTS = {
    "empty": "",
    "blank": "   ",
    "long": "x" * 10_001,
    "huge": "y" * 100_000,
    "nul": "a\x00b",
    "bell": "ring\x07",
    "backspace": "a\x08b",
    "escape": "\x1b[2J\x1b[31mred",
    "osc-title": "\x1b]0;owned\x07",
    "c1-csi": "\x9b31m",
    "delete": "a\x7fb",
    "carriage-return": "a\rb",
    "crlf": "one\r\ntwo",
    "surrogate": "\udcff",
    "half-surrogate": "caf\udce9",
    "noncharacter": "a\uffffb",
    "rtl-override": "\u202eevil.exe",
    "zero-width": "a\u200bb",
    "html": "<script>alert(1)</script><img src=x onerror=alert(2)>",
    "formula-eq": '=HYPERLINK("http://evil.example/","open me")',
    "formula-plus": "+cmd|' /C calc'!A0",
    "formula-minus": "-2+3+cmd|' /C calc'!A0",
    "formula-at": "@SUM(A1:A9)",
    "sql": "'); DROP TABLE action; --",
    "traversal": "../../etc/passwd",
    "newline": "one\ntwo",
    "tab": "one\ttwo",
    "unicode": "\U0001f30d e\u0301 \u0645\u0631\u062d\u0628\u0627",
}
#: Characters that no document contains: refused in every text.
UNPRINTABLE = {"nul", "bell", "backspace", "escape", "osc-title", "c1-csi", "delete", "carriage-return",
               "crlf", "surrogate", "half-surrogate", "noncharacter"}
#: A few of each kind, for the fields crossed with fewer values.
SHORT_TEXTS = ["empty", "blank", "long", "nul", "escape", "c1-csi", "surrogate", "noncharacter", "rtl-override",
               "html", "formula-eq", "formula-at", "sql", "newline"]
SHORT_BY = ["empty", "blank", "long", "nul", "escape", "surrogate", "rtl-override", "newline", "html",
            "formula-eq"]


def text_fate(kind: str, name: str) -> str:
    """What a text field of `kind` does with TEXTS[name]: text (free text), line (one line),
    required (a line that must say something), reason, by (who makes the change)."""
    value = TEXTS[name]
    if name in UNPRINTABLE or len(value) > 10_000:
        return REFUSED
    if kind in ("line", "required", "by") and ("\n" in value or len(value) > 500):
        return REFUSED
    if kind in ("required", "by", "reason") and not value.strip():
        return REFUSED
    if kind == "reason" and len(value) > 500:
        return REFUSED
    if kind == "by" and name in ("rtl-override", "zero-width"):
        return REFUSED  # who made a change is shown as it reads: no invisible marks
    return STORED


DATES = {
    "zero": "0000-00-00",
    "year-9999": "9999-12-31",
    "before-1900": "1899-12-31",
    "february-30": "2024-02-30",
    "month-13": "2015-13-01",
    "empty": "",
    "blank": "   ",
    "nul": "2015-01-01\x00",
    "escape": "\x1b[2J",
    "surrogate": "2015-01-01\udcff",
    "nan": "NaN",
    "huge-number": str(2**63),
    "negative": "-1",
    "overflowing-float": "1e309",
    "words": "yesterday",
    "unpadded": "2015-1-1",
    "slashes": "2015/01/01",
    "with-time": "2015-01-01T00:00:00",
    "sql": "2015-01-01'; --",
    "arabic-digits": "\u0662\u0660\u0661\u0665-\u0660\u0661-\u0660\u0661",
    "fullwidth-digits": "\uff12\uff10\uff11\uff15-\uff10\uff11-\uff10\uff11",
    "long": "2" * 10_001,
}
SHORT_DATES = ["zero", "year-9999", "before-1900", "february-30", "empty", "nul", "surrogate", "nan", "long"]

NUMBERS = {
    "minus-one": "-1",
    "zero": "0",
    "2**31": str(2**31),
    "2**63": str(2**63),
    "2**64": str(2**64),
    "5000-digits": "9" * 5000,
    "overflowing-float": "1e309",
    "nan": "NaN",
    "infinity": "inf",
    "fraction": "1.5",
    "empty": "",
    "hex": "0x10",
    "nul": "1\x00",
    "surrogate": "1\udcff",
}
#: What the parser makes of each: a whole number the rules then judge, or a usage error.
PARSED = {"minus-one", "zero", "2**31", "2**63", "2**64"}

COUNTRIES = {
    "empty": "",
    "blank": "   ",
    "long": "F" * 10_001,
    "nul": "FR\x00",
    "escape": "\x1b[2JFR",
    "surrogate": "\udcff",
    "rtl-override": "\u202eRF",
    "zero-width": "F\u200bR",
    "html": "<b>France</b>",
    "formula": "=FR",
    "sql": "FR' OR '1'='1",
    "traversal": "../FR",
    "cyrillic-a": "Fr\u0430nce",
    "ambiguous": "Virgin Islands",
    "unknown": "Atlantis",
    "digits": "250",
}
SHORT_COUNTRIES = ["empty", "blank", "nul", "escape", "surrogate", "rtl-override", "formula", "unknown"]

SLUGS = {
    "empty": "",
    "dot": ".",
    "dot-dot": "..",
    "traversal": "../../x",
    "absolute": "/etc/passwd",
    "javascript": "javascript:alert(1)",
    "upper-case": "Prague-2009",
    "space": "prague 2009",
    "nul": "prague-2009\x00",
    "escape": "\x1b[2J",
    "surrogate": "\udcff",
    "long": "a" * 101,
    "sql": "x' OR '1'='1",
    "html": "<b>x</b>",
    "trailing-hyphen": "prague-",
    "fullwidth": "prague-\uff12\uff10\uff10\uff19",
    "missing": "no-such-slug",
}

URLS = {
    "javascript": "javascript:alert(1)",
    "data": "data:text/html,<script>alert(1)</script>",
    "no-host": "http://",
    "ftp": "ftp://example.org/report.pdf",
    "protocol-relative": "//example.org/report.pdf",
    "space": "https://exa mple.org/",
    "nul": "https://example.org/\x00",
    "escape": "https://example.org/\x1b[2J",
    "surrogate": "https://example.org/\udcff",
    "long": "https://example.org/" + "a" * 3000,
    "rtl-override": "https://example.org/\u202efdp.exe",
    "newline": "https://example.org/\nSet-Cookie: x=1",
    "unclosed-ipv6": "http://[::1/report.pdf",
}
STORED_URLS = {
    "query-with-html": 'https://example.org/r?a=1&b="<script>"',
    "upper-case-scheme": "HTTPS://EXAMPLE.ORG/R.PDF",
}

OUTCOMES = {
    "absolute": ("/etc/passwd", REFUSED),
    "traversal": ("../../etc/passwd.md", REFUSED),
    "traversal-inside": ("sessions/../../x.md", REFUSED),
    "not-markdown": ("sessions/conference-1.txt", REFUSED),
    "folder": ("sessions", REFUSED),
    "nul": ("sessions/x\x00.md", REFUSED),
    "surrogate": ("sessions/\udcff.md", REFUSED),
    "missing": ("sessions/missing.md", REFUSED),
    "javascript": ("javascript:alert(1).md", REFUSED),
    "newline-in-name": ("sessions/a\nb.md", REFUSED),  # the file exists; the rule refuses its name
    "escape-in-name": ("sessions/\x1b[2J.md", REFUSED),  # likewise
    "nested": ("sessions/sub/x.md", REFUSED),  # likewise: the site reads sessions/NAME.md
    "formula-name": ("sessions/=cmd.md", STORED),
    "plain": ("sessions/conference-1.md", STORED),
}
#: The outcome documents the content folder holds, hostile names included.
OUTCOME_FILES = ["sessions/conference-1.md", "sessions/=cmd.md", "sessions/a\nb.md", "sessions/\x1b[2J.md",
                 "sessions/sub/x.md"]

# -- the cases ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    args: tuple[str, ...]
    expect: str
    #: Values the export must hold, as given, after a stored case.
    stored: tuple[str, ...] = ()
    #: Also run on PostgreSQL.
    postgres: bool = False
    #: The bytes of the file that "{file}" in args names (a CSV to import, a document to restore).
    content: bytes | Callable[["Campaign"], bytes] | None = None
    #: Runs against an empty registry (restore) instead of the campaign's.
    empty: bool = False


CASES: list[Case] = []
PG = {  # the PostgreSQL subset, by case id
    "join-note-nul", "join-note-surrogate", "join-note-huge", "join-note-formula-eq", "join-by-escape",
    "join-by-nul", "join-by-surrogate", "join-date-year-9999", "join-country-nul",
    "session-schedule-number-2**31", "session-schedule-number-2**63", "session-schedule-number-2**64",
    "session-schedule-number-minus-one", "correct-id-2**31", "correct-id-2**63", "retract-id-2**31",
    "retract-id-2**63", "settings-report-interval-years-2**31", "settings-report-interval-years-2**63",
    "log-limit-2**63", "log-limit-minus-one", "correct-meeting-starts-after-it-ends",
    "correct-meeting-ends-before-it-starts", "correct-action-meeting-missing", "correct-action-meeting-nul",
    "correct-action-note-surrogate", "status-as-of-zero", "log-country-nul", "instrument-add-title-nul",
    "report-record-url-javascript", "restore-instruments-id-2**31", "restore-instruments-id-2**63",
    "restore-meetings-number-2**63", "restore-actions-note-nul", "restore-actions-note-surrogate",
    "restore-meeting-ends-before-it-starts", "restore-conference-without-number", "import-note-nul",
    "import-by-escape",
}


def case(id: str, args: list[str] | tuple[str, ...], expect: str, **extra: Any) -> None:
    assert id not in {c.id for c in CASES}, id
    stored = extra.pop("stored", ())
    if expect == STORED:
        stored = tuple(v for v in stored if v.strip() and len(v) > 3)
    CASES.append(Case(id, tuple(args), expect, stored=stored, postgres=id in PG, **extra))


def cross(prefix: str, base: list[str], slot: str, values: dict[str, str], names, fate,
          overrides: dict[str, str] | None = None, **extra: Any) -> None:
    """Cases of `base` with `slot` (a placeholder in it) replaced by each named value."""
    position = base.index(slot) if slot in base else None
    positional = position is not None and not base[position - 1].startswith("-")
    for name in names:
        value = values[name]
        expect = (overrides or {}).get(name) or (fate(name) if callable(fate) else fate)
        if positional and value.startswith("-"):
            expect = USAGE  # the parser reads it as an option it does not know
        args = [value if a == slot else a.replace(slot, value) if slot in a else a for a in base]
        case(f"{prefix}-{name}", args, expect, stored=(value,) if expect == STORED else (), **extra)


def texts(prefix: str, base: list[str], kind: str, names=None, overrides: dict[str, str] | None = None) -> None:
    cross(prefix, base, "{v}", TEXTS, names or list(TEXTS), lambda name: text_fate(kind, name), overrides)


def by(prefix: str, base: list[str], names=None) -> None:
    texts(f"{prefix}-by", base + ["--by", "{v}"], "by", names or SHORT_BY)


# join: every option
JOIN = ["join", "ZW", "--date", "2015-01-01"]
case("join-base", JOIN + ["--note", "a note"], STORED, stored=("a note",))
cross("join-country", ["join", "{v}", "--date", "2015-01-01"], "{v}", COUNTRIES, list(COUNTRIES), REFUSED)
cross("join-date", ["join", "ZW", "--date", "{v}"], "{v}", DATES, list(DATES), REFUSED)
case("join-date-tomorrow", ["join", "ZW", "--date", "2025-06-02"], REFUSED)
case("join-date-before-adoption", ["join", "ZW", "--date", "2012-12-04"], REFUSED)
case("join-date-padded", ["join", "ZW", "--date", " 2015-01-01 "], STORED)
cross("join-instrument", JOIN + ["--instrument", "{v}"], "{v}", SLUGS, list(SLUGS),
      lambda name: EITHER if name == "empty" else REFUSED)
cross("join-meeting", JOIN + ["--meeting", "{v}"], "{v}", SLUGS, list(SLUGS), REFUSED)
case("join-meeting-future-session", JOIN + ["--meeting", "conference-3"], EITHER)
for name, value in {"empty": "", "upper-case": "ACCESSION", "withdrawal": "withdrawal", "nul": "accession\x00",
                    "surrogate": "\udcff", "sql": "accession'; --", "escape": "\x1b[2J"}.items():
    case(f"join-kind-{name}", JOIN + ["--kind", value], REFUSED)
    case(f"join-evidence-{name}", JOIN + ["--evidence", value], REFUSED)
texts("join-note", JOIN + ["--note", "{v}"], "text")
texts("join-source", JOIN + ["--source", "{v}"], "text")
texts("join-written-as", JOIN + ["--written-as", "{v}"], "line", SHORT_TEXTS)
by("join", JOIN, list(TEXTS))

# country-name: a country's own preferred form of its name
NAMING = ["country-name", "set", "TR", "Türkiye", "--reason", "note verbale"]
case("country-name-set-base", NAMING + ["--source", "note verbale 22/451"], STORED, stored=("note verbale 22/451",))
cross("country-name-set-country", ["country-name", "set", "{v}", "Türkiye", "--reason", "r"], "{v}", COUNTRIES,
      SHORT_COUNTRIES, REFUSED)
texts("country-name-set-name", ["country-name", "set", "TR", "{v}", "--reason", "r"], "required", SHORT_TEXTS)
texts("country-name-set-reason", ["country-name", "set", "TR", "Türkiye", "--reason", "{v}"], "reason", SHORT_TEXTS)
texts("country-name-set-source", NAMING + ["--source", "{v}"], "text", SHORT_TEXTS)
by("country-name-set", NAMING)
case("country-name-clear-nothing-recorded", ["country-name", "clear", "TR", "--reason", "r"], REFUSED)
cross("country-name-clear-country", ["country-name", "clear", "{v}", "--reason", "r"], "{v}", COUNTRIES,
      SHORT_COUNTRIES, REFUSED)
case("country-name-list", ["country-name", "list"], ACCEPTED)

# withdraw
WITHDRAW = ["withdraw", "FR", "--date", "2020-01-01"]
case("withdraw-base", WITHDRAW + ["--source", "a letter"], STORED, stored=("a letter",))
cross("withdraw-country", ["withdraw", "{v}", "--date", "2020-01-01"], "{v}", COUNTRIES, SHORT_COUNTRIES, REFUSED)
case("withdraw-country-never-joined", ["withdraw", "ZW", "--date", "2020-01-01"], REFUSED)
cross("withdraw-date", ["withdraw", "FR", "--date", "{v}"], "{v}", DATES, SHORT_DATES, REFUSED)
case("withdraw-date-before-joining", ["withdraw", "FR", "--date", "2012-12-05"], REFUSED)
cross("withdraw-instrument", WITHDRAW + ["--instrument", "{v}"], "{v}", SLUGS,
      ["dot", "traversal", "nul", "surrogate", "missing"], REFUSED)
case("withdraw-evidence-escape", WITHDRAW + ["--evidence", "\x1b[2J"], REFUSED)
texts("withdraw-note", WITHDRAW + ["--note", "{v}"], "text", SHORT_TEXTS)
texts("withdraw-source", WITHDRAW + ["--source", "{v}"], "text", SHORT_TEXTS)
by("withdraw", WITHDRAW)

# instrument add
ADD = ["instrument", "add", "hostile-new", "--title", "A new instrument", "--adopted", "2015-01-01"]
case("instrument-add-base", ADD + ["--place", "Somewhere"], STORED, stored=("Somewhere",))
cross("instrument-add-slug", ["instrument", "add", "{v}", "--title", "T", "--adopted", "2015-01-01"], "{v}",
      SLUGS, [s for s in SLUGS if s != "missing"], REFUSED)
case("instrument-add-slug-taken", ["instrument", "add", "prague-2009", "--title", "T", "--adopted", "2015-01-01"],
     REFUSED)
texts("instrument-add-title", ["instrument", "add", "hostile-new", "--title", "{v}", "--adopted", "2015-01-01"],
      "required")
cross("instrument-add-adopted", ["instrument", "add", "hostile-new", "--title", "T", "--adopted", "{v}"], "{v}",
      DATES, list(DATES), REFUSED)
case("instrument-add-adopted-tomorrow", ["instrument", "add", "hostile-new", "--title", "T", "--adopted",
                                         "2025-06-02"], REFUSED)
for name, value in {"empty": "", "free-text": "treaty", "nul": "convention\x00", "surrogate": "\udcff",
                    "upper-case": "CONVENTION"}.items():
    case(f"instrument-add-kind-{name}", ADD + ["--kind", value], REFUSED)
texts("instrument-add-place", ADD + ["--place", "{v}"], "line", SHORT_TEXTS)
texts("instrument-add-issuer", ADD + ["--issuer", "{v}"], "line", SHORT_TEXTS)
texts("instrument-add-citation", ADD + ["--citation", "{v}"], "text", SHORT_TEXTS)
by("instrument-add", ADD)

# report record
RECORD = ["report", "record", "FR", "--cycle", "2014", "--received", "2014-06-30"]
case("report-record-base", RECORD + ["--note", "on time"], STORED, stored=("on time",))
cross("report-record-country", ["report", "record", "{v}", "--cycle", "2014", "--received", "2014-06-30"], "{v}",
      COUNTRIES, SHORT_COUNTRIES, REFUSED)
case("report-record-country-not-a-member", ["report", "record", "ZW", "--cycle", "2014", "--received",
                                            "2014-06-30"], REFUSED)
case("report-record-again", ["report", "record", "MX", "--cycle", "2014", "--received", "2014-06-30"], REFUSED)
for name, value in {"empty": "", "zero": "0", "year-9999": "9999", "not-a-cycle": "2015", "huge": str(2**63),
                    "negative": "-2014", "nul": "2014\x00", "surrogate": "\udcff", "sql": "2014'; --",
                    "escape": "\x1b[2J", "arabic-digits": "\u0662\u0660\u0661\u0664", "long": "2" * 10_001}.items():
    case(f"report-record-cycle-{name}", ["report", "record", "FR", "--cycle", value, "--received", "2014-06-30"],
         REFUSED)
cross("report-record-received", ["report", "record", "FR", "--cycle", "2014", "--received", "{v}"], "{v}", DATES,
      list(DATES), REFUSED)
case("report-record-received-tomorrow", ["report", "record", "FR", "--cycle", "2014", "--received",
                                         "2025-06-02"], REFUSED)
case("report-record-received-before-joining", ["report", "record", "FR", "--cycle", "2014", "--received",
                                               "2012-01-01"], REFUSED)
cross("report-record-url", RECORD + ["--url", "{v}"], "{v}", URLS, list(URLS), REFUSED)
cross("report-record-url", RECORD + ["--url", "{v}"], "{v}", STORED_URLS, list(STORED_URLS), EITHER)
texts("report-record-note", RECORD + ["--note", "{v}"], "text", SHORT_TEXTS)
texts("report-record-source", RECORD + ["--source", "{v}"], "text", SHORT_TEXTS)
by("report-record", RECORD)

# session schedule
SCHEDULE = ["session", "schedule", "--number", "4", "--starts", "2015-03-01"]
case("session-schedule-base", SCHEDULE + ["--city", "Geneva"], STORED, stored=("Geneva",))
cross("session-schedule-number", ["session", "schedule", "--number", "{v}", "--starts", "2015-03-01"], "{v}",
      NUMBERS, list(NUMBERS), lambda name: REFUSED if name in PARSED else USAGE)
case("session-schedule-number-taken", ["session", "schedule", "--number", "1", "--starts", "2015-03-01"], REFUSED)
case("session-schedule-number-arabic-digit", ["session", "schedule", "--number", "\u0664", "--starts",
                                              "2015-03-01"], EITHER)
cross("session-schedule-starts", ["session", "schedule", "--number", "4", "--starts", "{v}"], "{v}", DATES,
      list(DATES), REFUSED)
case("session-schedule-starts-in-the-future", ["session", "schedule", "--number", "4", "--starts", "2026-03-01"],
     STORED)
cross("session-schedule-ends", SCHEDULE + ["--ends", "{v}"], "{v}", DATES,
      [d for d in SHORT_DATES if d != "empty"], REFUSED)
case("session-schedule-ends-before-it-starts", SCHEDULE + ["--ends", "2015-02-28"], REFUSED)
cross("session-schedule-host", SCHEDULE + ["--host", "{v}"], "{v}", COUNTRIES,
      [c for c in COUNTRIES if c != "empty"], REFUSED)
cross("session-schedule-slug", SCHEDULE + ["--slug", "{v}"], "{v}", SLUGS,
      [s for s in SLUGS if s not in ("empty", "missing")], REFUSED)
case("session-schedule-slug-taken", SCHEDULE + ["--slug", "prague-2009"], REFUSED)
for name, value in {"empty": "", "upper-case": "CONFERENCE", "nul": "meeting\x00", "surrogate": "\udcff"}.items():
    case(f"session-schedule-kind-{name}", SCHEDULE + ["--kind", value], REFUSED)
texts("session-schedule-title", SCHEDULE + ["--title", "{v}"], "required", SHORT_TEXTS)  # as correct refuses it
texts("session-schedule-city", SCHEDULE + ["--city", "{v}"], "line", SHORT_TEXTS)
texts("session-schedule-note", SCHEDULE + ["--note", "{v}"], "text", SHORT_TEXTS)
by("session-schedule", SCHEDULE)

# session attend, held, outcome
ATTEND = ["session", "attend", "conference-1", "GB"]
case("session-attend-base", ATTEND, STORED)
cross("session-attend-slug", ["session", "attend", "{v}", "GB"], "{v}", SLUGS, list(SLUGS), REFUSED)
cross("session-attend-country", ["session", "attend", "conference-1", "{v}"], "{v}", COUNTRIES, list(COUNTRIES),
      REFUSED)
case("session-attend-twice-at-once", ["session", "attend", "conference-1", "IT", "IT"], STORED)  # recorded once
case("session-attend-again", ["session", "attend", "conference-1", "FR"], REFUSED)
case("session-attend-good-then-bad", ["session", "attend", "conference-1", "IT", "\x1b[2J"], REFUSED)
case("session-attend-future-session", ["session", "attend", "conference-3", "IT"], REFUSED)
by("session-attend", ATTEND)
for name, value in {"empty": "", "upper-case": "OBSERVER", "nul": "observer\x00", "surrogate": "\udcff",
                    "escape": "\x1b[2J", "unknown": "guest"}.items():
    case(f"session-attend-role-{name}", ATTEND + ["--role", value], REFUSED)
texts("session-attend-source", ATTEND + ["--source", "{v}"], "text", SHORT_TEXTS)
# the session to come: cancelled with a reason, or postponed to later dates
texts("session-cancel-reason", ["session", "cancel", "conference-3", "--reason", "{v}"], "reason", SHORT_TEXTS)
cross("session-cancel-slug", ["session", "cancel", "{v}", "--reason", "r"], "{v}", SLUGS, list(SLUGS), REFUSED)
cross("session-postpone-starts", ["session", "postpone", "conference-3", "--starts", "{v}", "--reason", "r"], "{v}",
      DATES, list(DATES), REFUSED)
case("session-postpone-base", ["session", "postpone", "conference-3", "--starts", "2099-01-01", "--reason", "r"],
     STORED)
HELD = ["session", "held", "conference-2"]
case("session-held-base", HELD, STORED)
cross("session-held-slug", ["session", "held", "{v}"], "{v}", SLUGS, list(SLUGS), REFUSED)
case("session-held-already", ["session", "held", "conference-1"], REFUSED)
case("session-held-future", ["session", "held", "conference-3"], REFUSED)
by("session-held", HELD)
OUTCOME = ["session", "outcome", "conference-1", "sessions/conference-1.md"]
cross("session-outcome-slug", ["session", "outcome", "{v}", "sessions/conference-1.md"], "{v}", SLUGS,
      list(SLUGS), REFUSED)
for name, (value, expect) in OUTCOMES.items():
    case(f"session-outcome-path-{name}", ["session", "outcome", "conference-1", value], expect, stored=(value,))
case("session-outcome-path-content-prefixed", ["session", "outcome", "conference-1",
                                               "content/sessions/conference-1.md"], STORED)
by("session-outcome", OUTCOME)

# release: its note, stored as given in the release; a blank note is refused (a release says what it brings)
cross("release-note", ["release", "--note", "{v}"], "{v}", TEXTS, list(TEXTS),
      lambda name: REFUSED if not TEXTS[name].strip() else text_fate("text", name))
by("release", ["release", "--note", "the founding record"])

# correct: every kind, every field
REASON = ["--reason", "misread"]
cross("undo-id", ["undo", "{v}", *REASON], "{v}", NUMBERS, list(NUMBERS),
      lambda name: REFUSED if name in PARSED else USAGE)
texts("undo-reason", ["undo", "{change}", "--reason", "{v}"], "reason", SHORT_TEXTS)
case("correct-base", ["correct", "action", "{action}", "note=corrected", *REASON], STORED, stored=("corrected",))
for name, value in {"empty": "", "upper-case": "ACTION", "nul": "action\x00", "surrogate": "\udcff",
                    "change-log": "change", "settings": "alliance", "escape": "\x1b[2J", "sql": "action;--"}.items():
    case(f"correct-kind-{name}", ["correct", value, "1", "note=x", *REASON], REFUSED)
# An entry is named by its id or by words (a slug, COUNTRY CYCLE): what is neither is refused.
cross("correct-id", ["correct", "action", "{v}", "note=x", *REASON], "{v}", NUMBERS, list(NUMBERS), REFUSED)
case("correct-id-missing", ["correct", "report", "99999", "note=x", *REASON], REFUSED)
for name, value in {"no-equals": "note", "no-field": "=x", "id": "id=5", "dunder": "__class__=x",
                    "unknown": "colour=red", "escape": "\x1b[2J=x", "surrogate": "\udcff=x",
                    "nul": "note\x00=x", "country": "country=ZW", "instrument": "instrument=prague-2009"}.items():
    case(f"correct-assignment-{name}", ["correct", "action", "{action}", value, *REASON], REFUSED)
case("correct-attendance-meeting", ["correct", "attendance", "{attendance}", "meeting=prague-2009", *REASON],
     REFUSED)
case("correct-report-cycle", ["correct", "report", "{report}", "cycle=2016", *REASON], REFUSED)
case("correct-meeting-number", ["correct", "meeting", "{meeting}", "number=9", *REASON], REFUSED)
case("correct-instrument-slug", ["correct", "instrument", "{instrument}", "slug=other", *REASON], REFUSED)
texts("correct-reason", ["correct", "action", "{action}", "note=x", "--reason", "{v}"], "reason", SHORT_TEXTS)
by("correct", ["correct", "action", "{action}", "note=x", *REASON])


def correct_field(kind: str, entry: str, name: str, values: dict[str, str], names, fate) -> None:
    cross(f"correct-{kind}-{name}", ["correct", kind, entry, f"{name}={{v}}", *REASON], "{v}", values, names, fate)


def correct_text(kind: str, entry: str, name: str, text_kind: str, names=None) -> None:
    correct_field(kind, entry, name, TEXTS, names or SHORT_TEXTS, lambda n: text_fate(text_kind, n))


CHOICES = {"empty": "", "upper-case": "HELD", "nul": "held\x00", "surrogate": "\udcff", "escape": "\x1b[2J",
           "sql": "x' OR '1'='1"}
correct_field("action", "{action}", "date", DATES, list(DATES), REFUSED)
case("correct-action-date-before-adoption", ["correct", "action", "{action}", "date=2012-12-04", *REASON], REFUSED)
case("correct-action-date-after-the-report", ["correct", "action", "{action}", "date=2014-07-02", *REASON],
     REFUSED)
case("correct-action-date-tomorrow", ["correct", "action", "{action}", "date=2025-06-02", *REASON], REFUSED)
case("correct-action-date-plausible", ["correct", "action", "{action}", "date=2013-07-01", *REASON], STORED)
correct_field("action", "{action}", "kind", CHOICES, list(CHOICES), REFUSED)
case("correct-action-kind-withdrawal", ["correct", "action", "{action}", "kind=withdrawal", *REASON], REFUSED)
correct_field("action", "{action}", "evidence", CHOICES, list(CHOICES), REFUSED)
correct_field("action", "{action}", "meeting", SLUGS, [s for s in SLUGS if s != "empty"], REFUSED)
case("correct-action-meeting-cleared", ["correct", "action", "{action}", "meeting=", *REASON], STORED)
case("correct-action-meeting-known", ["correct", "action", "{action}", "meeting=prague-2009", *REASON], STORED)
correct_text("action", "{action}", "note", "text", list(TEXTS))
correct_text("action", "{action}", "source", "text")
correct_field("report", "{report}", "received", DATES, list(DATES), REFUSED)
case("correct-report-received-late", ["correct", "report", "{report}", "received=2014-07-15", *REASON], STORED)
case("correct-report-received-before-joining", ["correct", "report", "{report}", "received=2013-05-01", *REASON],
     REFUSED)
correct_field("report", "{report}", "url", URLS, list(URLS), REFUSED)
case("correct-report-url-cleared", ["correct", "report", "{report}", "url=", *REASON], STORED)
correct_text("report", "{report}", "note", "text")
correct_text("instrument", "{instrument}", "title", "required", list(TEXTS))
correct_field("instrument", "{instrument}", "kind", CHOICES, list(CHOICES), REFUSED)
correct_field("instrument", "{instrument}", "adopted", DATES, SHORT_DATES, REFUSED)
case("correct-instrument-adopted-plausible", ["correct", "instrument", "{instrument}", "adopted=2014-02-01",
                                              *REASON], STORED)
correct_text("instrument", "{instrument}", "place", "line")
correct_text("instrument", "{instrument}", "issuer", "line")
correct_text("instrument", "{instrument}", "citation", "text")
correct_text("meeting", "{meeting}", "title", "required")
correct_text("meeting", "{meeting}", "city", "line")
correct_text("meeting", "{meeting}", "note", "text")
correct_field("meeting", "{meeting}", "starts", DATES, SHORT_DATES, REFUSED)
correct_field("meeting", "{meeting}", "ends", DATES, SHORT_DATES, REFUSED)
case("correct-meeting-starts-after-it-ends", ["correct", "meeting", "{meeting}", "starts=2014-12-12", *REASON],
     REFUSED)
case("correct-meeting-ends-before-it-starts", ["correct", "meeting", "{meeting}", "ends=2014-12-09", *REASON],
     REFUSED)
case("correct-meeting-both-dates", ["correct", "meeting", "{meeting}", "starts=2014-12-12", "ends=2014-12-13",
                                    *REASON], STORED)
case("correct-meeting-held-in-the-future", ["correct", "meeting", "{meeting}", "starts=2025-07-01",
                                            "ends=2025-07-02", *REASON], REFUSED)
correct_field("meeting", "{meeting}", "host", COUNTRIES, [c for c in COUNTRIES if c != "empty"], REFUSED)
case("correct-meeting-host-cleared", ["correct", "meeting", "{meeting}", "host=", *REASON], STORED)
correct_field("meeting", "{meeting}", "status", CHOICES, list(CHOICES), REFUSED)
for name, (value, expect) in OUTCOMES.items():
    case(f"correct-meeting-outcome-{name}", ["correct", "meeting", "{meeting}", f"outcome={value}", *REASON],
         expect, stored=(value,))

# retract
case("retract-base", ["retract", "attendance", "{attendance}", *REASON], STORED)
case("retract-report", ["retract", "report", "{report}", *REASON], STORED)
case("retract-action-its-report-needs", ["retract", "action", "{action}", *REASON], REFUSED)
for name, value in {"instrument": "instrument", "meeting": "meeting", "empty": "", "nul": "report\x00",
                    "surrogate": "\udcff", "escape": "\x1b[2J", "change-log": "change"}.items():
    case(f"retract-kind-{name}", ["retract", value, "1", *REASON], REFUSED)
cross("retract-id", ["retract", "report", "{v}", *REASON], "{v}", NUMBERS, list(NUMBERS), REFUSED)
texts("retract-reason", ["retract", "attendance", "{attendance}", "--reason", "{v}"], "reason", SHORT_TEXTS)
by("retract", ["retract", "attendance", "{attendance}", *REASON])

# settings set
case("settings-base", ["settings", "set", "short-name", "GA", "--reason", "shorter"], STORED)
for name, value in {"empty": "", "unknown": "colour", "underscored": "short_name", "nul": "name\x00",
                    "surrogate": "\udcff", "escape": "\x1b[2J", "traversal": "../name",
                    "attribute": "__class__", "id": "id"}.items():
    case(f"settings-setting-{name}", ["settings", "set", value, "x"], REFUSED)
texts("settings-name", ["settings", "set", "name", "{v}"], "required")
texts("settings-short-name", ["settings", "set", "short-name", "{v}"], "line", SHORT_TEXTS)
texts("settings-contact", ["settings", "set", "contact", "{v}"], "line", SHORT_TEXTS)
texts("settings-reason", ["settings", "set", "short-name", "GA", "--reason", "{v}"], "text", SHORT_TEXTS)
by("settings", ["settings", "set", "short-name", "GA"])
cross("settings-founding-instrument", ["settings", "set", "founding-instrument", "{v}"], "{v}", SLUGS,
      list(SLUGS), REFUSED)
case("settings-founding-instrument-orphaning-a-report", ["settings", "set", "founding-instrument", "prague-2009"],
     REFUSED)
for setting in ("report-interval-years", "conference-interval-years"):
    cross(f"settings-{setting}", ["settings", "set", setting, "{v}"], "{v}", NUMBERS, list(NUMBERS), REFUSED)
    for name, value in {"superscript": "\u00b2", "arabic-digit": "\u0662", "eleven": "11", "spaced": " 2 ",
                        "signed": "+2", "underscore": "1_0"}.items():
        case(f"settings-{setting}-{name}", ["settings", "set", setting, value],
             STORED if name == "spaced" else REFUSED)
for setting in ("announcement-due", "first-report-due", "first-conference-by", "records-kept-since"):
    cross(f"settings-{setting}", ["settings", "set", setting, "{v}"], "{v}", DATES,
          [d for d in SHORT_DATES if d != "empty"], REFUSED)
    case(f"settings-{setting}-cleared", ["settings", "set", setting, ""], EITHER)

# init: --by is checked even when nothing is to be logged
cross("init-by", ["init", "--seed", "--by", "{v}"], "{v}", TEXTS, ["empty", "blank", "escape", "nul", "surrogate",
                                                                    "newline", "rtl-override"], REFUSED)
case("init-again", ["init", "--seed"], ACCEPTED)

# reads: bad dates, limits, countries, instruments
for command in (["status"], ["country", "FR"], ["report", "list"], ["report", "cycles"]):
    cross("-".join(command[:2]) + "-as-of", [*command, "--as-of", "{v}"], "{v}", DATES,
          [d for d in DATES if d != "empty"], REFUSED)
    case("-".join(command[:2]) + "-as-of-empty", [*command, "--as-of", ""], ACCEPTED)
case("status-as-of-far-future", ["status", "--as-of", "2199-12-31"], ACCEPTED)
cross("status-instrument", ["status", "--instrument", "{v}"], "{v}", SLUGS, [s for s in SLUGS if s != "empty"],
      REFUSED)
cross("log-limit", ["log", "--limit", "{v}"], "{v}", NUMBERS, list(NUMBERS),
      lambda name: {"2**31": ACCEPTED, "2**63": ACCEPTED, "2**64": ACCEPTED}.get(
          name, REFUSED if name in PARSED else USAGE))
cross("log-country", ["log", "--country", "{v}"], "{v}", COUNTRIES, [c for c in COUNTRIES if c != "empty"], REFUSED)
cross("report-list-country", ["report", "list", "--country", "{v}"], "{v}", COUNTRIES, SHORT_COUNTRIES[1:], REFUSED)
cross("country", ["country", "{v}"], "{v}", COUNTRIES, list(COUNTRIES), REFUSED)
cross("countries", ["countries", "{v}"], "{v}", COUNTRIES, [c for c in COUNTRIES if c != "empty"], REFUSED)
case("countries-option-like", ["countries", "--\x1b[2J"], USAGE)

# export and backup to bad places
PLACES = {
    "missing-folder": ("{tmp}/no/such/folder/x.json", REFUSED),
    "folder": ("{tmp}", REFUSED),
    "dot": (".", REFUSED),
    "empty": ("", REFUSED),
    "nul": ("x\x00.json", REFUSED),
    "surrogate": ("\udcff.json", REFUSED),
    "escape": ("\x1b[2J.json", REFUSED),
    "newline": ("a\nb.json", REFUSED),
    "proc": ("/proc/registry-hostile.json", REFUSED),
    "long-name": ("n" * 300 + ".json", REFUSED),
    "under-a-file": ("{tmp}/a-file/x.json", REFUSED),
    "traversal": ("../../{case}.json", ACCEPTED),
    "formula": ("=cmd-{case}.json", ACCEPTED),
    "rtl-override": ("\u202e{case}nosj.exe", ACCEPTED),
}
for command in ("export", "backup"):
    for name, (value, expect) in PLACES.items():
        args = ["export", "--output", value] if command == "export" else ["backup", value]
        case(f"{command}-{name}", args, expect)
case("backup-existing", ["backup", "{tmp}/a-file"], REFUSED)


# import: hostile cells in every column, and hostile files


def csv_bytes(rows: list[list[str]], *, encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode(encoding, "surrogatepass")


def import_case(id: str, rows: list[list[str]] | bytes, expect: str, *, args: tuple[str, ...] = (),
                stored: tuple[str, ...] = ()) -> None:
    content = rows if isinstance(rows, bytes) else csv_bytes(rows)
    case(id, ["import", "{file}", *args], expect, content=content, stored=stored)


HEADER = ["country", "joined", "instrument", "source", "note", "kind", "evidence"]
GOOD = ["ZW", "2015-01-01", "", "a letter", "a note", "accession", "letter"]
import_case("import-base", [HEADER, GOOD], STORED, stored=("a letter",))
CSV_TEXTS = [n for n in TEXTS if "surrogate" not in n]  # a file holds bytes: no lone surrogates
for column, values, names, fate in [
    ("country", COUNTRIES, [c for c in COUNTRIES if c != "surrogate"], lambda n: REFUSED),
    ("joined", DATES, [d for d in DATES if d != "surrogate"], lambda n: REFUSED),
    ("instrument", SLUGS, [s for s in SLUGS if s not in ("surrogate", "empty")], lambda n: REFUSED),
    ("kind", CHOICES, ["upper-case", "nul", "escape", "sql"], lambda n: REFUSED),
    ("evidence", CHOICES, ["upper-case", "nul", "escape", "sql"], lambda n: REFUSED),
    ("source", TEXTS, SHORT_TEXTS, lambda n: text_fate("text", n)),
    ("note", TEXTS, CSV_TEXTS, lambda n: text_fate("text", n)),
]:
    for name in names:
        if name in ("surrogate", "half-surrogate"):
            continue
        row = list(GOOD)
        value = values[name]
        row[HEADER.index(column)] = value
        expect = fate(name)
        # A cell is read without the spaces around it.
        if expect == STORED and value != value.strip():
            expect = EITHER
        import_case(f"import-{column}-{name}", [HEADER, row], expect, stored=(value,) if expect == STORED else ())
cross("import-by", ["import", "{file}", "--by", "{v}"], "{v}", TEXTS, SHORT_BY,
      lambda n: text_fate("by", n), content=csv_bytes([HEADER, GOOD]))
import_case("import-bad-row-among-good", [HEADER, GOOD, ["GB", "2015-01-01", "", "", "\x1b[2J", "", ""]], REFUSED)
import_case("import-same-country-twice", [HEADER, GOOD, GOOD], REFUSED)
import_case("import-bom", b"\xef\xbb\xbf" + csv_bytes([HEADER, GOOD]), STORED)
import_case("import-utf16", "\ufeff".encode("utf-16-le") + "country,joined\nZW,2015-01-01\n".encode("utf-16-le"),
            REFUSED)
import_case("import-latin1", "country,joined,note\nZW,2015-01-01,caf\u00e9\n".encode("latin-1"), REFUSED)
import_case("import-raw-nul-bytes", b"country,joined\nZW,2015-01-01\x00\x00\n", REFUSED)
import_case("import-binary", bytes(range(256)) * 64, REFUSED)
import_case("import-empty", b"", REFUSED)
import_case("import-only-a-bom", b"\xef\xbb\xbf", REFUSED)
import_case("import-header-only", b"country,joined\n", REFUSED)
import_case("import-blank-lines-only", b"country,joined\n" + b"\n" * 200_000, REFUSED)
import_case("import-unclosed-quote", b'country,joined\n"ZW,2015-01-01\n', REFUSED)
import_case("import-missing-column", b"country\nZW\n", REFUSED)
import_case("import-unknown-column-escape", b"country,joined,\x1b[2J\nZW,2015-01-01,x\n", REFUSED)
import_case("import-unknown-column-rtl", "country,joined,\u202enote\nZW,2015-01-01,x\n".encode(), REFUSED)
import_case("import-duplicate-column", b"country,joined,joined\nZW,2015-01-01,2015-01-01\n", REFUSED)
import_case("import-extra-cells", b"country,joined\nZW,2015-01-01,extra\n", REFUSED)
import_case("import-huge-cell", b"country,joined,note\nZW,2015-01-01," + b"z" * 10_000_000 + b"\n", REFUSED)
import_case("import-many-bad-rows", b"country,joined\n" + b"Atlantis,2015-01-01\n" * 500, REFUSED)
import_case("import-formula-header", b"=country,joined\nZW,2015-01-01\n", REFUSED)
for name, value in {"missing": "{tmp}/no-such.csv", "folder": "{tmp}", "nul": "x\x00.csv",
                    "surrogate": "\udcff.csv", "device": "/dev/zero", "empty-name": ""}.items():
    case(f"import-file-{name}", ["import", value], REFUSED)
case("import-file-too-large", ["import", "{file}"], REFUSED, content=lambda c: c.sparse("large.csv"))
cross("import-instrument-option", ["import", "{file}", "--instrument", "{v}"], "{v}", SLUGS,
      ["dot", "traversal", "nul", "surrogate", "missing"], REFUSED,
      content=csv_bytes([["country", "joined"], ["ZW", "2015-01-01"]]))
case("import-dry-run", ["import", "{file}", "--dry-run"], ACCEPTED, content=csv_bytes([HEADER, GOOD]))


# restore: hostile documents, into an empty registry


def mutated(*steps: tuple[tuple, Any]) -> Callable[["Campaign"], bytes]:
    """The campaign's export with each (path, value) set; value DELETE removes the key."""

    def make(campaign: "Campaign") -> bytes:
        doc = json.loads(campaign.document)
        for path, value in steps:
            target = doc
            for key in path[:-1]:
                target = target[key]
            if value is DELETE:
                del target[path[-1]]
            else:
                target[path[-1]] = value(doc) if callable(value) else value
        return json.dumps(doc).encode()  # escaped: a lone surrogate is written as JSON writes it, \udcff

    return make


DELETE = object()


def restore_case(id: str, content: bytes | Callable[["Campaign"], bytes], expect: str = REFUSED) -> None:
    case(f"restore-{id}", ["restore", "{file}"], expect, content=content, empty=True)


restore_case("the-export-itself", mutated(), STORED)
WRONG_TYPES = {"null": None, "list": ["x"], "object": {"x": 1}, "true": True, "float": 1.5}
HOSTILE_IDS = {"2**31": 2**31, "2**63": 2**63, "10**30": 10**30, "minus-one": -1, "zero": 0, "true": True,
               "overflowing-float": float("inf"), **{k: v for k, v in WRONG_TYPES.items() if k != "true"}}
HOSTILE_DATES = {**{k: v for k, v in DATES.items() if k in SHORT_DATES}, "number": 20150101, "null": None,
                 "list": ["2015-01-01"]}
HOSTILE_TEXTS = {"nul": "a\x00b", "escape": "\x1b[2J", "surrogate": "\udcff", "noncharacter": "\uffff",
                 "100k": "z" * 100_000, **WRONG_TYPES}
HOSTILE_SLUGS = {"traversal": "../../x", "dot": ".", "javascript": "javascript:alert(1)", "padded": " x ",
                 "empty": "", "nul": "x\x00", **WRONG_TYPES}
for table, column, values in [
    ("instruments", "id", HOSTILE_IDS),
    ("instruments", "slug", HOSTILE_SLUGS),
    ("instruments", "title", {**HOSTILE_TEXTS, "empty": "", "newline": "a\nb"}),
    ("instruments", "adopted", HOSTILE_DATES),
    ("instruments", "kind", {"free-text": "treaty", **WRONG_TYPES}),
    ("meetings", "number", {k: v for k, v in HOSTILE_IDS.items() if k != "null"}),
    ("meetings", "slug", HOSTILE_SLUGS),
    ("meetings", "outcome", {"absolute": "/etc/passwd", "traversal": "../../etc/passwd.md",
                             "inside-traversal": "sessions/../../x.md", "javascript": "javascript:alert(1)"}),
    ("meetings", "host", {"lower-case": "us", "unknown": "XX", "nul": "U\x00", "number": 1}),
    ("meetings", "starts", HOSTILE_DATES),
    ("actions", "id", HOSTILE_IDS),
    ("actions", "note", HOSTILE_TEXTS),
    ("actions", "source", {"100k": "z" * 100_000, "escape": "\x1b[2J"}),
    ("actions", "country", {"lower-case": "fr", "unknown": "XX", "name": "France", "nul": "F\x00", **WRONG_TYPES}),
    ("actions", "instrument", {"missing": "no-such", **HOSTILE_SLUGS}),
    ("actions", "kind", {"free-text": "joined", "escape": "\x1b[2J"}),
    ("actions", "date", HOSTILE_DATES),
    ("attendance", "meeting", {"missing": "no-such", "traversal": "../../x"}),
    ("attendance", "country", {"unknown": "XX", "escape": "\x1b"}),
    ("reports", "url", {"javascript": "javascript:alert(1)", "data": "data:text/html,x", "nul": "https://e.org/\x00"}),
    ("reports", "cycle", {"year-9999": "9999", "not-a-year": "../../x", "number": 2014}),
    ("reports", "received", {"future": "2099-01-01", "year-9999": "9999-12-31"}),
    ("changes", "by", {"escape": "\x1b[2J", "empty": "", "surrogate": "\udcff", "rtl-override": "\u202eeve"}),
    ("changes", "at", {"not-a-time": "yesterday", "overflowing-float": float("inf"), "null": None}),
    ("changes", "entity_id", {"2**63": 2**63, "string": "x"}),
    ("changes", "before", {"object": {"a": 1}, "two-million": "b" * 2_000_001}),
]:
    for name, value in values.items():
        restore_case(f"{table}-{column}-{name}", mutated(((table, 0, column), value)))
for table, column in [("actions", "date"), ("instruments", "title"), ("meetings", "ends"), ("changes", "at")]:
    restore_case(f"{table}-{column}-missing", mutated(((table, 0, column), DELETE)))
for table in ("instruments", "actions", "changes"):
    restore_case(f"{table}-unknown-field", mutated(((table, 0, "evil"), "<script>")))
for name, value in {"0": 0, "2**63": 2**63, "null": None, "list": [2]}.items():
    restore_case(f"alliance-report-interval-years-{name}", mutated((("alliance", "report_interval_years"), value)))
restore_case("alliance-founding-instrument-missing", mutated((("alliance", "founding_instrument"), "no-such")))
restore_case("alliance-id-2", mutated((("alliance", "id"), 2)))
restore_case("alliance-not-an-object", mutated((("alliance",), ["x"])))
restore_case("alliance-name-escape", mutated((("alliance", "name"), "\x1b[2J")))
restore_case("duplicate-action-id", mutated((("actions", 1, "id"), lambda d: d["actions"][0]["id"])))
restore_case("duplicate-instrument-slug", mutated((("instruments", 1, "slug"), lambda d: d["instruments"][0]["slug"])))
restore_case("duplicate-meeting-number", mutated(
    (("meetings", 0, "kind"), "conference"),
    (("meetings", 0, "number"), lambda d: next(m["number"] for m in d["meetings"] if m["number"]))))
restore_case("meeting-ends-before-it-starts", mutated((("meetings", 0, "ends"), "2000-01-01")))
restore_case("conference-without-number", mutated((("meetings", 0, "kind"), "conference")))
restore_case("meeting-with-number", mutated((("meetings", 0, "number"), 77)))
for name in ("actions", "instruments", "changes", "meetings"):
    restore_case(f"{name}-not-a-list", mutated(((name,), {"0": {}})))
    restore_case(f"{name}-item-not-an-object", mutated(((name,), [1, "x", None])))
    restore_case(f"{name}-missing", mutated(((name,), DELETE)))
restore_case("format-missing", mutated((("format",), DELETE)))
restore_case("format-wrong", mutated((("format",), "other")))
for name, value in {"2": 2, "string": "1", "2**63": 2**63, "overflowing-float": float("inf"), "null": None}.items():
    restore_case(f"format-version-{name}", mutated((("format_version",), value)))
for name, raw in {
    "empty": b"", "blank": b"  \n", "null": b"null", "list": b"[]", "string": b'"alliance-registry"',
    "number": b"1e309",
    "nan": b"NaN", "deep-nesting": b"[" * 100_000 + b"]" * 100_000,
    "deep-object": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "5000-digit-number": b'{"format": "alliance-registry", "format_version": 1' + b"9" * 5000 + b"}",
    "huge-exponent": b'{"format": "alliance-registry", "format_version": 1e999999}',
    "truncated": b'{"format": "alliance-registry", "format_version"',
    "raw-nul": b'{"format": "alliance-registry"\x00}',
    "latin1": '{"format": "caf\u00e9"}'.encode("latin-1"),
    "utf16": '{"format": "alliance-registry"}'.encode("utf-16"),
    "lone-surrogate-escape": b'{"format": "\\udcff"}',
    "binary": bytes(range(256)) * 16,
}.items():
    restore_case(f"raw-{name}", raw)
restore_case("raw-bom", lambda c: b"\xef\xbb\xbf" + c.document.encode(), STORED)
restore_case("deep-nesting-in-a-note", mutated((("actions", 0, "note"), json.loads("[" * 500 + "]" * 500))))
for name, value in {"missing": "{tmp}/no-such.json", "folder": "{tmp}", "nul": "x\x00.json",
                    "surrogate": "\udcff.json", "device": "/dev/zero", "empty-name": ""}.items():
    case(f"restore-file-{name}", ["restore", value], REFUSED, empty=True)
case("restore-file-too-large", ["restore", "{file}"], REFUSED, content=lambda c: c.sparse("large.json"), empty=True)
case("restore-into-a-full-registry", ["restore", "{file}"], REFUSED, content=lambda c: c.document.encode())

CASES_BY_ID = {c.id: c for c in CASES}
assert set(PG) <= set(CASES_BY_ID), set(PG) - set(CASES_BY_ID)

# -- the registries the cases run against ------------------------------------------------------


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(request):
    """The campaign's backend; module-scoped, so that its registries are made once."""
    return request.param


@dataclass
class Campaign:
    backend: str
    folder: Path
    url: str  # the registry refusals run against (seeded, then the entries below)
    empty_url: str  # an empty registry, for restore
    template: Path | None  # on SQLite: a closed copy of `url`, copied for each case that may write
    document: str = ""  # the export of `url`
    empty_document: str = ""  # the export of `empty_url`
    ids: dict[str, str] = field(default_factory=dict)
    copies: int = 0
    exports: dict[tuple, Result] = field(default_factory=dict)

    def env(self, url: str) -> dict[str, str | None]:
        return {"REGISTRY_DATABASE_URL": url, "REGISTRY_USER": USER, "REGISTRY_TODAY": TODAY,
                "REGISTRY_CONTENT_DIR": str(self.folder / "content"), "PYTHONIOENCODING": None}

    def cli(self, url: str | None = None) -> Callable[..., Result]:
        """`registry ARGS` on a registry, in-process, as the `cli` fixture runs it.

        On SQLite, `export` is answered from the last export while the database's files are
        untouched: any commit changes them (the write-ahead log grows or is rewritten), so a
        refusal that wrote anything is still seen, by a real export, at a fraction of the cost.
        """
        url = url or self.url
        env = self.env(url)
        path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None

        def run(*args: str) -> Result:
            if args == ("export",) and path is not None:
                key = fingerprint(path)
                if key in self.exports:
                    return self.exports[key]
            result = RUNNER.invoke(app, list(args), prog_name="registry", env=env)
            if result.exception and not isinstance(result.exception, SystemExit):
                raise result.exception
            assert "unexpected failure" not in result.stderr, result.stderr
            done = Result(result.exit_code, result.stdout, result.stderr)
            if args == ("export",) and path is not None and fingerprint(path) == key:
                self.exports[key] = done
            return done

        return run

    @contextmanager
    def copy(self, *, empty: bool = False) -> Iterator[str]:
        """A registry of its own for a case that may write: a copy on SQLite; on PostgreSQL the
        shared one (the subset's stored cases are chosen not to disturb the others)."""
        if self.backend != "sqlite":
            yield self.empty_url if empty else self.url
            return
        self.copies += 1
        target = self.folder / f"copy-{self.copies}.db"
        source = self.folder / "empty-template.db" if empty else self.template
        assert source is not None
        copy_registry(source, target)
        url = f"sqlite:///{target}"
        try:
            yield url
        finally:
            db.get_engine(url).dispose()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)

    def sparse(self, name: str) -> bytes:
        """Marks a file to be made sparse and larger than any registry reads (see write_file)."""
        return b"SPARSE:" + name.encode()


def fingerprint(path: str) -> tuple:
    """The SQLite database's files as they stand: size and time of last change of each."""
    stamps: list[object] = [path]
    for name in (path, path + "-wal"):
        try:
            info = os.stat(name)
        except FileNotFoundError:
            stamps.append(None)
        else:
            stamps.append((info.st_size, info.st_mtime_ns, info.st_ino))
    return tuple(stamps)


def made(run: Callable[..., Result], *args: str) -> Result:
    result = run(*args)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result


@pytest.fixture(scope="module")
def campaign(backend, tmp_path_factory, seeded_template) -> Iterator[Campaign]:
    if backend == "postgresql" and not POSTGRES:
        pytest.skip(SKIP_POSTGRES)
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "content" / "sessions" / "sub").mkdir(parents=True)
    for name in OUTCOME_FILES:
        (folder / "content" / name).write_text("# Outcome\n", encoding="utf-8")
    (folder / "a-file").write_text("in the way\n", encoding="utf-8")
    # Relative paths land here, deep enough that ../../ stays inside the test's folder.
    work = folder / "work" / "deeper" / "still"
    work.mkdir(parents=True)
    created: list[str] = []
    if backend == "sqlite":
        url = f"sqlite:///{folder / 'registry.db'}"
        empty_url = f"sqlite:///{folder / 'empty.db'}"
        copy_registry(seeded_template(TODAY, USER), folder / "registry.db")
    else:
        url, empty_url = new_postgres_database(), new_postgres_database()
        created = [url, empty_url]
    campaign = Campaign(backend, folder, url, empty_url, None)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(work)
        # The runner builds the command line from the app at every call, which costs more than
        # most refusals: built once here, the campaign runs in seconds.
        patch.setattr(typer.testing, "_get_command", functools.cache(typer.main.get_command))
        run = campaign.cli()
        if backend != "sqlite":
            made(run, "init", "--seed")
        made(campaign.cli(empty_url), "init")
        made(run, "instrument", "add", "hostile-test", "--title", "An instrument to correct", "--adopted",
             "2014-01-01")
        made(run, "join", "MX", "--date", "2013-06-01", "--source", "a letter", "--note", "a note")
        made(run, "report", "record", "MX", "--cycle", "2014", "--received", "2014-06-30", "--url",
             "https://example.org/mx-2014.pdf")
        made(run, "session", "schedule", "--number", "1", "--starts", "2014-12-10", "--ends", "2014-12-11",
             "--city", "Washington", "--host", "US")
        made(run, "session", "attend", "conference-1", "FR", "DE")
        made(run, "session", "held", "conference-1")
        made(run, "session", "schedule", "--number", "2", "--starts", "2015-03-02")
        made(run, "session", "schedule", "--number", "3", "--starts", "2030-01-01")
        campaign.document = made(run, "export").stdout
        campaign.empty_document = made(campaign.cli(empty_url), "export").stdout
        doc = json.loads(campaign.document)
        campaign.ids = {
            "action": str(next(a["id"] for a in doc["actions"] if a["country"] == "MX")),
            "report": str(doc["reports"][0]["id"]),
            "instrument": str(next(i["id"] for i in doc["instruments"] if i["slug"] == "hostile-test")),
            "meeting": str(next(m["id"] for m in doc["meetings"] if m["slug"] == "conference-1")),
            "attendance": str(next(a["id"] for a in doc["attendance"] if a["meeting"] == "conference-1")),
            "change": str(max(c["id"] for c in doc["changes"])),  # scheduling conference 3: undoable
            "tmp": str(folder),
        }
        if backend == "sqlite":
            for name in ("registry.db", "empty.db"):
                db.get_engine(f"sqlite:///{folder / name}").dispose()  # the WAL checkpointed: copies are whole
            campaign.template = folder / "template.db"
            copy_registry(folder / "registry.db", campaign.template)
            copy_registry(folder / "empty.db", folder / "empty-template.db")
        yield campaign
    if backend == "sqlite":
        for name in ("registry.db", "empty.db"):
            db.get_engine(f"sqlite:///{folder / name}").dispose()
    for url in created:
        drop_postgres_database(url)


def write_file(campaign: Campaign, case: Case) -> str:
    content = case.content(campaign) if callable(case.content) else case.content
    assert content is not None
    path = campaign.folder / "files" / f"{case.id}.data"
    path.parent.mkdir(exist_ok=True)
    if content.startswith(b"SPARSE:"):
        with open(path, "wb") as sparse:
            sparse.truncate(2**30 + 1)  # a gigabyte and a byte, all holes: made at once, read by no one
    else:
        path.write_bytes(content)
    return str(path)


def arguments(campaign: Campaign, case: Case) -> list[str]:
    values = dict(campaign.ids, case=case.id)
    if case.content is not None:
        values["file"] = write_file(campaign, case)
    args = []
    for arg in case.args:
        for key, value in values.items():
            arg = arg.replace("{" + key + "}", value)
        args.append(arg)
    return args


def assert_clean(result: Result, case: Case) -> None:
    """No traceback, no last resort (the runner checks it), no control character on the terminal."""
    for name, text in (("stdout", result.stdout), ("stderr", result.stderr)):
        assert "Traceback" not in text, (case.id, text[-2000:])
        control = TERMINAL_CONTROL.search(text)
        assert control is None, (case.id, name, f"U+{ord(control.group()):04X}", text[-2000:])


def exported(run: Callable[..., Result]) -> str:
    result = run("export")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def params() -> list:
    marks = {True: [], False: [pytest.mark.sqlite_only]}
    return [pytest.param(c, id=c.id, marks=marks[c.postgres]) for c in CASES]


@pytest.mark.parametrize("case", params())
def test_hostile_value(campaign, case, monkeypatch):
    monkeypatch.chdir(campaign.folder / "work" / "deeper" / "still")
    if case.expect in (REFUSED, USAGE, ACCEPTED):
        run = campaign.cli(campaign.empty_url if case.empty else campaign.url)
        args = arguments(campaign, case)
        if case.expect == REFUSED:
            assert_clean(assert_refused(run, *args), case)
            return
        before = exported(run)
        result = run(*args)
        assert_clean(result, case)
        assert result.exit_code == (2 if case.expect == USAGE else 0), (case.id, result.stdout, result.stderr)
        if case.expect == USAGE:
            assert "Error" in result.stderr
        assert exported(run) == before, case.id
        return
    with campaign.copy(empty=case.empty) as url:
        run = campaign.cli(url)
        args = arguments(campaign, case)
        before = campaign.empty_document if case.empty else campaign.document
        if campaign.backend != "sqlite":
            before = exported(run)  # the shared registry, as the cases before left it
        result = run(*args)
        assert_clean(result, case)
        if case.expect == EITHER and result.exit_code != 0:
            assert result.exit_code == 1 and result.stderr.startswith("Error:"), (case.id, result.stderr)
            assert exported(run) == before, case.id
            return
        assert result.exit_code == 0, (case.id, result.stdout, result.stderr[-3000:])
        after = exported(run)
        assert after != before or case.id.startswith("init"), case.id
        doc = json.loads(after)
        kept = json.dumps(doc, ensure_ascii=False)
        for value in case.stored:
            assert json.dumps(value, ensure_ascii=False)[1:-1] in kept, (case.id, value)
        # What was stored, the rules accept (as `registry check` applies them, without its slow
        # integrity check of the whole file).
        for name, (table, _) in TABLES.items():
            for index, row in enumerate(doc[name]):
                assert not entries.problems(table, row, f"{name}[{index}]"), (case.id, row)
        assert not entries.problems("alliance", doc["alliance"], "alliance"), case.id


# -- arguments that are not UTF-8, in a real process --------------------------------------------

ARGV = {
    "country": [b"join", b"\xff", b"--date", b"2015-01-01"],
    "note": [b"join", b"ZW", b"--date", b"2015-01-01", b"--note", b"caf\xe9"],
    "by": [b"join", b"ZW", b"--date", b"2015-01-01", b"--by", b"\xff\xfe"],
    "search": [b"countries", b"\xc3"],
    "instrument": [b"status", b"--instrument", b"\xff"],
    "output": [b"export", b"--output", b"\xff.json"],
    "title": [b"instrument", b"add", b"x-1", b"--title", b"\xe9t\xe9", b"--adopted", b"2015-01-01"],
}


@pytest.mark.sqlite_only
@pytest.mark.parametrize("name", list(ARGV))
def test_arguments_that_are_not_utf8_are_refused_in_a_real_process(campaign, name):
    """A terminal in another encoding passes bytes Python reads as lone surrogates; the real
    standard output is strict UTF-8, so a surrogate printed there would be a traceback."""
    env = {**os.environ, **{k: v for k, v in campaign.env(campaign.url).items() if v is not None},
           "PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"}
    run = campaign.cli()
    before = exported(run)
    done = subprocess.run([os.fsencode(sys.executable), b"-m", b"registry", *ARGV[name]], env=env,
                          capture_output=True, cwd=campaign.folder)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1, (done.stdout, stderr)
    assert stderr.startswith("Error:") and "Traceback" not in stderr and "unexpected failure" not in stderr, stderr
    assert "UTF-8" in stderr, stderr
    assert exported(run) == before


def test_the_campaign_is_large():
    assert len(CASES) >= 300
    assert {c.args[0] for c in CASES} >= {"join", "withdraw", "import", "instrument", "report", "session", "correct",
                                          "retract", "settings", "restore", "export", "backup", "log", "country",
                                          "countries", "status", "init"}
