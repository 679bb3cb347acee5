"""The build: a patch when only day-to-day writes happened, else Pelican into a fresh folder.

Readers never see a half-written site. A full build writes into a new folder
that replaces output/ only when the whole build has succeeded, so a failed
build (a bad reference in content/, a registry that cannot be read) leaves
the previous output/ exactly as it was, and pages of deleted entries cannot
linger. A patch build (patch.py) prepares every changed file before it
replaces any, each with one atomic rename.
"""

import hashlib
import json
import os
import runpy
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from registry.rules import clock
from registry.reading import snapshot
from registry.site import cache, patch
from registry.storage import rows

PROJECT = Path(__file__).resolve().parents[2]
DEFAULT_SETTINGS = PROJECT / "pelicanconf.py"


@dataclass(frozen=True)
class Built:
    """What a build did: "built" (in full), "patched" or "unchanged"; files replaced by a patch."""

    output: Path
    how: str
    files: int = 0


def build(settings_file: str | os.PathLike | None = None, output: str | os.PathLike | None = None,
          verbose: bool | None = None) -> Built:
    """Bring the site in `output` (the settings' OUTPUT_PATH) up to date with the registry.

    `verbose` sets up Pelican's logging for a full build: every file written, or (False)
    warnings only; None leaves logging as it is. A patch logs nothing.
    """
    settings_file = Path(settings_file or DEFAULT_SETTINGS).resolve()
    declared = runpy.run_path(str(settings_file))  # the settings as written; Pelican adds defaults
    target = Path(output or declared["OUTPUT_PATH"]).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = cache_folder(target)
    inputs = inputs_of(declared, settings_file, target)
    last = patch.stamp(folder) if target.is_dir() else None
    if last is not None and last["inputs"] == inputs:
        with rows.reading() as reader, snapshot.collector_paused():
            position = snapshot.position_of(reader)
            if position == last["position"]:
                return Built(target, "unchanged")
            saved = patch.load(folder)
            if saved is not None and saved.inputs == inputs and saved.snapshot.position == last["state"]:
                replaced = patch.apply(saved, reader, position, target)
                if replaced is not None:
                    return Built(target, "patched", replaced)
    full(settings_file, target, folder, inputs, verbose)
    return Built(target, "built")


def full(settings_file: Path, target: Path, folder: Path, inputs: str, verbose: bool | None = None) -> None:
    """The whole site, by Pelican, into a fresh folder swapped in when it is complete."""
    import logging

    from pelican import Pelican
    from pelican.log import init as init_logging
    from pelican.settings import read_settings

    if verbose is not None:
        init_logging(level=logging.INFO if verbose else logging.WARNING)
    settings = read_settings(str(settings_file))
    patch.forget(folder)  # until this build succeeds, no patch may build on the old one
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    fresh.chmod(0o755)  # mkdtemp's 0700 would hide the site from a web server
    settings["OUTPUT_PATH"] = str(fresh)
    settings["REGISTRY_BUILD_CACHE"] = str(folder)
    settings["REGISTRY_BUILD_STATE"] = ".new"  # the generator keeps its state and keys with this suffix
    settings["REGISTRY_BUILD_INPUTS"] = inputs
    settings["REGISTRY_BUILD_LAST_OUTPUT"] = str(target) if target.is_dir() else None
    try:
        Pelican(settings).run()
        if target.is_dir():
            keep_unchanged(fresh, target)
        cache.seal(folder, fresh, ".new")
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        patch.forget(folder, ".new")
        cache.forget(folder, ".new")
        raise
    swap(fresh, target)
    patch.commit(folder, ".new")
    cache.commit(folder, ".new")


def cache_folder(target: Path) -> Path:
    """Where the build keeps what it may reuse next time: `.site-cache/<output name>/`
    beside the output folder. Never published; deleting it only makes the next build full."""
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
            if then.st_size != now.st_size or os.path.samestat(then, now):  # (the same file: taken, cache.py)
                continue
            with open(before, "rb") as a, open(path, "rb") as b:
                if a.read() != b.read():
                    continue
            os.utime(path, ns=(then.st_atime_ns, then.st_mtime_ns))


def inputs_of(declared: dict, settings_file: Path, target: Path) -> str:
    """Everything the site is made from besides the registry, in one text.

    The content/ folder, the theme, the settings and the site's code (by their
    bytes), the settings' values, the date, the environment and the output.
    When this text and the registry's position are unchanged, so is the site.
    """
    roots = (Path(declared["PATH"]), Path(declared["THEME"]), Path(__file__).resolve().parents[1].parent)
    return json.dumps({
        "files": {str(root): cache.folder_hash(root) for root in roots},
        "settings_files": [hashlib.sha256(path.read_bytes()).hexdigest()
                           for path in sorted({settings_file, DEFAULT_SETTINGS})],
        "settings": {k: repr(v) for k, v in declared.items() if k.isupper()},
        "today": clock.today().isoformat(),
        "output": str(target),
        "python": sys.version,
        "environment": {k: v for k, v in sorted(os.environ.items()) if k.startswith("REGISTRY_")},
    }, sort_keys=True)


def swap(fresh: Path, target: Path) -> None:
    """Put `fresh` where `target` is, then remove the old build."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.rename(target, old)
    os.rename(fresh, target)
    if old is not None:
        shutil.rmtree(old)
