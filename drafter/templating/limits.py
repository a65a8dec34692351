"""Limits on rendering a team's template: output size, loop iterations, arithmetic, calls, and
which files `{% include %}` may read.

Jinja's sandbox stops attribute tricks but not cost: `10**10**8` or nested `range(100000)` loops
run for hours, `'a'*10**9` takes gigabytes, and its file loader follows a symlink in a team folder
to /etc/passwd. A template is a speech skeleton of a few thousand characters; these limits are a
hundred times what a real one needs, and each refusal is one line naming the template.
"""

from __future__ import annotations

import functools
import operator
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, TemplateNotFound, nodes
from jinja2.compiler import CodeGenerator
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from drafter.errors import os_reason

MAX_OUTPUT = 1_000_000  # characters of rendered text
MAX_VALUE = 1_000_000  # characters (or items) of any value an operator, filter or call makes
MAX_ITERATIONS = 200_000  # loop items over the whole render, nested loops included
MAX_CALLS = 500_000
MAX_INT_ARG = 10_000_000  # widths, counts: `center(10**9)` would allocate a gigabyte
MAX_BITS = 4096  # integers beyond 10**1200 are no fact in a speech
MAX_TEMPLATE_BYTES = 1_000_000
_WIDE_FORMAT = re.compile(r"\d{6,}")


class TemplateLimitError(Exception):
    """A template exceeded a rendering limit (its message is Chinese, for the writer)."""


class _LoopBudget:
    def __init__(self) -> None:
        self.iterations = 0
        self.calls = 0
        self.output = 0


class LayerLoader(BaseLoader):
    """Loads templates only from inside the given folders, after resolving symlinks: a link in a
    team folder that points elsewhere (/etc/passwd, another layer) is refused, not followed."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = [Path(os.path.realpath(f)) for f in folders]

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses '..'
        for folder in self.folders:
            candidate = folder.joinpath(*pieces)
            if not candidate.exists():
                continue
            real = Path(os.path.realpath(candidate))
            if not real.is_relative_to(folder) or not real.is_file():
                raise TemplateLimitError(f"不能引用模板文件夹之外的文件（{template}）")
            try:
                with open(real, "rb") as fh:
                    raw = fh.read(MAX_TEMPLATE_BYTES + 1)
            except OSError as exc:
                raise TemplateLimitError(f"无法读取被引用的模板 {template}（{os_reason(exc)}）") from None
            if len(raw) > MAX_TEMPLATE_BYTES:
                raise TemplateLimitError(f"被引用的模板 {template} 过大")
            try:
                source = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise TemplateLimitError(f"被引用的模板 {template} 不是 UTF-8 编码") from None
            return source, str(candidate), functools.partial(_unchanged, real, real.stat().st_mtime)
        raise TemplateNotFound(template)


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return path.stat().st_mtime == mtime
    except OSError:
        return False


class _Generator(CodeGenerator):
    """`a ~ b` goes through the environment, so its length can be checked like `a + b`."""

    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:
        self.write("environment.drafter_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class LimitedEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with every loop, operator, filter and call within the limits."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "**", "+", "%", "//", "/"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.budget = _LoopBudget()
        self.globals["_drafter_loop"] = self._loop
        self.filters = {name: _guard_filter(self, name, f) for name, f in self.filters.items()}

    # -- loops -------------------------------------------------------------------------------
    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            call = nodes.Call(nodes.Name("_drafter_loop", "load"), [loop.iter], [], None, None)
            loop.iter = call.set_lineno(loop.lineno)
        return tree

    def _loop(self, iterable: Iterable[Any]) -> Iterator[Any]:
        budget = self.budget
        for item in iterable:
            budget.iterations += 1
            if budget.iterations > MAX_ITERATIONS:
                raise TemplateLimitError(f"循环次数超过 {MAX_ITERATIONS} 次，已停止")
            yield item

    # -- operators ---------------------------------------------------------------------------
    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            _check_power(left, right)
        elif operator_name == "*":
            _check_product(left, right)
        elif operator_name == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise TemplateLimitError("格式宽度过大")
        result = _BINOPS[operator_name](left, right)
        _check_size(result)
        return result

    def drafter_concat(self, values: Iterable[Any]) -> str:
        pieces = []
        total = 0
        for value in values:
            piece = str(value)
            total += len(piece)
            if total > MAX_VALUE:
                raise TemplateLimitError(f"拼接的文字超过 {MAX_VALUE} 字")
            pieces.append(piece)
        return "".join(pieces)

    # -- calls -------------------------------------------------------------------------------
    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.budget.calls += 1
        if __self.budget.calls > MAX_CALLS:
            raise TemplateLimitError(f"函数调用超过 {MAX_CALLS} 次，已停止")
        _check_args(args, kwargs)
        name = getattr(__obj, "__name__", "")
        if name in ("format", "format_map") and isinstance(getattr(__obj, "__self__", None), str):
            if _WIDE_FORMAT.search(__obj.__self__):
                raise TemplateLimitError("格式宽度过大")
        result = super().call(__context, __obj, *args, **kwargs)
        _check_size(result)
        return result


def render_limited(template: Any, values: dict[str, Any]) -> str:
    """Render, stopping as soon as the output passes MAX_OUTPUT characters."""
    pieces: list[str] = []
    total = 0
    for piece in template.generate(**values):
        total += len(piece)
        if total > MAX_OUTPUT:
            raise TemplateLimitError(f"生成的文字超过 {MAX_OUTPUT} 字，已停止")
        pieces.append(piece)
    return "".join(pieces)


_BINOPS: dict[str, Callable[[Any, Any], Any]] = {
    "*": operator.mul,
    "**": operator.pow,
    "+": operator.add,
    "%": operator.mod,
    "//": operator.floordiv,
    "/": operator.truediv,
}


def _bits(value: Any) -> int:
    if isinstance(value, bool):
        return 1
    if isinstance(value, int):
        return value.bit_length()
    return 64


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(exponent, int) and isinstance(base, (int, float)) and not isinstance(exponent, bool):
        if exponent > 0 and max(_bits(base), 1) * exponent > MAX_BITS and abs(base) > 1:
            raise TemplateLimitError("乘方的结果过大")


def _check_product(left: Any, right: Any) -> None:
    for seq, count in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
            if len(seq) * count > MAX_VALUE:
                raise TemplateLimitError(f"重复生成的内容超过 {MAX_VALUE} 字")
            return
    if isinstance(left, int) and isinstance(right, int) and _bits(left) + _bits(right) > MAX_BITS:
        raise TemplateLimitError("乘积过大")


def _check_size(value: Any) -> None:
    if isinstance(value, (str, list, tuple, dict)) and len(value) > MAX_VALUE:
        raise TemplateLimitError(f"生成的内容超过 {MAX_VALUE} 字")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_BITS:
        raise TemplateLimitError("数值过大")


def _check_args(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT_ARG:
            raise TemplateLimitError(f"参数 {value if value.bit_length() < 64 else '（极大的数）'} 过大")


def _guard_filter(env: LimitedEnvironment, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        env.budget.calls += 1
        if env.budget.calls > MAX_CALLS:
            raise TemplateLimitError(f"函数调用超过 {MAX_CALLS} 次，已停止")
        _check_args(args, kwargs)
        if name == "format" and any(isinstance(v, str) and _WIDE_FORMAT.search(v) for v in args):
            raise TemplateLimitError("格式宽度过大")
        result = func(*args, **kwargs)
        _check_size(result)
        return result

    return guarded
