"""Several secretaries writing at the same moment: every write lands, nobody sees an error."""

import subprocess
import sys

from registry.rules import countries

WRITER = """
import sys
from registry.storage import db
from registry.writing import participation

for code in sys.argv[1:]:
    with db.writing() as session:
        participation.join(session, code, on="2016-01-01", instrument="charter", by="writer")
"""


def test_four_writers_of_fifty_accessions_at_once_lose_nothing(fresh_db):
    fresh_db("instrument add charter --title Charter --adopted 2015-01-01")
    codes = [c.iso2 for c in countries.all_countries()][:200]
    batches = [codes[i::4] for i in range(4)]
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, *batch],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for batch in batches]
    outcomes = [w.communicate(timeout=300) for w in writers]
    assert [w.returncode for w in writers] == [0, 0, 0, 0], outcomes
    assert all(err == "" for _, err in outcomes), outcomes
    joined = fresh_db("status --instrument charter --json").json()
    assert sorted(s["iso2"] for s in joined) == sorted(codes)
    log = fresh_db("log --json").json()
    assert len([c for c in log if c["by"] == "writer"]) == 200
    assert fresh_db("check").exit_code == 0
