"""Files the registry writes (backups, exports) appear whole or not at all.

Each is written under a temporary name beside its target and put in place
only when complete, so that a killed command or a full disk leaves no
truncated file behind, and a retry finds the target as it was.
"""

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from registry.rules.errors import RegistryError


def _where(target: Path) -> None:
    """Refuse a target that cannot be a new file: a folder, a place under a file, a name too long."""
    try:
        if not target.parent.is_dir():
            kind = "is a file" if target.parent.exists() else "does not exist"
            raise RegistryError(f"the folder {target.parent} {kind}", hint="give a path in an existing folder")
        if target.is_dir():
            raise RegistryError(f"{target} is a folder", hint="give a file name")
    except (OSError, ValueError) as error:  # a name too long, a NUL byte
        raise RegistryError(f"{str(target)!r} cannot be a file name here ({error})",
                            hint="give a shorter, plain file name") from None


@contextmanager
def _temporary(target: Path) -> Iterator[Path]:
    _where(target)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    except OSError as error:
        raise RegistryError(f"cannot write in {target.parent}: {error.strerror}",
                            hint="choose a folder you may write to") from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise RegistryError(f"cannot write {target}: {error.strerror}",
                            hint="check the free space and permissions; nothing was written") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_new(target: Path, write: Callable[[Path], object]) -> None:
    """Make `target` with `write(path)`; refuses if it exists, and never replaces it."""
    _where(target)
    if target.exists():
        raise RegistryError(f"{target} already exists", hint="choose a new file name; backups never overwrite")
    with _temporary(target) as temporary:
        write(temporary)
        _flush(temporary)
        try:
            os.link(temporary, target)  # fails if the target appeared meanwhile: never overwrite
        except FileExistsError:
            raise RegistryError(f"{target} already exists",
                                hint="choose a new file name; backups never overwrite") from None
        finally:
            temporary.unlink(missing_ok=True)


def replace(target: Path, text: str) -> None:
    """Write `text` to `target` (UTF-8), replacing it whole if it exists."""
    with _temporary(target) as temporary:
        temporary.write_text(text, encoding="utf-8")
        _flush(temporary)
        os.replace(temporary, target)


def _flush(path: Path) -> None:
    with open(path, "rb+") as file:
        os.fsync(file.fileno())
