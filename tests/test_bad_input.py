"""Bad input, everywhere: every command fed malformed values gets a clear error
(or stores the value exactly as given), never a traceback, never a partial write."""

import json
import os

import pytest
from conftest import POSTGRES, SKIP_POSTGRES, drop_postgres_database, new_postgres_database
from typer.testing import CliRunner

from registry.cli import app

LONG = "x" * 10_001
RTL = "\u200f"
CYRILLIC_FRANCE = "Fr\u0430nce"
SQL = "'); DELETE FROM action; --"
HTML = "<img src=x onerror=alert(1)>\"'"

# (arguments, what must happen): "refused" is exit 1 (a rule) or 2 (a usage
# mistake) with a message and nothing written; "stored" is exit 0 with the
# value kept exactly.
CASES = [
    # countries
    (["join", "", "--date", "2015-01-01"], "refused"),
    (["join", "   ", "--date", "2015-01-01"], "refused"),
    (["join", LONG, "--date", "2015-01-01"], "refused"),
    (["join", "123", "--date", "2015-01-01"], "refused"),
    (["join", "F", "--date", "2015-01-01"], "refused"),
    (["join", "FRAN", "--date", "2015-01-01"], "refused"),
    (["join", f"Bolivia{RTL}", "--date", "2015-01-01"], "refused"),
    (["join", "\u202eaivilob", "--date", "2015-01-01"], "refused"),
    (["join", CYRILLIC_FRANCE, "--date", "2015-01-01"], "refused"),
    (["join", SQL, "--date", "2015-01-01"], "refused"),
    (["join", HTML, "--date", "2015-01-01"], "refused"),
    (["join", "Bolivia\x00", "--date", "2015-01-01"], "refused"),
    # dates
    (["join", "BO", "--date", ""], "refused"),
    (["join", "BO", "--date", "2015-13-01"], "refused"),
    (["join", "BO", "--date", "2015-02-29"], "refused"),
    (["join", "BO", "--date", "15-01-01"], "refused"),
    (["join", "BO", "--date", "2015/01/01"], "refused"),
    (["join", "BO", "--date", "2015-1-1"], "refused"),
    (["join", "BO", "--date", "20150101"], "refused"),
    (["join", "BO", "--date", "2015-01-01T00:00"], "refused"),
    (["join", "BO", "--date", "\u0662\u0660\u0661\u0665-\u0660\u0661-\u0660\u0661"], "refused"),
    (["join", "BO", "--date", "tomorrow"], "refused"),
    (["join", "BO", "--date", "9999-12-31"], "refused"),
    (["join", "BO", "--date", "0001-01-01"], "refused"),
    (["status", "--as-of", "2015-02-30"], "refused"),
    (["status", "--as-of", "'; DROP TABLE action; --"], "refused"),
    # free text
    (["join", "BO", "--date", "2015-01-01", "--note", LONG], "refused"),
    (["join", "BO", "--date", "2015-01-01", "--note", "bell\x07"], "refused"),
    (["join", "BO", "--date", "2015-01-01", "--source", SQL], "stored"),
    (["join", "PE", "--date", "2015-01-01", "--note", HTML], "stored"),
    (["join", "CL", "--date", "2015-01-01", "--note", f"{RTL}مرحبا \u202e=cmd|' /C calc'!A0"], "stored"),
    (["join", "AR", "--date", "2015-01-01", "--note", "line one\nline two\ttab"], "stored"),
    (["join", "BR", "--date", "2015-01-01", "--note", "emoji \U0001F30D and \u00e9\u0301 combining"], "stored"),
    # other options of join and withdraw
    (["join", "BO", "--date", "2015-01-01", "--instrument", SQL], "refused"),
    (["join", "BO", "--date", "2015-01-01", "--kind", ""], "refused"),
    (["join", "BO", "--date", "2015-01-01", "--evidence", "<b>"], "refused"),
    (["join", "BO", "--date", "2015-01-01", "--meeting", LONG], "refused"),
    (["withdraw", "XK", "--date", "2015-01-01"], "refused"),
    (["withdraw", "FR", "--date", "2015-01-01", "--note", LONG], "refused"),
    # instruments
    (["instrument", "add", "Bad Slug", "--title", "t", "--adopted", "2015-01-01"], "refused"),
    (["instrument", "add", "../etc", "--title", "t", "--adopted", "2015-01-01"], "refused"),
    (["instrument", "add", "a" * 101, "--title", "t", "--adopted", "2015-01-01"], "refused"),
    (["instrument", "add", "ok-1", "--title", "", "--adopted", "2015-01-01"], "refused"),
    (["instrument", "add", "ok-2", "--title", "two\nlines", "--adopted", "2015-01-01"], "refused"),
    (["instrument", "add", "ok-3", "--title", "t", "--adopted", "2015-02-30"], "refused"),
    (["instrument", "add", "ok-4", "--title", "t", "--adopted", "2015-01-01", "--kind", "treaty;"], "refused"),
    (["instrument", "add", "ok-5", "--title", HTML, "--adopted", "2015-01-01", "--citation", SQL], "stored"),
    # reports
    (["report", "record", "FR", "--cycle", "", "--received", "2014-06-01"], "refused"),
    (["report", "record", "FR", "--cycle", "2014; DROP", "--received", "2014-06-01"], "refused"),
    (["report", "record", "FR", "--cycle", "2014", "--received", "June 2014"], "refused"),
    (["report", "record", "FR", "--cycle", "2014", "--received", "2014-06-01", "--url", "javascript:alert(1)"], "refused"),
    (["report", "record", "FR", "--cycle", "2014", "--received", "2014-06-01", "--url", "ftp://example.org/r"], "refused"),
    (["report", "record", "FR", "--cycle", "2014", "--received", "2014-06-01", "--url", "https://ex ample.org"], "refused"),
    (["report", "record", "FR", "--cycle", "2014", "--received", "2014-06-01", "--url", "http://"], "refused"),
    (["report", "record", "DE", "--cycle", "2014", "--received", "2014-06-01", "--url", "https://example.org/r?a=1&b=\"2\"", "--note", HTML], "stored"),
    # sessions
    (["session", "schedule", "--number", "0", "--starts", "2014-12-01"], "refused"),
    (["session", "schedule", "--number", "-1", "--starts", "2014-12-01"], "refused"),
    (["session", "schedule", "--number", "one", "--starts", "2014-12-01"], "refused"),
    (["session", "schedule", "--number", "7", "--starts", "2014-12-01", "--host", "Atlantis"], "refused"),
    (["session", "schedule", "--number", "7", "--starts", "2014-12-01", "--city", LONG], "refused"),
    (["session", "schedule", "--number", "7", "--starts", "2014-12-01", "--slug", "<script>"], "refused"),
    (["session", "schedule", "--number", "8", "--starts", "2014-12-01", "--city", HTML, "--title", SQL], "stored"),
    (["session", "attend", "prague-2009", ""], "refused"),
    (["session", "outcome", "prague-2009", "/etc/passwd"], "refused"),
    (["session", "outcome", "prague-2009", "x.md\x00"], "refused"),
    # corrections, settings, log, look-ups
    (["correct", "action", "one", "note=x", "--reason", "r"], "refused"),
    (["correct", "action", "1", "=x", "--reason", "r"], "refused"),
    (["correct", "action", "1", "date=2015-02-30", "--reason", "r"], "refused"),
    (["correct", "action", "1", "note=" + LONG, "--reason", "r"], "refused"),
    (["correct", "action", "1", "note=x", "--reason", LONG], "refused"),
    (["correct", "action", "-1", "note=x", "--reason", "r"], "refused"),
    (["retract", "report", "99999999999999999999", "--reason", "r"], "refused"),
    (["settings", "set", "records-kept-since", "yesterday"], "refused"),
    (["settings", "set", "report-interval-years", "0"], "refused"),
    (["settings", "set", "report-interval-years", "-2"], "refused"),
    (["settings", "set", "founding-instrument", SQL], "refused"),
    (["settings", "set", "name", ""], "refused"),
    (["settings", "set", "contact", HTML], "stored"),
    (["log", "--country", SQL], "refused"),
    (["log", "--limit", "many"], "refused"),
    (["country", CYRILLIC_FRANCE], "refused"),
    (["countries", "\u202e"], "refused"),
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared(request, tmp_path_factory):
    """One seeded registry per backend; refused commands must leave it as it was."""
    saved = dict(os.environ)
    folder = tmp_path_factory.mktemp("bad-input")
    if request.param == "postgresql":
        if not POSTGRES:
            pytest.skip(SKIP_POSTGRES)
        url = new_postgres_database()
    else:
        url = f"sqlite:///{folder / 'registry.db'}"
    os.environ.update(REGISTRY_DATABASE_URL=url, REGISTRY_USER="tester",
                      REGISTRY_CONTENT_DIR=str(folder / "content"))
    (folder / "content").mkdir()
    runner = CliRunner()
    assert runner.invoke(app, ["init", "--seed"]).exit_code == 0
    yield runner
    os.environ.clear()
    os.environ.update(saved)
    if request.param == "postgresql":
        drop_postgres_database(url)


def run(runner, args):
    result = runner.invoke(app, args, prog_name="registry")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("args, outcome", CASES, ids=[f"{i:02d}-{c[0][0]}" for i, c in enumerate(CASES)])
def test_bad_input(shared, args, outcome):
    before = run(shared, ["export"]).stdout
    result = run(shared, args)
    if outcome == "refused":
        assert result.exit_code in (1, 2), result.stdout
        assert "Error" in result.stderr
        assert run(shared, ["export"]).stdout == before
    else:
        assert result.exit_code == 0, result.stderr
        stored = json.dumps(json.loads(run(shared, ["export"]).stdout), ensure_ascii=False)
        for value in args[1:]:
            if not value.startswith("--") and len(value) > 3:
                assert json.dumps(value, ensure_ascii=False)[1:-1] in stored, value
