"""A full or read-only data directory, simulated at the operating-system calls the store makes.

A real tiny filesystem needs a mount, which CI may not allow, so tests patch `os.open`,
`os.write`, `os.mkdir`, `os.rename` and `os.replace` (everything the store writes through;
`Path.mkdir` calls `os.mkdir`) to fail with ENOSPC or EROFS for paths under one directory,
optionally after a number of calls succeed. Everything else on the machine behaves as usual.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

# Which calls fail on each kind of disk. A full disk still opens files and renames (no new
# blocks needed) but cannot grow a file or make a directory; a read-only one refuses all.
FAILING_CALLS = {
    errno.ENOSPC: {"write", "mkdir"},
    errno.EROFS: {"open", "write", "mkdir", "rename", "replace"},
}


class _Counter:
    def __init__(self, after: int) -> None:
        self.left = after
        self.failed: list[str] = []

    def should_fail(self, what: str) -> bool:
        if self.left > 0:
            self.left -= 1
            return False
        self.failed.append(what)
        return True


def _under(root: Path, path: Any) -> bool:
    try:
        return Path(os.path.abspath(os.fsdecode(path))).is_relative_to(root)
    except TypeError:
        return False


def _fd_under(root: Path, descriptor: int) -> bool:
    try:
        return _under(root, os.readlink(f"/proc/self/fd/{descriptor}"))
    except OSError:
        return False


@contextmanager
def failing_disk(root: Path, error_number: int, *, after: int = 0) -> Iterator[list[str]]:
    """Within the block, writes under `root` fail with `error_number` once `after` have passed.

    Yields the list of calls that were made to fail, for the test to check it was reached.
    """
    root = Path(os.path.abspath(root))
    calls = FAILING_CALLS[error_number]
    counter = _Counter(after)
    originals: dict[str, Callable[..., Any]] = {
        name: getattr(os, name) for name in ("open", "write", "mkdir", "rename", "replace")
    }

    def fail(what: str) -> None:
        raise OSError(error_number, os.strerror(error_number), what)

    def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if "open" in calls and flags & WRITE_FLAGS and _under(root, path):
            if counter.should_fail(f"open {path}"):
                fail(os.fsdecode(path))
        return int(originals["open"](path, flags, *args, **kwargs))

    def fake_write(descriptor: int, data: Any) -> int:
        if "write" in calls and _fd_under(root, descriptor):
            if counter.should_fail(f"write fd {descriptor}"):
                fail(f"fd {descriptor}")
        return int(originals["write"](descriptor, data))

    def fake_mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
        if "mkdir" in calls and _under(root, path) and not os.path.isdir(path):
            if counter.should_fail(f"mkdir {path}"):
                fail(os.fsdecode(path))
        originals["mkdir"](path, *args, **kwargs)

    def renamer(name: str) -> Callable[..., None]:
        def fake(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
            if name in calls and (_under(root, source) or _under(root, target)):
                if counter.should_fail(f"{name} {source}"):
                    fail(os.fsdecode(target))
            originals[name](source, target, *args, **kwargs)

        return fake

    replacements = {
        "open": fake_open,
        "write": fake_write,
        "mkdir": fake_mkdir,
        "rename": renamer("rename"),
        "replace": renamer("replace"),
    }
    for name, function in replacements.items():
        setattr(os, name, function)
    try:
        yield counter.failed
    finally:
        for name, function in originals.items():
            setattr(os, name, function)
