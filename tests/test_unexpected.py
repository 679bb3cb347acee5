"""The last resort: an error nobody foresaw is one line on the screen, the details in a file."""

import re

from typer.testing import CliRunner

from registry.cli import app
from registry.writing import changelog


def test_an_unforeseen_error_is_one_line_and_a_log_file_and_writes_nothing(seeded, monkeypatch):
    before = seeded("export").stdout

    def broken(*args, **kwargs):
        raise ZeroDivisionError("something nobody foresaw")

    # The accession is added, then logging it fails: the whole write must be undone.
    monkeypatch.setattr(changelog, "record", broken)
    result = CliRunner().invoke(app, ["join", "BR", "--date", "2015-01-01"], prog_name="registry")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert "unexpected failure (ZeroDivisionError: something nobody foresaw)" in result.stderr
    log = re.search(r"The details are in (\S+);", result.stderr).group(1)
    with open(log, encoding="utf-8") as details:
        text = details.read()
    assert "Traceback" in text and "ZeroDivisionError" in text
    assert seeded("export").stdout == before
