"""Damaged and foreign registries: every command says what is wrong, and none writes to the file."""

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite_only

COMMANDS = [
    ("status",), ("check",), ("country", "FR"), ("export",), ("log",), ("report", "list"),
    ("join", "BR", "--date", "2015-01-01"), ("withdraw", "GB", "--date", "2020-01-01"),
    ("settings", "set", "contact", "x@example.org", "--reason", "r"), ("init",), ("init", "--seed"),
]


def damage(path: Path, how: str) -> None:
    if how == "not a database":
        path.write_bytes(os.urandom(20_000))
    elif how == "a damaged page":
        size = path.stat().st_size
        with open(path, "r+b") as file:
            file.seek(size // 2)
            file.write(os.urandom(8192))
    elif how == "a newer schema":
        connection = sqlite3.connect(path)
        with connection:
            connection.execute("UPDATE alembic_version SET version_num = '9999'")
        connection.close()  # the last connection folds the write-ahead log into the file


SAYS = {"not a database": "is damaged or is not a registry", "a damaged page": "is damaged",
        "a newer schema": "which this version of the registry software does not know"}


@pytest.mark.parametrize("how", list(SAYS))
def test_every_command_says_what_is_wrong_and_leaves_the_file_as_it_was(seeded, registry_url, how):
    path = Path(registry_url.removeprefix("sqlite:///"))
    seeded("check")  # leaves the write-ahead log checkpointed into the file
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    damage(path, how)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    outcomes = {}
    for command in COMMANDS:
        result = seeded(*command)
        outcomes[" ".join(command)] = (result.exit_code, SAYS[how] in result.stderr or
                                       (how == "a damaged page" and result.exit_code == 0))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    writes = {c for c in outcomes if c.split()[0] in ("join", "withdraw", "settings", "init")}
    assert {c: outcomes[c] for c in writes} == {c: (1, True) for c in writes}
    assert all(said for _, said in outcomes.values()), outcomes
