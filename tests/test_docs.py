"""The documentation is part of the interface: every command is shown in context in the
secretariat's guide and listed with all its options in its reference, docs/cli.md is what the
command line generates, the README's walkthrough runs as written, CI runs exactly the README's
test command, and every link between the documents leads somewhere."""

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from registry.cli import app

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDE_FILE = ROOT / "docs" / "secretariat.md"
GUIDE = GUIDE_FILE.read_text(encoding="utf-8")
CLI_DOCS = ROOT / "docs" / "cli.md"
#: The documents written by hand, whose links are checked.
#: Every document written by hand (docs/cli.md is generated).
WRITTEN = [ROOT / "README.md"] + sorted(p for p in (ROOT / "docs").glob("*.md") if p.name != "cli.md")


def commands(group, path=("registry",)):
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            yield from commands(command, path + (name,))
        else:
            yield path + (name,), command


ALL = list(commands(typer.main.get_command(app)))
IDS = [" ".join(p[1:]) for p, _ in ALL]


def section(text: str, heading: str) -> str:
    """The text under `## heading`, up to the next heading of that level."""
    parts = re.split(r"^## ", text, flags=re.M)
    found = [part for part in parts if part.startswith(heading + "\n")]
    assert found, f"no '## {heading}' section"
    return found[0]


def reference_row(path: tuple[str, ...]) -> str:
    reference = section(GUIDE, "Command reference")
    pattern = re.compile(r"^\| `" + re.escape(" ".join(path)) + r"(?: [A-Z[][^`]*)?` \|.*$", re.M)
    rows = pattern.findall(reference)
    assert rows, f"'{' '.join(path)}' is missing from the command reference in docs/secretariat.md"
    return rows[0]


@pytest.mark.parametrize("path, command", ALL, ids=IDS)
def test_every_command_and_option_is_in_the_guides_reference(path, command):
    row = reference_row(path)
    for param in command.params:
        for option in param.opts:
            if option.startswith("--") and option != "--help":
                assert f"`{option}`" in row, f"{option} of '{' '.join(path)}' is not in docs/secretariat.md"


@pytest.mark.parametrize("path, command", ALL, ids=IDS)
def test_every_command_is_shown_in_context_in_the_guide(path, command):
    """Named in the guide's text itself, not only in the reference table at its end."""
    body = GUIDE.replace(section(GUIDE, "Command reference"), "")
    name = " ".join(path)
    assert re.search(re.escape(name) + r"(?![\w-])", body), \
        f"'{name}' is not shown in docs/secretariat.md outside its command reference"


def test_the_cli_reference_is_current(tmp_path):
    generated = tmp_path / "cli.md"
    subprocess.run([sys.executable, "-m", "typer", "registry.cli", "utils", "docs", "--name", "registry",
                    "--output", str(generated)], capture_output=True, text=True, check=True, cwd=tmp_path)
    text = generated.read_text(encoding="utf-8")
    for path, _ in ALL:
        assert f"`{' '.join(path)}`" in text, f"the generator left out '{' '.join(path)}'"
    assert CLI_DOCS.is_file() and CLI_DOCS.read_text(encoding="utf-8") == text, \
        "docs/cli.md is not what the command line generates: run `invoke docs` and keep the result"


@pytest.mark.parametrize("path, command", ALL, ids=IDS)
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
    scratch = [line for line in lines if line.startswith("export ")]
    assert scratch and "/tmp/" in scratch[0], "the walkthrough must start on a scratch registry outside the project"
    for line in lines[len(scratch):]:
        words = shlex.split(line)
        assert words[0] == "registry"
        result = cli(*words[1:])
        assert result.exit_code == 0, (line, result.stderr)
    assert (tmp_path / "registry.json").exists() and (tmp_path / "registry-backup.db").exists()


def test_ci_runs_the_readme_test_command():
    commands_ = re.findall(r"\*\*Test it\*\*.*?```sh\n(.+?)\n```", README, re.S)
    assert commands_, "README has no test command"
    assert commands_[0] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_readme_stays_a_front_door():
    assert len(README.splitlines()) <= 200, "README.md is over 200 lines: move the detail to docs/"


def anchors(text: str) -> set[str]:
    """The fragment of each heading, as GitHub makes it."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    return {re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
            for heading in re.findall(r"^#+ (.+)$", text, flags=re.M)}


def links(text: str) -> list[str]:
    text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    return re.findall(r"\]\(([^)\s]+)\)", text)


@pytest.mark.parametrize("document", WRITTEN, ids=[p.name for p in WRITTEN])
def test_every_link_between_the_documents_leads_somewhere(document):
    for link in links(document.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", link):
            continue
        target, _, fragment = link.partition("#")
        path = (document.parent / target).resolve() if target else document
        assert path.exists(), f"{document.name} links to {link}, which does not exist"
        if fragment:
            assert fragment in anchors(path.read_text(encoding="utf-8")), \
                f"{document.name} links to {link}, but {path.name} has no such heading"


def test_python_dash_m_registry_is_the_same_tool():
    result = subprocess.run([sys.executable, "-m", "registry", "--help"],
                            capture_output=True, text=True, check=True)
    assert "Keep an alliance's registry" in result.stdout


def test_every_command_but_export_speaks_json():
    for path, command in ALL:
        names = {opt for param in command.params for opt in param.opts}
        if path[-1] != "export":
            assert "--json" in names, f"'{' '.join(path)}' has no --json"
