"""The build: Pelican into a fresh folder that replaces the site only when complete.

Readers never see a half-written site. A build writes into a new folder that
replaces output/ only when the whole build has succeeded, so a failed build (a
bad reference in content/, a registry that cannot be read, any error Pelican
logs) leaves the previous output/ exactly as it was, and pages of deleted
entries cannot linger. The new folder takes unchanged pages from the old one
(cache.py), and files whose bytes did not change keep their modification time.
When neither the registry nor anything else the site is made from has changed
since the last build, there is nothing to do. Pagefind indexes the fresh folder
for the site's search before the swap, so the published pages and their index
always match.
"""

import hashlib
import json
import logging
import os
import runpy
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from registry.reading import snapshot
from registry.rules import clock
from registry.rules.errors import ContentError, RegistryError
from registry.site import cache
from registry.storage import rows

PROJECT = Path(__file__).resolve().parents[2]
#: The stamp of the last complete build, in the build cache folder.
STAMP, STAMP_VERSION = "stamp.json", 3
DEFAULT_SETTINGS = PROJECT / "pelicanconf.py"


@dataclass(frozen=True)
class Built:
    """What a build did: "built", or "unchanged" when nothing it is made from had changed."""

    output: Path
    how: str


def build(settings_file: str | os.PathLike | None = None, output: str | os.PathLike | None = None,
          verbose: bool | None = None) -> Built:
    """Bring the site in `output` (the settings' OUTPUT_PATH) up to date with the registry.

    `verbose` sets up Pelican's logging: every file written, or (False) warnings
    only; None leaves logging as it is.
    """
    settings_file = Path(settings_file or DEFAULT_SETTINGS).resolve()
    declared = runpy.run_path(str(settings_file))  # the settings as written; Pelican adds defaults
    target = Path(output or declared["OUTPUT_PATH"]).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = cache_folder(target)
    with one_at_a_time(folder):
        inputs = inputs_of(declared, settings_file, target)
        with rows.reading() as reader:
            position = snapshot.position_of(reader)
        stamp = {"version": STAMP_VERSION, "inputs": inputs, "position": position}
        if target.is_dir() and last_stamp(folder) == stamp:
            return Built(target, "unchanged")
        full(settings_file, target, folder, verbose)
        cache.replace_file(folder / STAMP, json.dumps(stamp, sort_keys=True, default=str).encode())
    return Built(target, "built")


@contextmanager
def one_at_a_time(folder: Path) -> Iterator[None]:
    """Builds of one output take turns: a second waits for the first, then finds little to do."""
    import fcntl

    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or the process dies
        yield


def last_stamp(folder: Path) -> dict | None:
    """What the last build was made from (inputs and the registry's position), or None."""
    try:
        return json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def full(settings_file: Path, target: Path, folder: Path, verbose: bool | None = None) -> None:
    """The whole site, by Pelican, into a fresh folder swapped in when it is complete."""
    from pelican import Pelican
    from pelican.log import init as init_logging
    from pelican.settings import read_settings

    if verbose is not None:
        init_logging(level=logging.INFO if verbose else logging.WARNING)
    settings = read_settings(str(settings_file))
    (folder / STAMP).unlink(missing_ok=True)  # until this build succeeds, the site is not known to be current
    clear_leftovers(target)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-{os.getpid()}-", dir=target.parent))
    fresh.chmod(0o755)  # mkdtemp's 0700 would hide the site from a web server
    settings["OUTPUT_PATH"] = str(fresh)
    settings["REGISTRY_BUILD_CACHE"] = str(folder)
    settings["REGISTRY_BUILD_STATE"] = ".new"  # the generator leaves its keys with this suffix
    settings["REGISTRY_BUILD_LAST_OUTPUT"] = str(target) if target.is_dir() else None
    errors = ErrorLog()
    logging.getLogger("pelican").addHandler(errors)
    try:
        Pelican(settings).run()
        errors.raise_first()
        index(fresh)
        if target.is_dir():
            keep_unchanged(fresh, target)
        cache.seal(folder, fresh, ".new")
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        cache.forget(folder, ".new")
        raise
    finally:
        logging.getLogger("pelican").removeHandler(errors)
    swap(fresh, target)
    cache.commit(folder, ".new")


