"""Finding and reading templates, layered like the phrase bank: built-in < user
(`templates/` in the user data folder) < DRAFTER_TEMPLATE_PATH folders < --templates folders.

A template is one file, `<id>.txt.j2`: a Jinja comment holding YAML metadata, then the Jinja text.
Keeping both in one file keeps a team's template easy to copy, and line numbers in errors are the
file's own."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from drafter.errors import DataFileError, os_reason
from drafter.fileio import read_data_file
from drafter.layers import Layer, standard_layers, user_data_folder
from drafter.resources import templates_dir
from drafter.templating.model import VARIABLE_TYPES, SectionSpec, Template, Variable

ENV_PATH = "DRAFTER_TEMPLATE_PATH"
SUFFIX = ".txt.j2"
_META = re.compile(r"\A\{#-?-{3}[ \t]*\r?\n(.*?)\r?\n-{3}-?#\}", re.DOTALL)
_META_KEYS = {"id", "title", "genre", "description", "variables", "sections", "order"}
_VAR_KEYS = {"name", "label", "type", "default", "required", "choices", "help"}
_SECTION_KEYS = {"heading", "roles", "level", "note"}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


TemplateLayer = Layer  # templates layer like every other data folder


def user_templates_dir() -> Path:
    return user_data_folder("templates")


def template_layers(extra: list[str | os.PathLike[str]] | None = None) -> list[TemplateLayer]:
    """Built-in, user (if present), DRAFTER_TEMPLATE_PATH, then `extra` (--templates)."""
    layers = standard_layers(templates_dir(), "templates", ENV_PATH)
    for folder in extra or []:
        path = Path(folder)
        if not path.is_dir():
            raise DataFileError(str(path), "模板文件夹不存在")
        layers.append(TemplateLayer("命令行", path))
    return layers


def load_templates(
    layers: list[TemplateLayer], on_error: Callable[[DataFileError], None] | None = None
) -> dict[str, Template]:
    """Every template by id, later layers replacing earlier ones, in the order a writer meets the
    genres (metadata `order`, then id). A broken file raises, unless `on_error` is given: then it
    is handed the error and skipped, and every other template still loads."""
    found: dict[str, Template] = {}
    for layer in layers:
        seen: dict[str, str] = {}
        for path in sorted(layer.path.glob(f"*{SUFFIX}")):
            try:
                template = read_template(path, layer.kind)
                if template.id in seen:
                    raise DataFileError(str(path), f"模板编号 '{template.id}' 与 {seen[template.id]} 重复", 1)
            except DataFileError as exc:
                if on_error is None:
                    raise
                on_error(exc)
                continue
            seen[template.id] = str(path)
            found[template.id] = template
    return dict(sorted(found.items(), key=lambda kv: (kv[1].order, kv[0])))


def read_template(path: Path, layer: str = "内置") -> Template:
    """Read and validate one template file's metadata (the Jinja text is compiled on render)."""
    try:
        source = read_data_file(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataFileError(str(path), "不是 UTF-8 编码：模板请保存为 UTF-8") from None
    except OSError as exc:
        raise DataFileError(str(path), f"无法读取（{os_reason(exc)}）") from None
    m = _META.match(source)
    if m is None:
        raise DataFileError(str(path), "模板开头缺少元数据块 {#--- … ---#}", 1)
    from drafter.yamlio import load_yaml

    meta = load_yaml(path, "\n" + m.group(1))  # "\n": YAML line numbers = file line numbers
    return _template(meta, path, layer)


def _template(meta: Any, path: Path, layer: str) -> Template:
    where = str(path)
    if not isinstance(meta, dict):
        raise DataFileError(where, "元数据应是一个映射（id、title、genre……）", 2)
    unknown = set(meta) - _META_KEYS
    if unknown:
        raise DataFileError(
            where, f"元数据中有未知的键 '{sorted(unknown)[0]}'（可用：{'、'.join(sorted(_META_KEYS))}）"
        )
    for key in ("id", "title", "genre"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise DataFileError(where, f"元数据缺少 '{key}'")
    expected = path.name[: -len(SUFFIX)]
    if meta["id"] != expected:
        raise DataFileError(where, f"模板编号 '{meta['id']}' 应与文件名一致（{expected}{SUFFIX}）")
    variables = [_variable(where, i, v) for i, v in enumerate(meta.get("variables") or [], 1)]
    names = [v.name for v in variables]
    if len(set(names)) != len(names):
        raise DataFileError(where, "变量名重复：" + "、".join(sorted({n for n in names if names.count(n) > 1})))
    sections = [_section(where, i, s) for i, s in enumerate(meta.get("sections") or [], 1)]
    return Template(
        id=meta["id"],
        title=meta["title"],
        genre=meta["genre"],
        description=str(meta.get("description", "")).strip(),
        variables=variables,
        sections=sections,
        source=where,
        layer=layer,
        order=_order(where, meta.get("order", 100)),
    )


def _order(where: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise DataFileError(where, "'order' 应是整数（排序用，小的在前）")
    return value


def _variable(where: str, index: int, item: Any) -> Variable:
    label = f"第 {index} 个变量"
    if not isinstance(item, dict):
        raise DataFileError(where, f"{label}应是一个映射")
    unknown = set(item) - _VAR_KEYS
    if unknown:
        raise DataFileError(where, f"{label}：未知的键 '{sorted(unknown)[0]}'（可用：{'、'.join(sorted(_VAR_KEYS))}）")
    name = item.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise DataFileError(where, f"{label}：'name' 应是英文字母开头的标识符")
    kind = item.get("type", "text")
    if kind not in VARIABLE_TYPES:
        raise DataFileError(where, f"变量 '{name}'：'type' 应是 {'、'.join(VARIABLE_TYPES)} 之一")
    choices = tuple(str(c) for c in item.get("choices") or ())
    if kind == "choice" and not choices:
        raise DataFileError(where, f"变量 '{name}'：choice 类型需要 'choices'")
    default = item.get("default")
    if kind == "list" and default is not None and not isinstance(default, list):
        raise DataFileError(where, f"变量 '{name}'：list 类型的 'default' 应是列表")
    if kind == "int" and default is not None and (not isinstance(default, int) or isinstance(default, bool)):
        raise DataFileError(where, f"变量 '{name}'：int 类型的 'default' 应是整数")
    return Variable(
        name=name,
        label=str(item.get("label", name)),
        type=kind,
        default=default,
        required=bool(item.get("required", default is None)),
        choices=choices,
        help=str(item.get("help", "")),
    )


def _section(where: str, index: int, item: Any) -> SectionSpec:
    if not isinstance(item, dict) or "heading" not in item:
        raise DataFileError(where, f"第 {index} 个 section 应是含 heading 的映射")
    unknown = set(item) - _SECTION_KEYS
    if unknown:
        raise DataFileError(where, f"第 {index} 个 section：未知的键 '{sorted(unknown)[0]}'")
    from drafter.bank.model import ROLES

    roles = tuple(item.get("roles") or ())
    bad = [r for r in roles if r not in ROLES]
    if bad:
        raise DataFileError(where, f"第 {index} 个 section：未知的角色 '{bad[0]}'（可用：{'、'.join(ROLES)}）")
    return SectionSpec(str(item["heading"]), roles, int(item.get("level", 1)), str(item.get("note", "")))
