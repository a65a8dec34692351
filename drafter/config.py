"""drafter's configuration: where it is looked for and how the layers combine.

Layers, later wins: the user's file (platformdirs' config dir, `drafter/config.toml`), then the
nearest `drafter.toml` or `.drafter.toml` from the current directory upward (a team keeps it at
the top of its shared folder or repository), then `--config FILE`. TOML because it is in the
standard library (no start-up cost) and reads well to non-programmers.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import DataFileError, os_reason, shown
from drafter.fileio import read_data_file
from drafter.regexguard import unsafe_reason

PROJECT_NAMES = ("drafter.toml", ".drafter.toml")
_SEVERITIES = ("error", "warning", "info")
_CHECK_KEYS = {"only", "disable", "severity", "year"}
_PLACEHOLDER_KEYS = {"id", "pattern", "severity", "title", "message"}
_TOP_KEYS = {"archive", "check", "placeholder", "speech", "tui"}
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass
class PlaceholderPattern:
    """A team's own placeholder form, e.g. `（待定）`."""

    id: str
    pattern: str
    severity: str
    title: str
    message: str
    source: str


@dataclass
class Config:
    """The merged configuration and the files it came from."""

    sources: list[Path] = field(default_factory=list)
    only: list[str] = field(default_factory=list)
    disable: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    placeholders: list[PlaceholderPattern] = field(default_factory=list)
    speech_rate: int = 220  # characters a minute read aloud ([speech] rate)
    keys: dict[str, str] = field(default_factory=dict)  # [tui.keys]: binding id → keys
    theme: str | None = None  # [tui] theme
    archive: dict[str, Any] = field(default_factory=dict)  # [archive]: url, readonly (drafter.archive checks them)
    year: int | None = None  # [check] year, or `check --year`: the drafts' year when they do not say


