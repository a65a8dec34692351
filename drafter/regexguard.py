"""Refusing team regular expressions that can backtrack catastrophically.

A team adds its own placeholder forms as regular expressions in a config file; Python's `re`
has no time limit, and a pattern like `(a+)+$` takes longer than the universe's age on a line of
forty `a`s. Rather than run every rule under a timer, drafter refuses, when the config is read,
the shapes that cause such blow-ups (with the file named), and says how to write the pattern:

- a repeat inside a repeat that can match the same characters: `(a+)+`, `(\\w+\\s?)*`;
- a repeated alternation whose branches can start alike: `(a|ab)*`, `(\\d|\\w)+`;
- two adjacent repeats over overlapping characters: `\\d+\\d+`, `.*.*x`.

The analysis is conservative (it may refuse a pattern that is in fact fast); placeholder forms
are short and a writer can always spell them without nested repeats.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

MAX_PATTERN = 500
_BIG = 10  # a bounded repeat above this counts as unbounded
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None))
_ANY = None  # "could be any character"

Chars = frozenset[int] | None


def unsafe_reason(pattern: str) -> str | None:
    """Why `pattern` is refused (in Chinese), or None when it is safe to run on any text."""
    if len(pattern) > MAX_PATTERN:
        return f"过长（{len(pattern)} 个字符，上限 {MAX_PATTERN}）"
    try:
        parsed = _parser.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return "不是有效的正则表达式"
    try:
        return _check_seq(list(parsed), inside_repeat=False)
    except RecursionError:
        return "嵌套过深"


def _is_big(max_count: int) -> bool:
    return max_count == _c.MAXREPEAT or max_count > _BIG


def _check_seq(items: list[tuple[object, object]], inside_repeat: bool) -> str | None:
    previous: Chars | str = "none"
    for op, av in items:
        if op in _REPEATS and op is not None:
            _low, high, sub = av  # type: ignore[misc]
            body = _unwrap(list(sub))
            if _is_big(high):
                inner = _first_big_repeat(body)
                if inner is not None:
                    others = body[:]
                    others.remove(inner)
                    inner_chars = _chars([inner])
                    if not others or _overlap(inner_chars, _chars(others)):
                        return "含有嵌套的重复（如 (a+)+），可能极慢"
                branch = _branch_overlap(body)
                if branch:
                    return "重复的分支可以匹配相同的开头（如 (a|ab)*），可能极慢"
                if previous != "none" and _overlap(previous, _first(body)):  # type: ignore[arg-type]
                    return "两个相邻的重复可以匹配相同的字符（如 \\d+\\d+），可能极慢"
                previous = _first(body, last=True)
            else:
                previous = "none"
            reason = _check_seq(body, inside_repeat or _is_big(high))
            if reason:
                return reason
            continue
        previous = "none"
        for sub in _subpatterns(op, av):
            reason = _check_seq(list(sub), inside_repeat)
            if reason:
                return reason
    return None


def _unwrap(body: list[tuple[object, object]]) -> list[tuple[object, object]]:
    """`((x))` is `x`: look through groups that hold the whole body."""
    while len(body) == 1 and body[0][0] == _c.SUBPATTERN:
        body = list(body[0][1][-1])  # type: ignore[index]
    return body


_DIGITS = frozenset(range(0x30, 0x3A)) | frozenset(range(0xFF10, 0xFF1A)) | {-1}
_SPACES = frozenset(map(ord, " \t\n\r\f\v\u3000\xa0\u2028\u2029")) | {-2}
_CATEGORIES = {_c.CATEGORY_DIGIT: _DIGITS, _c.CATEGORY_SPACE: _SPACES}


def _subpatterns(op: object, av: object) -> list[object]:
    if op == _c.SUBPATTERN:
        return [av[-1]]  # type: ignore[index]
    if op == _c.BRANCH:
        return list(av[1])  # type: ignore[index]
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [av[1]]  # type: ignore[index]
    if op == getattr(_c, "ATOMIC_GROUP", object()):
        return [av]
    if op == _c.GROUPREF_EXISTS:
        return [p for p in av[1:] if p is not None]  # type: ignore[index]
    return []


def _first_big_repeat(body: list[tuple[object, object]]) -> tuple[object, object] | None:
    """A big repeat in `body`, at the top or inside groups (not inside lookarounds)."""
    for item in body:
        op, av = item
        if op in _REPEATS and op is not None and _is_big(av[1]):  # type: ignore[index]
            return item
        if op == _c.SUBPATTERN:
            found = _first_big_repeat(list(av[-1]))  # type: ignore[index]
            if found is not None:
                return item
        if op == _c.BRANCH:
            for alt in av[1]:  # type: ignore[index]
                if _first_big_repeat(list(alt)) is not None:
                    return item
    return None


def _branch_overlap(body: list[tuple[object, object]]) -> bool:
    for op, av in body:
        if op == _c.SUBPATTERN:
            if _branch_overlap(list(av[-1])):  # type: ignore[index]
                return True
        if op == _c.BRANCH:
            firsts = [_first(list(alt)) for alt in av[1]]  # type: ignore[index]
            for i, a in enumerate(firsts):
                for b in firsts[i + 1 :]:
                    if _overlap(a, b):
                        return True
    return False


def _overlap(a: Chars, b: Chars) -> bool:
    if a is _ANY or b is _ANY:
        return True
    return bool(a & b)


def _item_chars(op: object, av: object) -> Chars:
    if op == _c.LITERAL:
        return frozenset({av})  # type: ignore[arg-type]
    if op == _c.IN:
        out: set[int] = set()
        for kind, value in av:  # type: ignore[attr-defined]
            if kind == _c.LITERAL:
                out.add(value)
            elif kind == _c.RANGE and value[1] - value[0] < 4096:
                out.update(range(value[0], value[1] + 1))
            elif kind == _c.CATEGORY and value in _CATEGORIES:
                out.update(_CATEGORIES[value])
            else:  # NEGATE, CATEGORY (\w, \d …), huge ranges
                return _ANY
        return frozenset(out)
    if op in (_c.AT,):
        return frozenset()
    return _ANY


def _chars(items: list[tuple[object, object]]) -> Chars:
    """Every character a sequence may consume (None: could be any)."""
    out: set[int] = set()
    for op, av in items:
        if op in _REPEATS and op is not None:
            sub = _chars(list(av[2]))  # type: ignore[index]
        elif op == _c.SUBPATTERN:
            sub = _chars(list(av[-1]))  # type: ignore[index]
        elif op == _c.BRANCH:
            sub = frozenset()
            for alt in av[1]:  # type: ignore[index]
                part = _chars(list(alt))
                if part is _ANY:
                    return _ANY
                sub = sub | part
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            continue
        else:
            sub = _item_chars(op, av)
        if sub is _ANY:
            return _ANY
        out |= sub
    return frozenset(out)


def _first(items: list[tuple[object, object]], last: bool = False) -> Chars:
    """The characters a sequence may start (or, with last=True, end) with (None: could be any,
    or may be empty)."""
    for op, av in reversed(items) if last else items:
        if op == _c.AT or op in (_c.ASSERT, _c.ASSERT_NOT):
            continue
        if op in _REPEATS and op is not None:
            if av[0] == 0:  # type: ignore[index]
                return _ANY
            return _first(list(av[2]), last)  # type: ignore[index]
        if op == _c.SUBPATTERN:
            return _first(list(av[-1]), last)  # type: ignore[index]
        if op == _c.BRANCH:
            out: frozenset[int] = frozenset()
            for alt in av[1]:  # type: ignore[index]
                part = _first(list(alt), last)
                if part is _ANY:
                    return _ANY
                out = out | part
            return out
        return _item_chars(op, av)
    return _ANY  # may match empty: the branch overlaps anything
