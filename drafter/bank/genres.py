"""Which entries suit a part of a draft: the genre ids are the templates' ids, one per template.

An entry's `genres` names the templates it is written for (民主生活会 and 组织生活会 are separate
genres: a leadership team's material and a branch's must not be offered for each other). The editor's
role filter asks `entries_for(bank, genre, roles)` for the part the cursor is in; `unknown_genres`
lets a test (and a team linting its own bank) catch a tag no template has.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from drafter.bank.model import Entry


def entries_for(entries: Iterable[Entry], genre: str | None, roles: Sequence[str] = ()) -> list[Entry]:
    """The entries written for `genre` (any genre when None) that serve one of `roles` (any role
    when empty), in bank order. Formulations carry no role: they are offered only when no role is asked."""
    wanted = set(roles)
    return [e for e in entries if (genre is None or genre in e.genres) and (not wanted or e.role in wanted)]


def unknown_genres(entries: Iterable[Entry], known: Iterable[str]) -> list[tuple[Entry, str]]:
    """Every (entry, genre) pair whose genre is not one of `known` (the template ids)."""
    ids = set(known)
    return [(e, g) for e in entries for g in e.genres if g not in ids]
