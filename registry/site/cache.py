"""The build cache: what a full build may take from the last one instead of making it again.

A file of the site is made from a key: the hash of its template sources, its
address and every variable it is rendered with. The cache keeps no copies of
pages. Its manifest (`.site-cache/<output>/files.json`) records, for each file
the last full build published, the key it was made from and the size and
modification time it was published with. A full build that comes to the same
key for a file, and finds the published file still as recorded, links it into
the new folder (or copies it) instead of rendering it; a file replaced since
(by hand, say) no longer matches and is made again.

The cache may be deleted at any time: the next build is then cold.
"""

import hashlib
import io
import json
import os
import pickle
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

#: The manifest, in the build cache folder, and the keys a build leaves for it.
MANIFEST, KEYS = "files.json", "keys.json"
MANIFEST_VERSION = 1


def fingerprint(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00\x01")
    return digest.hexdigest()


def digest(value: Any) -> str:
    """The hash of plain data (no cycles), by its pickle, which is faster to make than its repr.

    Pickled without a memo ("fast" mode), so that the bytes depend on the values only, not on
    which of them happen to be one shared object: equal values give equal bytes, whichever
    build made them, and equal bytes can only come from equal values.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(value)
    return hashlib.sha256(buffer.getbuffer()).hexdigest()


def settings_text(settings: dict[str, Any]) -> str:
    """Settings as a stable text: functions by name (their repr holds an address that changes)."""
    def named(value: Any) -> str:
        if callable(value):
            return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
        return repr(value)

    return json.dumps(settings, sort_keys=True, default=named)


def folder_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def replace_file(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all: a reader, or a build killed halfway, never sees half of it."""
    with replacing(path) as file:
        file.write(data)


@contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """A file to write `path` through, which replaces `path` whole when the block ends (or not
    at all, if it fails): for data too large to hold in memory as one string of bytes first."""
    partial = path.with_name(f"{path.name}.partial-{os.getpid()}")
    try:
        with open(partial, "wb") as file:
            yield file
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


class Reuse:
    """The files of the last full build, for the build being made in `fresh`.

    take() puts the published file into the new folder when it was made from the
    same key and is still as it was published; made() notes the key of a file
    made afresh. `keys`, of both, is what seal() records once the build is complete.
    """

    def __init__(self, folder: str | os.PathLike | None, published: str | os.PathLike | None,
                 fresh: str | os.PathLike | None = None):
        self.published = Path(published) if published else None
        self.fresh = Path(fresh) if fresh else None
        self.last = _manifest(Path(folder) / MANIFEST) if folder and self.published else {}
        self.keys: dict[str, str] = {}

    def unchanged(self, name: str, key: str) -> bool:
        """Whether the published `name` is what `key` makes: made from it by the last full
        build, and not replaced since."""
        recorded = self.last.get(name)
        if recorded is None or recorded[0] != key or self.published is None:
            return False
        try:
            found = os.stat(self.published / name)
        except OSError:
            return False
        return (found.st_size, found.st_mtime_ns) == (recorded[1], recorded[2])

    def take(self, name: str, key: str) -> bool:
        """Link (or copy) the published `name` into the new folder if it is what `key` makes."""
        if not self.unchanged(name, key) or self.published is None or self.fresh is None:
            return False
        source, target = self.published / name, self.fresh / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:  # a file system without hard links
            shutil.copy2(source, target)
        self.keys[name] = key
        return True

    def made(self, name: str, key: str) -> None:
        self.keys[name] = key


def save_keys(folder: Path, keys: dict[str, str], suffix: str) -> None:
    """Keep the keys of a build's files until seal() records them."""
    replace_file(folder / f"{KEYS}{suffix}", json.dumps(keys).encode())


def seal(folder: Path, output: Path, suffix: str) -> None:
    """The manifest of the complete build in `output`, from the keys save_keys() kept, with
    each file's size and time as published (moving the folder into place keeps them)."""
    keys_file = folder / f"{KEYS}{suffix}"
    try:
        keys = json.loads(keys_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    files = {}
    for name, key in keys.items():
        found = os.stat(output / name)
        files[name] = [key, found.st_size, found.st_mtime_ns]
    replace_file(folder / f"{MANIFEST}{suffix}",
                 json.dumps({"version": MANIFEST_VERSION, "files": files}, sort_keys=True).encode())
    keys_file.unlink()


def commit(folder: Path, suffix: str) -> None:
    """Make the manifest sealed with `suffix` the current one."""
    if (folder / f"{MANIFEST}{suffix}").exists():
        os.replace(folder / f"{MANIFEST}{suffix}", folder / MANIFEST)


def forget(folder: Path, suffix: str) -> None:
    for name in (KEYS, MANIFEST):
        (folder / f"{name}{suffix}").unlink(missing_ok=True)


def _manifest(path: Path) -> dict[str, list]:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict) or found.get("version") != MANIFEST_VERSION:
        return {}
    files = found.get("files")
    if not isinstance(files, dict):
        return {}
    return {name: entry for name, entry in files.items()
            if isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str)}
