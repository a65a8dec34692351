"""The on-disk cache of parsed, validated entries and their pinyin keys, one file per bank file.

A 50,000-entry bank takes seconds to parse and to convert to pinyin, and a writer opens drafter
many times a day: each bank file's result is kept in the user cache folder, keyed by a hash of the
file's bytes, so a changed file refreshes only its own entries. marshal is used because it loads
plain tuples and strings several times faster than JSON and cannot run code; anything unreadable
in the cache is treated as a miss and rewritten, silently.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

CACHE_VERSION = 3  # 2: entries carry `until`; 3: and `severity`


def cache_dir() -> Path:
    """Folder of the bank cache (DRAFTER_CACHE_DIR overrides, for tests and shared machines)."""
    override = os.environ.get("DRAFTER_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("drafter", appauthor=False)) / "bank"


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


def _slot(source: Path) -> Path:
    name = hashlib.blake2b(str(source).encode("utf-8"), digest_size=16).hexdigest()
    return cache_dir() / f"{name}.marshal"


def read(source: Path, content_digest: bytes) -> Any | None:
    """The cached payload for this file's exact content, or None."""
    try:
        blob = _slot(source).read_bytes()
        version, stored_digest, payload = marshal.loads(blob)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if version != CACHE_VERSION or stored_digest != content_digest:
        return None
    return payload


def write(source: Path, content_digest: bytes, payload: Any) -> None:
    """Store a payload; a cache that cannot be written is simply not used."""
    target = _slot(source)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".marshal")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps((CACHE_VERSION, content_digest, payload)))
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        pass
