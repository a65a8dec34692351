"""Reading one phrase-bank file into validated entries, every mistake named by file and line.

Validation walks the YAML node tree (composed by libyaml when available), so each problem points
at the line of the entry or key concerned: a writer fixing a team file needs the line, not a
traceback. A bad entry is reported and skipped; the rest of the file still loads.
"""

from __future__ import annotations

import re
from typing import Any

from drafter.bank.model import ENTRY_KEYS, FILE_KEYS, KINDS, ROLES, SEVERITIES
from drafter.errors import DataFileError, shown

# One validated entry, as stored in the cache (marshal-able): field order of RAW_FIELDS.
RAW_FIELDS = (*ENTRY_KEYS, "line")
RawEntry = tuple[Any, ...]
_ID = re.compile(r"^\S+$")
_LIST_KEYS = ("tags", "genres", "items", "misquotes")
_TEXT_KEYS = ("collocation", "note")


def _loader_class() -> type:
    from drafter.yamlio import loader_class

    return loader_class()


def parse_bank_text(text: str, display: str) -> tuple[list[RawEntry], list[DataFileError]]:
    """Validate one file's text; returns its good entries and a problem per bad one."""
    import yaml

    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "格式错误"
        if "alias" in f"{problem} {exc.context or ''}":
            problem += "（以 * 开头的文字，如 **，请加引号）"
        return [], [DataFileError(display, f"YAML 格式错误：{problem}", mark.line + 1 if mark else None)]
    except yaml.YAMLError as exc:
        return [], [DataFileError(display, f"YAML 格式错误：{exc}")]
    finally:
        loader.dispose()
    if data is None:
        return [], []
    if not isinstance(data, dict):
        return [], [DataFileError(display, "文件应是一个映射，含 category 和 entries", 1)]
    problems: list[DataFileError] = []
    key_lines = _key_lines(node)
    for key in data:
        if key not in FILE_KEYS:
            message = f"未知的键 '{shown(key)}'（可用：category、entries）"
            problems.append(DataFileError(display, message, key_lines.get(key)))
    category = data.get("category", "")
    if not isinstance(category, str):
        problems.append(DataFileError(display, "'category' 应是文字", key_lines.get("category")))
        category = ""
    entries = data.get("entries", [])
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        problems.append(DataFileError(display, "'entries' 应是条目的列表", key_lines.get("entries")))
        return [], problems
    entry_nodes = _entry_nodes(node)
    good: list[RawEntry] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(entries):
        entry_node = entry_nodes[index] if index < len(entry_nodes) else None
        line = entry_node.start_mark.line + 1 if entry_node is not None else 0
        raw, problem = _validate(item, entry_node, category, line, display)
        if problem is not None:
            problems.append(problem)
            continue
        if raw[0] in seen:
            message = f"条目 '{shown(raw[0])}'：编号重复（第 {seen[raw[0]]} 行已有）"
            problems.append(DataFileError(display, message, line))
            continue
        seen[raw[0]] = line
        good.append(raw)
    return good, problems


def _key_lines(node: Any) -> dict[str, int]:
    lines: dict[str, int] = {}
    for key_node, _ in getattr(node, "value", []) or []:
        if isinstance(getattr(key_node, "value", None), str):
            lines[key_node.value] = key_node.start_mark.line + 1
    return lines


def _entry_nodes(node: Any) -> list[Any]:
    for key_node, value_node in getattr(node, "value", []) or []:
        if getattr(key_node, "value", None) == "entries" and isinstance(value_node.value, list):
            return list(value_node.value)
    return []


