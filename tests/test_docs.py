"""The README is part of the interface: every command and option is documented,
the walkthrough runs as written, and CI runs exactly the README's test command."""

import re
import shlex
from pathlib import Path

import pytest
import typer.main

from registry.cli import app

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands(group, path=("registry",)):
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            yield from commands(command, path + (name,))
        else:
            yield path + (name,), command


ALL = list(commands(typer.main.get_command(app)))


def reference_row(path: tuple[str, ...]) -> str:
    pattern = re.compile(r"^\| `" + re.escape(" ".join(path)) + r"(?: [A-Z[][^`]*)?` \|.*$", re.M)
    rows = pattern.findall(README)
    assert rows, f"'{' '.join(path)}' is missing from README's command reference"
    return rows[0]


@pytest.mark.parametrize("path, command", ALL, ids=[" ".join(p[1:]) for p, _ in ALL])
def test_every_command_and_option_is_documented(path, command):
    row = reference_row(path)
    for param in command.params:
        for option in param.opts:
            if option.startswith("--") and option != "--help":
                assert f"`{option}`" in row, f"{option} of '{' '.join(path)}' is not in README"


@pytest.mark.parametrize("path, command", ALL, ids=[" ".join(p[1:]) for p, _ in ALL])
def test_every_command_explains_itself_with_an_example(path, command):
    assert "Example:" in (command.help or ""), f"'{' '.join(path)}' --help has no example"


def walkthrough() -> list[str]:
    block = README.split("<!-- walkthrough:", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_the_walkthrough_runs_as_written(cli, tmp_path):
    (tmp_path / "docs" / "examples").mkdir(parents=True)
    example = ROOT / "docs" / "examples" / "accessions.csv"
    (tmp_path / "docs" / "examples" / "accessions.csv").write_bytes(example.read_bytes())
    lines = walkthrough()
    assert len(lines) > 15
    for line in lines:
        words = shlex.split(line)
        assert words[0] == "registry"
        result = cli(*words[1:])
        assert result.exit_code == 0, (line, result.stderr)
    assert (tmp_path / "registry.json").exists() and (tmp_path / "registry-backup.db").exists()


def test_ci_runs_the_readme_test_command():
    commands_ = re.findall(r"\*\*Test it\*\*.*?```sh\n(.+?)\n```", README, re.S)
    assert commands_, "README has no test command"
    assert commands_[0] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_python_dash_m_registry_is_the_same_tool():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "registry", "--help"],
                            capture_output=True, text=True, check=True)
    assert "Keep an alliance's registry" in result.stdout


def test_every_command_but_export_speaks_json():
    for path, command in ALL:
        names = {opt for param in command.params for opt in param.opts}
        if path[-1] != "export":
            assert "--json" in names, f"'{' '.join(path)}' has no --json"
