"""Derived data kept in the user cache: tables that take a third of a second to build from a
package's files (the jieba word list, pypinyin's readings) but load in milliseconds once built.

Every `drafter check` is a new process, and every worker of a folder check too: without a cache
each of them would rebuild the same tables before the first finding. An entry is valid for one
`key` (the source file's size and modification time, the package version, the shape's version);
anything else, or an unreadable file, is a miss and is rebuilt and rewritten. Stored with marshal
beside the phrase bank's cache (drafter/bank/cache.py), which cannot run code when read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def file_key(path: Path, *parts: object) -> str:
    """A key that changes when the file is replaced or edited (size, mtime) or a part changes."""
    try:
        st = os.stat(path)
    except OSError:
        return "|".join(map(str, ("missing", path, *parts)))
    return "|".join(map(str, (path, st.st_size, st.st_mtime_ns, *parts)))


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The payload stored under `name` for exactly `key`, or `build()`'s, stored for next time.
    The payload must be marshal-able (str, int, tuple, list, dict, set of those)."""
    from drafter.bank import cache

    # One slot per name and source file: two installs (two venvs, two jieba copies) would
    # otherwise take turns overwriting one slot and each run would rebuild its tables.
    origin = key.partition("|")[0]
    source = Path(f"<derived:{name}:{origin}>")
    want = cache.digest(key.encode("utf-8", "surrogatepass"))
    payload = cache.read(source, want)
    if payload is not None:
        return payload  # type: ignore[no-any-return]
    value = build()
    cache.write(source, want, value)
    return value
