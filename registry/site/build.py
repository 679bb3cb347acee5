"""The atomic build: Pelican writes into a fresh folder that replaces output/.

Readers never see a half-written site, and a failed build (a bad reference
in content/, a registry that cannot be read) leaves the previous output/
exactly as it was. Pages of deleted entries cannot linger either, because
nothing is ever written on top of an old build.
"""

import hashlib
import json
import os
import shutil
import sys
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
    cache = cache_folder(target)
    state_file = cache / "build-state"
    state = build_state(settings, settings_file or DEFAULT_SETTINGS, target)
    if target.is_dir() and state_file.is_file() and state_file.read_text(encoding="utf-8") == state:
        return target  # nothing the site is made from has changed since the last build
    state_file.unlink(missing_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    fresh.chmod(0o755)  # mkdtemp's 0700 would hide the site from a web server
    settings["OUTPUT_PATH"] = str(fresh)
    settings["REGISTRY_BUILD_CACHE"] = str(cache / "pages")
    try:
        Pelican(settings).run()
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if target.is_dir():
        keep_unchanged(fresh, target)
    swap(fresh, target)
    state_file.write_text(state, encoding="utf-8")
    return target


def cache_folder(target: Path) -> Path:
    """Where the build keeps what it may reuse next time: `.site-cache/<output name>/`
    beside the output folder. Never published; deleting it only makes the next build cold."""
    folder = target.parent / ".site-cache" / target.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep_unchanged(fresh: Path, old: Path) -> None:
    """Give each new file whose bytes equal the old one's the old modification time.

    A rebuild then changes the bytes and times of only the files whose content
    changed, so that rsync, web caches and readers see what really changed.
    """
    for folder, _, names in os.walk(fresh):
        for name in names:
            path = os.path.join(folder, name)
            before = os.path.join(old, os.path.relpath(path, fresh))
            try:
                then, now = os.stat(before), os.stat(path)
            except FileNotFoundError:
                continue
            if then.st_size != now.st_size:
                continue
            with open(before, "rb") as a, open(path, "rb") as b:
                if a.read() != b.read():
                    continue
            os.utime(path, ns=(then.st_atime_ns, then.st_mtime_ns))


def build_state(settings: dict, settings_file, target: Path) -> str:
    """Everything a build depends on, in one text: when it is unchanged, so is the site.

    The registry's part is its last logged change and each table's row count
    and highest id (every write through the library is logged); the files'
    part is the hash of content/, the theme, the settings and the site's code.
    """
    from registry import clock, exchange, rows

    with rows.reading() as reader:
        tables = {name: list(reader.rows(f'SELECT COUNT(*), MAX(id) FROM "{table}"')[0])
                  for name, (table, _) in exchange.TABLES.items()}
        alliance = reader.table("alliance")
        last = reader.rows('SELECT at, id FROM "change" ORDER BY at DESC, id DESC LIMIT 1')
    files = hashlib.sha256()
    code = Path(__file__).resolve().parents[1]
    for root in (Path(settings["PATH"]), Path(settings["THEME"]), code):
        for path in sorted(root.rglob("*")) if root.is_dir() else []:
            if path.is_file() and "__pycache__" not in path.parts:
                files.update(f"{path}\0".encode())
                files.update(path.read_bytes())
    for path in {Path(settings_file).resolve(), DEFAULT_SETTINGS}:
        files.update(path.read_bytes())
    settings_text = {k: v for k, v in settings.items() if isinstance(v, (str, int, bool, type(None)))}
    return json.dumps({
        "registry": {"tables": tables, "alliance": alliance, "last_change": str(last)},
        "today": clock.today().isoformat(),
        "files": files.hexdigest(),
        "settings": settings_text,
        "output": str(target),
        "python": sys.version,
        "environment": {k: v for k, v in sorted(os.environ.items()) if k.startswith("REGISTRY_")},
    }, sort_keys=True, default=str)


def swap(fresh: Path, target: Path) -> None:
    """Put `fresh` where `target` is, then remove the old build."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.rename(target, old)
    os.rename(fresh, target)
    if old is not None:
        shutil.rmtree(old)
