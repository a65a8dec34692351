"""Rendering a template in Jinja2's sandbox, with undefined variables an error.

Templates come from team folders, so they are untrusted: the sandbox refuses attribute tricks
(`''.__class__.__mro__`), and every failure becomes one line naming the template file and line."""

from __future__ import annotations

import datetime as _dt
import os
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from drafter.errors import DataFileError, DrafterError, shown
from drafter.numerals import from_chinese, parse_date
from drafter.templating.helpers import Blank, helpers
from drafter.templating.model import Template, Variable

LIST_SEPARATORS = ("|", "；", ";")


_DIGITS = "〇一二三四五六七八九"


def _whole_number(raw: Any) -> int:
    """A count or a year as writers type it: 23, ２３, 二十三, 一百零五, or digit by digit 二〇二六."""
    if isinstance(raw, int):
        return raw
    text = str(raw).strip()
    try:
        return int(text)
    except ValueError:
        pass
    if len(text) >= 2 and all(ch in _DIGITS or ch == "零" for ch in text):
        return int("".join(str(_DIGITS.index(ch)) if ch != "零" else "0" for ch in text))
    value = from_chinese(text)
    if value is None:
        raise ValueError(text)
    return value


def coerce(variable: Variable, raw: Any) -> Any:
    """A value given as text (`--set n=3`, a form field) as the variable's type."""
    if isinstance(raw, Blank):
        return raw
    kind = variable.type
    try:
        if kind == "int":
            value = _whole_number(raw)
            if value < 0:
                raise ValueError
            return value
        if kind == "date":
            if isinstance(raw, _dt.date):
                return raw
            return parse_date(str(raw))
        if kind == "list":
            if isinstance(raw, (list, tuple)):
                return [str(x) for x in raw]
            text = str(raw)
            for sep in LIST_SEPARATORS:
                if sep in text:
                    return [part.strip() for part in text.split(sep) if part.strip()]
            return [text.strip()] if text.strip() else []
        if kind == "choice":
            if str(raw) not in variable.choices:
                raise ValueError
            return str(raw)
        return str(raw)
    except (TypeError, ValueError):
        expected = {
            "int": "非负整数",
            "date": "日期（如 2024-02-05）",
            "list": "用 | 分隔的多项",
            "choice": "、".join(variable.choices),
            "text": "文字",
        }[kind]
        message = f"变量 '{variable.name}'（{variable.label}）的值 '{shown(raw)}' 不对：应是{expected}"
        raise DrafterError(message) from None


def resolve_values(
    template: Template,
    given: Mapping[str, Any],
    ask: Callable[[Variable], str | None] | None = None,
    allow_missing: bool = False,
) -> tuple[dict[str, Any], list[str]]:
    """Every variable's value: given, else asked (in a terminal), else its default, else a blank
    (with allow_missing). Returns the values and the names left blank."""
    unknown = set(given) - {v.name for v in template.variables}
    if unknown:
        names = "、".join(v.name for v in template.variables)
        raise DrafterError(f"模板 '{template.id}' 没有变量 '{sorted(unknown)[0]}'（可用：{names}）")
    values: dict[str, Any] = {}
    blanks: list[str] = []
    for var in template.variables:
        if var.name in given:
            values[var.name] = coerce(var, given[var.name])
            continue
        answer = ask(var) if ask is not None and var.required else None
        if answer:
            values[var.name] = coerce(var, answer)
        elif var.default is not None:
            values[var.name] = coerce(var, var.default)
        elif not var.required:
            values[var.name] = [] if var.type == "list" else ""
        elif allow_missing or ask is not None:
            values[var.name] = [Blank()] if var.type == "list" else Blank()
            blanks.append(var.name)
        else:
            raise DrafterError(
                f"模板 '{template.id}' 缺少变量 '{var.name}'（{var.label}）：用 --set {var.name}=… 给出，"
                "或加 --allow-missing 留下 ** 待填"
            )
    return values, blanks


def render(template: Template, values: Mapping[str, Any], search_path: list[Path] | None = None) -> str:
    """The template's text with `values`; DataFileError naming file and line on any failure."""
    from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
    from jinja2.sandbox import SecurityError

    from drafter.templating.limits import LayerLoader, LimitedEnvironment, TemplateLimitError, render_limited

    source_path = Path(template.source)
    # Includes come from the template's own layer folder (and any folder the caller names), with
    # symlinks resolved first: a team template can never read a file outside its folder.
    folders = [source_path.parent, *(search_path or [])]
    env = LimitedEnvironment(
        loader=LayerLoader(folders),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.globals.update(helpers(_bank_lookup()))
    try:
        jinja_template = env.get_template(source_path.name)
        text = render_limited(jinja_template, dict(values))
    except TemplateLimitError as exc:
        raise DataFileError(template.source, f"模板超出限制：{exc}", _line(exc, template)) from None
    except TemplateSyntaxError as exc:
        where = exc.filename or template.source
        raise DataFileError(where, f"模板语法错误：{shown(exc.message, 120)}", exc.lineno) from None
    except SecurityError as exc:
        raise DataFileError(
            template.source, f"模板试图访问沙箱之外的内容，已拒绝（{shown(str(exc), 80)}）", _line(exc, template)
        ) from None
    except TemplateError as exc:
        raise DataFileError(template.source, f"模板出错：{shown(_chinese(exc), 120)}", _line(exc, template)) from None
    except DrafterError:
        raise
    except RecursionError:
        raise DataFileError(template.source, "模板超出限制：递归或嵌套过深") from None
    except MemoryError:
        raise DataFileError(template.source, "模板超出限制：占用内存过多") from None
    except Exception as exc:  # a helper's error (bad date, unknown phrase id): still one line
        message = shown(str(exc), 120) or type(exc).__name__
        raise DataFileError(template.source, f"模板出错：{message}", _line(exc, template)) from None
    return _tidy(text)


def _chinese(exc: Exception) -> str:
    message = str(exc)
    if message.endswith("is undefined"):
        return f"变量 {message.removesuffix(' is undefined')} 未定义"
    return message


def _line(exc: BaseException, template: Template) -> int | None:
    """The template line the error happened on, from Jinja's rewritten traceback."""
    target = os.path.normcase(os.path.abspath(template.source))
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename and os.path.normcase(os.path.abspath(frame.filename)) == target:
            line = frame.lineno
    return line


def _tidy(text: str) -> str:
    """No trailing spaces, no runs of blank lines, one final newline: a clean draft."""
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n") + "\n"


_BANK: list[Any] = []


def _bank_lookup() -> Callable[[str], str | None]:
    """Phrase-bank texts by id, loaded on first use only (most templates need a few)."""

    def lookup(entry_id: str) -> str | None:
        if not _BANK:
            from drafter.bank import PhraseBank

            _BANK.append(PhraseBank.load(strict=False))
        entry = _BANK[0].get(entry_id)
        return entry.text if entry else None

    return lookup
