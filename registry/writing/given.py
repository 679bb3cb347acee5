"""Files a user gives the registry to load: a CSV to import, a document to restore.

Only a regular file is read, and only up to a size: a device (/dev/zero), a pipe that no one
writes to, or a file of gigabytes would otherwise make a command read forever or fill the
memory. Every problem is a RegistryError naming the file.
"""

import os
import stat
from pathlib import Path

from registry.rules.errors import RegistryError


def read(path: Path, *, limit: int, what: str) -> bytes:
    """The bytes of `path`, a regular file of at most `limit` bytes; `what` names it for messages."""
    try:
        info = os.stat(path)
    except ValueError:  # a NUL byte in the name
        raise RegistryError(f"{str(path)!r} is not a file name", hint=f"give the path of {what}") from None
    except OSError as error:
        raise RegistryError(f"cannot read {path}: {error.strerror}", hint=f"give the path of {what}") from None
    if stat.S_ISDIR(info.st_mode):
        raise RegistryError(f"{path} is a folder", hint=f"give the path of {what}")
    if not stat.S_ISREG(info.st_mode):
        raise RegistryError(f"{path} is not a file on disk (a device or a pipe)",
                            hint=f"save {what} to a file and give its path")
    if info.st_size > limit:
        raise RegistryError(f"{path} is {info.st_size:,} bytes; the registry reads at most {limit:,}",
                            hint=f"check that it is {what}")
    try:
        with open(path, "rb") as file:
            raw = file.read(limit + 1)
    except OSError as error:
        raise RegistryError(f"cannot read {path}: {error.strerror}") from None
    if len(raw) > limit:  # it grew while being read
        raise RegistryError(f"{path} is over {limit:,} bytes; the registry reads at most {limit:,}",
                            hint=f"check that it is {what}")
    return raw