def _validate(
    item: Any, node: Any, category: str, line: int, display: str
) -> tuple[RawEntry, None] | tuple[None, DataFileError]:
    if not isinstance(item, dict):
        return None, DataFileError(display, "条目应是一个映射（id、text……）", line)
    key_lines = _key_lines(node) if node is not None else {}
    raw_id = item.get("id")
    label = f"条目 '{shown(raw_id)}'" if raw_id is not None else "条目"

    def fail(message: str, key: str | None = None) -> tuple[None, DataFileError]:
        return None, DataFileError(display, f"{label}：{message}", key_lines.get(key or "", line))

    for key in item:
        if key not in ENTRY_KEYS:
            close = _closest(str(key)[:40])
            hint = f"（是否想写 '{close}'？）" if close else f"（可用：{'、'.join(ENTRY_KEYS)}）"
            return fail(f"未知的键 '{shown(key)}'{hint}", str(key))
    if not isinstance(raw_id, str) or not _ID.match(raw_id):
        return fail("缺少 'id'，或 'id' 不是不含空白的文字", "id")
    disabled = item.get("disabled", False)
    if not isinstance(disabled, bool):
        return fail("'disabled' 应是 true 或 false", "disabled")
    text = item.get("text")
    if text is None and disabled:
        text = ""
    if not isinstance(text, str) or (not text.strip() and not disabled):
        return fail("缺少 'text'，或 'text' 不是文字", "text")
    values: dict[str, Any] = {}
    for key in _LIST_KEYS:
        value = item.get(key, [])
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            return fail(f"'{key}' 应是文字的列表，如 [党建, 基层]", key)
        values[key] = tuple(value)
    for key in _TEXT_KEYS:
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            return fail(f"'{key}' 应是文字", key)
        values[key] = value
    entry_category = item.get("category", category)
    if not isinstance(entry_category, str):
        return fail("'category' 应是文字", "category")
    role = item.get("role")
    if role is not None and role not in ROLES:
        return fail(f"'role' 的值 '{shown(role)}' 不在可用范围内（{'、'.join(ROLES)}）", "role")
    kind = item.get("kind", "sentence")
    if kind not in KINDS:
        return fail(f"'kind' 的值 '{shown(kind)}' 不在可用范围内（{'、'.join(KINDS)}）", "kind")
    if values["items"] and kind != "formulation":
        return fail("只有 kind: formulation 的条目才能有 'items'", "items")
    since = item.get("since")
    if since is not None and (not isinstance(since, int) or isinstance(since, bool) or not 1900 <= since <= 2100):
        return fail("'since' 应是年份，如 2017", "since")
    until = item.get("until")
    if until is not None and (not isinstance(until, int) or isinstance(until, bool) or not 1900 <= until <= 2100):
        return fail("'until' 应是年份，如 2024（该活动或规划期结束的年份）", "until")
    if since is not None and until is not None and until < since:
        return fail(f"'until'（{until}）早于 'since'（{since}）", "until")
    severity, bad = _severity(item.get("severity"), kind)
    if bad:
        return fail(bad, "severity")
    raw = (
        raw_id,
        text.strip(),
        entry_category,
        values["tags"],
        values["genres"],
        role,
        kind,
        values["items"],
        values["collocation"],
        values["misquotes"],
        values["note"],
        since,
        until,
        disabled,
        severity,
        line,
    )
    return raw, None


def _severity(value: Any, kind: str) -> tuple[tuple[tuple[str, str], ...], str | None]:
    """`severity: warning` (every finding about the entry) or a mapping of deviation → severity
    (`增强“四个自信”: warning`), as (form, severity) pairs, form "" for the whole entry."""
    if value is None:
        return (), None
    allowed = "、".join(SEVERITIES)
    if kind != "formulation":
        return (), "只有 kind: formulation 的条目才能有 'severity'"
    if isinstance(value, str):
        pairs = [("", value)]
    elif isinstance(value, dict) and value:
        pairs = list(value.items())
    else:
        return (), f"'severity' 应是 {allowed} 之一，或“写法: 严重程度”的映射"
    for form, level in pairs:
        if not isinstance(form, str) or (isinstance(value, dict) and not form.strip()):
            return (), "'severity' 中的写法应是文字"
        if level not in SEVERITIES:
            return (), f"'severity' 的值 '{shown(level)}' 不在可用范围内（{allowed}）"
    return tuple((form, level) for form, level in pairs), None


def _closest(key: str) -> str | None:
    import difflib

    match = difflib.get_close_matches(key, ENTRY_KEYS, n=1, cutoff=0.7)
    return match[0] if match else None