def user_config_path() -> Path:
    """The user's own config file (may not exist)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("drafter", appauthor=False)) / "config.toml"


def find_project_config(start: Path | None = None) -> Path | None:
    """The nearest drafter.toml / .drafter.toml from `start` (default: cwd) upward."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in PROJECT_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def load_config(extra: list[Path] | None = None, *, discover: bool = True) -> Config:
    """Merge the config layers; DataFileError names the file and key of any mistake."""
    files: list[Path] = []
    if discover and not os.environ.get("DRAFTER_NO_CONFIG"):
        user = user_config_path()
        if user.is_file():
            files.append(user)
        project = find_project_config()
        if project is not None and project not in files:
            files.append(project)
    for path in extra or []:
        if not path.is_file():
            raise DataFileError(str(path), "不是普通文件，不读取" if path.exists() else "配置文件不存在")
        files.append(path)
    config = Config()
    for path in files:
        _merge(config, path, _read_toml(path))
        config.sources.append(path)
    return config


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = read_data_file(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataFileError(str(path), "不是 UTF-8 编码：配置文件请保存为 UTF-8") from None
    except OSError as exc:
        raise DataFileError(str(path), f"无法读取（{os_reason(exc)}）") from None
    try:
        return tomllib.loads(text)
    except RecursionError:  # tomllib recurses per nesting level: 3,000 nested tables or arrays
        raise DataFileError(str(path), "TOML 格式错误：嵌套层数过深，配置文件不需要这样的结构") from None
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise DataFileError(str(path), f"TOML 格式错误：{shown(reason, 80)}", line) from None


def _merge(config: Config, path: Path, data: dict[str, Any]) -> None:
    where = str(path)
    for key in data:
        if key not in _TOP_KEYS:
            raise DataFileError(where, f"未知的配置项 '{shown(key)}'（可用：{'、'.join(sorted(_TOP_KEYS))}）")
    check = data.get("check", {})
    if not isinstance(check, dict):
        raise DataFileError(where, "'check' 应是一个表（[check]）")
    for key in check:
        if key not in _CHECK_KEYS:
            raise DataFileError(where, f"未知的配置项 'check.{shown(key)}'（可用：only、disable、severity、year）")
    for key in ("only", "disable"):
        if key in check:
            value = check[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise DataFileError(where, f"'check.{key}' 应是规则编号的列表，如 [\"placeholder.mou\"]")
            setattr(config, key, list(value))
    if "year" in check:
        year = check["year"]
        if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2100:
            raise DataFileError(where, f"'check.year' 应是年份，如 2026，而不是 {year!r}")
        config.year = year
    severity = check.get("severity", {})
    if not isinstance(severity, dict):
        raise DataFileError(where, '\'check.severity\' 应是一个表，如 "placeholder.x" = "warning"')
    for rule, level in severity.items():
        if not isinstance(level, str) or level not in _SEVERITIES:
            raise DataFileError(
                where, f"'check.severity.{shown(rule)}' 的值应是 error、warning 或 info，而不是 '{shown(level)}'"
            )
        config.severity[rule] = level
    speech = data.get("speech", {})
    if not isinstance(speech, dict) or set(speech) - {"rate"}:
        raise DataFileError(where, "'speech' 表只能有 rate（每分钟字数），如 [speech] rate = 220")
    if "rate" in speech:
        rate = speech["rate"]
        if not isinstance(rate, int) or isinstance(rate, bool) or not 60 <= rate <= 600:
            raise DataFileError(where, f"'speech.rate' 应是 60–600 之间的整数（每分钟字数），而不是 {shown(rate)}")
        config.speech_rate = rate
    tui = data.get("tui", {})
    if not isinstance(tui, dict) or set(tui) - {"keys", "theme"}:
        raise DataFileError(where, "'tui' 表只能有 keys 和 theme，如 [tui] theme = \"textual-light\"")
    if "theme" in tui:
        if not isinstance(tui["theme"], str):
            raise DataFileError(where, "'tui.theme' 应是主题名，如 textual-light")
        config.theme = tui["theme"]
    keys = tui.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in keys.items()):
        raise DataFileError(where, '\'tui.keys\' 应是 动作 = "按键" 的表，如 next_blank = "f9"')
    config.keys.update(keys)
    archive = data.get("archive", {})
    if not isinstance(archive, dict):
        raise DataFileError(where, "'archive' 应是一个表，如 [archive] url = \"postgresql://…\"")
    if archive:
        config.archive.update(archive)
        config.archive["_source"] = where
    patterns = data.get("placeholder", [])
    if not isinstance(patterns, list):
        raise DataFileError(where, "'placeholder' 应写成 [[placeholder]] 表的列表")
    for index, item in enumerate(patterns, 1):
        config.placeholders.append(_placeholder(where, index, item))


def _placeholder(where: str, index: int, item: Any) -> PlaceholderPattern:
    label = f"[[placeholder]] 第 {index} 项"
    if not isinstance(item, dict):
        raise DataFileError(where, f"{label} 应是一个表")
    for key in item:
        if key not in _PLACEHOLDER_KEYS:
            known = "、".join(sorted(_PLACEHOLDER_KEYS))
            raise DataFileError(where, f"{label}：未知的键 '{shown(key)}'（可用：{known}）")
    for key in ("id", "pattern"):
        if not isinstance(item.get(key), str) or not item[key]:
            raise DataFileError(where, f"{label}：缺少 '{key}'")
    rule_id = item["id"].removeprefix("placeholder.")
    if not _ID.match(rule_id):
        raise DataFileError(where, f"{label}：'id' 只能用小写字母、数字、- 和 _，而不是 '{shown(item['id'])}'")
    try:
        re.compile(item["pattern"])
    except (re.error, RecursionError, OverflowError) as exc:
        raise DataFileError(where, f"{label}：'pattern' 不是有效的正则表达式（{shown(str(exc), 60)}）") from None
    unsafe = unsafe_reason(item["pattern"])
    if unsafe:
        raise DataFileError(where, f"{label}：'pattern' {unsafe}，请改写（例如用 [^】]{{1,20}} 代替嵌套的重复）")
    severity = item.get("severity", "error")
    if not isinstance(severity, str) or severity not in _SEVERITIES:
        raise DataFileError(where, f"{label}：'severity' 应是 error、warning 或 info")
    return PlaceholderPattern(
        id=f"placeholder.{rule_id}",
        pattern=item["pattern"],
        severity=severity,
        title=str(item.get("title", rule_id)),
        message=str(item.get("message", "未填写的占位符“{text}”：本单位约定的待填标记")),
        source=where,
    )