def index(site: Path) -> None:
    """Pagefind's search index of the site's pages, with its search UI, into the site's
    pagefind/ folder (urls.SEARCH_INDEX). Every page is an index.html; the 404 page is
    left out, and so is whatever a template keeps outside data-pagefind-body (the menu, the
    footer, the search page) or marks data-pagefind-ignore: the tables that list entries (the
    members, an instrument's participants, the sessions, a country's actions and reports, the
    reporting matrix). A country, instrument or session is found on its own page; indexed, every
    list that names it would be a result too, and on a large registry (67,000 actions) these
    tables triple the indexing time and take its memory from 45 MB to 440 MB (docs/performance.md)."""
    from pagefind.service import get_executable

    from registry.site.urls import SEARCH_INDEX

    program = get_executable()
    if program is None:
        raise RegistryError("the site's search index cannot be built: the pagefind program is missing",
                            hint="install the project again (pip install -e .), which installs pagefind[bin]")
    result = subprocess.run(
        [str(program), "--site", str(site), "--output-subdir", SEARCH_INDEX.strip("/"),
         "--glob", "**/index.html", "--silent"],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, preexec_fn=_dies_with_parent,
    )
    if result.returncode != 0:
        said = (result.stderr or result.stdout).strip().splitlines()
        raise RegistryError(f"the site's search index could not be built: pagefind exited with "
                            f"{result.returncode}" + (f" ({said[-1]})" if said else ""))
    _in_order(site / SEARCH_INDEX.strip("/") / "pagefind-entry.json")


def _in_order(entry: Path) -> None:
    """Pagefind lists the index of each language in the order its threads finished: sorted, the
    same site makes the same file (tests/test_build.py)."""
    found = json.loads(entry.read_text(encoding="utf-8"))
    found["languages"] = dict(sorted(found.get("languages", {}).items()))
    entry.write_text(json.dumps(found, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _dies_with_parent() -> None:
    """In the indexer's process: end when the build ends, so that a build killed while it indexes
    leaves no indexer writing into the unfinished folder that the next build clears away (Linux)."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class ErrorLog(logging.Handler):
    """Collects the errors Pelican logs and goes on from, so that such a build is not published."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.found: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        # Pelican logs a file it could not read from inside its `except`: the cause is current.
        cause = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        if isinstance(cause, ContentError):
            self.found.append(str(cause))
        else:
            self.found.append(record.getMessage() + (f" ({type(cause).__name__}: {cause})" if cause else ""))

    def raise_first(self) -> None:
        if self.found:
            raise ContentError(self.found[0])


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
    roots = (Path(declared["PATH"]), Path(declared["THEME"]), Path(__file__).resolve().parents[1])
    return json.dumps({
        "files": {str(root): cache.folder_hash(root) for root in roots},
        "settings_files": [hashlib.sha256(path.read_bytes()).hexdigest()
                           for path in sorted({settings_file, DEFAULT_SETTINGS})],
        "settings": cache.settings_text({k: v for k, v in declared.items() if k.isupper()}),
        "today": clock.today().isoformat(),
        "output": str(target),
        "python": sys.version,
        "environment": {k: v for k, v in sorted(os.environ.items()) if k.startswith("REGISTRY_")},
    }, sort_keys=True)


def clear_leftovers(target: Path) -> None:
    """Remove what builds that were killed left beside the output: their unfinished folders
    (`.output.building-PID-…`) and, if one was killed between the two renames of swap(),
    the old site renamed aside (`.output.old-PID`), which goes back in place when there is
    no output. Folders of builds still running are left alone."""
    prefix = f".{target.name}."
    for path in target.parent.iterdir():
        if not path.name.startswith(prefix):
            continue
        kind, _, rest = path.name[len(prefix):].partition("-")
        pid = rest.split("-", 1)[0]
        if kind not in ("building", "old") or not pid.isdigit() or _running(int(pid)):
            continue
        if kind == "old" and not target.exists():
            os.rename(path, target)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def swap(fresh: Path, target: Path) -> None:
    """Put `fresh` where `target` is in one step, then remove the old build.

    On Linux the two folders are exchanged by one renameat2(RENAME_EXCHANGE), so a
    reader finds the old site or the new one, never none; elsewhere the old folder
    is moved aside first, and clear_leftovers() mends a build killed in between.
    """
    if target.exists() and _exchange(fresh, target):
        shutil.rmtree(fresh)  # it now holds the old site
        return
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.rename(target, old)
    os.rename(fresh, target)
    if old is not None:
        shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux's renameat2 with RENAME_EXCHANGE); False where unsupported."""
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_cwd, rename_exchange = -100, 2
    return renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), rename_exchange) == 0
