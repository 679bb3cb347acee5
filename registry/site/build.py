"""The atomic build: Pelican writes into a fresh folder that replaces output/.

Readers never see a half-written site, and a failed build (a bad reference
in content/, a registry that cannot be read) leaves the previous output/
exactly as it was. Pages of deleted entries cannot linger either, because
nothing is ever written on top of an old build.
"""

import os
import shutil
import tempfile
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

PROJECT = Path(__file__).resolve().parents[2]
DEFAULT_SETTINGS = PROJECT / "pelicanconf.py"


def build(settings_file: str | os.PathLike | None = None, output: str | os.PathLike | None = None) -> Path:
    """Build the site and swap it into place; returns the output folder."""
    settings = read_settings(str(settings_file or DEFAULT_SETTINGS))
    target = Path(output or settings["OUTPUT_PATH"]).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    fresh.chmod(0o755)  # mkdtemp's 0700 would hide the site from a web server
    settings["OUTPUT_PATH"] = str(fresh)
    try:
        Pelican(settings).run()
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    swap(fresh, target)
    return target


def swap(fresh: Path, target: Path) -> None:
    """Put `fresh` where `target` is, then remove the old build."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.rename(target, old)
    os.rename(fresh, target)
    if old is not None:
        shutil.rmtree(old)
