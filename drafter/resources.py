"""Where drafter's built-in data lives.

An installed wheel carries phrasebank/ and templates/ inside the package (drafter/phrasebank,
drafter/templates); a source checkout keeps them at the repository's top level, where a team edits
them. Both layouts are served by the same lookup so tests and users see the same files.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / name


def rules_dir() -> Path:
    """Directory of the built-in rule data files (YAML)."""
    return _PACKAGE_DIR / "rules"


def phrasebank_dir() -> Path:
    """Directory of the built-in phrase bank."""
    return _data_dir("phrasebank")


def templates_dir() -> Path:
    """Directory of the built-in templates."""
    return _data_dir("templates")
