"""The build cache: rendered pages kept between builds, by a hash of what made them.

A page's key is the hash of its template sources, its address and every
variable it is rendered with. Each page is rendered with a placeholder where
the footer says "Data as of ...", the one text every page shares that changes
with every write, so that after one accession only the pages whose own data
changed are rendered again; the others are taken from the cache and get the
new date. The cache lives beside the output folder (`.site-cache/output/pages/`), is
never published, and may be deleted at any time: the next build is then cold.
"""

import hashlib
import os
from pathlib import Path

#: What pages carry in place of the registry's last-change time until written.
DATA_AS_OF = "\x00registry-data-as-of\x00"


class Pending:
    """Stands for the last-change time while a page is rendered (see DATA_AS_OF)."""

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return "<data as of>"

    def __reduce__(self) -> str:
        return "PENDING"  # unpickled as this module's one PENDING, which long_time() looks for


PENDING = Pending()


def fingerprint(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00\x01")
    return digest.hexdigest()


def folder_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def replace_file(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all: a reader, or a build killed halfway, never sees half of it."""
    partial = path.with_name(f"{path.name}.partial-{os.getpid()}")
    partial.write_bytes(data)
    os.replace(partial, path)


class PageCache:
    """Rendered texts by key, as files in one folder; keys not used by a build are removed after it."""

    def __init__(self, folder: str | os.PathLike | None):
        self.folder = Path(folder) if folder else None
        self.used: set[str] = set()
        self.hits = self.misses = 0
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)

    def get(self, key: str) -> str | None:
        if not self.folder:
            return None
        self.used.add(key)
        try:
            text = (self.folder / key).read_text(encoding="utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            self.misses += 1
            return None
        self.hits += 1
        return text

    def put(self, key: str, text: str) -> None:
        if not self.folder:
            return
        self.used.add(key)
        replace_file(self.folder / key, text.encode("utf-8"))

    def reset_counts(self) -> None:
        """Start counting afresh (a forked helper reports only its own use)."""
        self.used, self.hits, self.misses = set(), 0, 0

    def merge(self, used: set[str], hits: int, misses: int) -> None:
        """Count what a helper process used, so that prune() keeps it."""
        self.used |= used
        self.hits += hits
        self.misses += misses

    def prune(self) -> None:
        """Forget the entries this build did not use (pages that changed or went away)."""
        if not self.folder:
            return
        for path in self.folder.iterdir():
            if path.name not in self.used:
                path.unlink(missing_ok=True)
