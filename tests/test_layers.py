"""The architecture as a checked contract: the layers, no import cycles, types, lint.

registry/__init__.py draws the layers; pyproject.toml states them for
import-linter and sets mypy (strict for registry.rules) and ruff. Each check
runs the real tool on the real package, so an import that crosses a layer,
a cycle, a type error or a lint error fails the suite with the tool's own
explanation.
"""

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(tool: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / tool), *args], cwd=PROJECT, capture_output=True, text=True)


def test_the_layers_hold_and_nothing_imports_in_a_cycle():
    result = run("lint-imports", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_package_type_checks_and_the_rules_strictly():
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_lint_free():
    result = run("ruff", "check", "registry", "tests", "benchmarks", "tasks.py", "pelicanconf.py", "publishconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
