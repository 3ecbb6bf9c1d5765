"""The Jinja sandbox that document templates run in, and the plain data they are given.

An administrator's template (``templates/NAME.md.j2`` beside scheme.toml) may have been
copied from anywhere, so it is treated as untrusted code. Two walls keep it in:

1. **Only plain data goes in.** :func:`plain` turns every value of a render context into
   strings, numbers, booleans, dates, lists and dicts. No object with methods that reach
   the file system, the process or the interpreter (a ``pathlib.Path``, a dataclass with
   methods, a module) is ever handed to a template.
2. **Jinja's immutable sandbox on top**, tightened so that a template cannot exhaust memory
   or time either: every value it builds (by ``*``, ``+``, ``~``, ``**``, ``%``, a string
   method or a filter) is measured against :data:`LIMITS`, every loop draws from an
   iteration budget, and a document's output has a maximum size.

Whatever a template tries that the walls stop becomes :class:`Blocked`, which the renderer
turns into a ``TemplateError`` naming the template and line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, fields, is_dataclass
from pathlib import PurePath
from string import Formatter
from time import monotonic as _now  # the clock of the render deadline (tests move it on)
from typing import Any


@dataclass(frozen=True)
class TemplateLimits:
    """What one rendered document may use. Letters are a few kilobytes; these are far above."""

    value_chars: int = 1_000_000  # the longest text (or list) a template may build
    argument: int = 100_000  # the largest number a filter or method may be given
    work: int = 20_000_000  # characters and items built in one document, all told
    iterations: int = 1_000_000  # loop turns in one document, all told
    output_chars: int = 5_000_000  # the rendered document itself
    power_bits: int = 4096  # the largest whole number ``**`` may produce
    # a letter renders in milliseconds; within every limit above, a loop that scans a long
    # text each turn could still run for hours (a million turns of 'count' over a megabyte)
    seconds: float = 30.0


LIMITS = TemplateLimits()

# Names that only someone trying to get out of the sandbox would write.
ESCAPE_NAMES = frozenset({
    "read_text", "write_text", "read_bytes", "write_bytes", "open", "unlink", "mkdir",
    "rmdir", "rename", "replace_file", "glob", "iterdir", "parent", "parents", "joinpath",
    "mro", "subclasses", "globals", "builtins", "import", "os", "sys", "system", "popen",
    "eval", "exec", "getattr", "setattr", "func_globals", "gi_frame", "cr_frame", "f_globals",
    "f_locals", "f_back", "environment", "module", "self", "source", "lipsum", "config",
})


class Blocked(Exception):  # noqa: N818 - a signal inside rendering, never shown as is
    """Something a template tried that the sandbox does not allow; ``what`` names it."""

    def __init__(self, what: str, limit: bool = True) -> None:
        """``what`` names what was blocked; ``limit`` says it was too much work rather than
        forbidden."""
        super().__init__(what)
        self.what = what
        self.limit = limit  # True: too much work, rather than something out of reach
        self.lineno: int | None = None  # set when found while reading the template


# ---------------------------------------------------------------- plain data

PLAIN_SCALARS = (str, int, float, bool, dt.date, dt.datetime, type(None))
_PLACEHOLDERS = "wessex_cli.placeholders"


def plain(value: Any) -> Any:
    """``value`` as plain data: str, int, float, bool, date, None, lists and str-keyed dicts.

    Dataclasses become dicts of their fields (never their methods), tuples and sets become
    lists, a path becomes its file name. Anything else is a programming error: it raises
    ``TypeError`` rather than reach a template.
    """
    if type(value) in PLAIN_SCALARS:
        return value
    if type(value).__module__ == _PLACEHOLDERS:
        # A missing setting (placeholders.Placeholder, a str; the missing leads, a tuple):
        # plain data that is false in ``if`` and is noted when printed. Kept as it is.
        return type(value)(plain(v) for v in value) if isinstance(value, tuple) else value
    for base in (bool, int, float, str):  # a subclass could carry methods of its own
        if isinstance(value, base):
            return base(value)
    if isinstance(value, PurePath):
        return value.name
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    raise TypeError(f"{type(value).__name__} is not plain data and cannot go to a template")


def is_plain(value: Any) -> bool:
    """True when ``value`` holds only plain data (tuples allowed: they have no methods that
    reach anything)."""
    if type(value) in PLAIN_SCALARS:
        return True
    if type(value).__module__ == _PLACEHOLDERS and isinstance(value, str | tuple):
        return all(is_plain(v) for v in value) if isinstance(value, tuple) else True
    if type(value) is dict:
        return all(type(k) is str and is_plain(v) for k, v in value.items())
    if type(value) in (list, tuple):
        return all(is_plain(v) for v in value)
    return False


# ---------------------------------------------------------------- budgets

@dataclass
class _Budget:
    work: int
    iterations: int
    deadline: float  # on the monotonic clock


_BUDGET: ContextVar[_Budget | None] = ContextVar("wessex_template_budget", default=None)


def _spend(work: int = 0, iterations: int = 0) -> None:
    budget = _BUDGET.get()
    if budget is None:
        return
    budget.work -= work
    budget.iterations -= iterations
    if budget.work < 0:
        raise Blocked(f"more than {LIMITS.work:,} characters of text built in one document")
    if budget.iterations < 0:
        raise Blocked(f"more than {LIMITS.iterations:,} loop turns in one document")
    _in_time(budget)


def _in_time(budget: _Budget) -> None:
    """Stop a document that has taken longer than ``LIMITS.seconds``: checked at every loop
    turn, value built and piece of output, so nothing runs long between two checks."""
    if _now() > budget.deadline:
        raise Blocked(f"more than {LIMITS.seconds:g} seconds spent on one document")


def _size(value: Any) -> int:
    if isinstance(value, str | bytes | list | tuple | dict | set | frozenset):
        return len(value)
    return 0


def _check_value(value: Any, what: str) -> Any:
    size = _size(value)
    if size > LIMITS.value_chars:
        raise Blocked(f"{what} giving a value of {size:,} characters or items (the limit is "
                      f"{LIMITS.value_chars:,})")
    _spend(work=size)
    return value


def _check_number(value: Any, what: str) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > LIMITS.argument:
        raise Blocked(f"{what} with the number {value} (the limit is {LIMITS.argument:,})")


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_bits(bits: int, what: str) -> None:
    """A whole number a template builds stays within ``LIMITS.power_bits`` (about 1,200
    digits, below the 4,300 Python will turn into text)."""
    if bits > LIMITS.power_bits:
        raise Blocked(f"{what} giving a number of about {bits:,} bits")


def _check_whole(value: Any, what: str) -> None:
    """A whole number a method or filter returns (``(0).from_bytes(...)``, ``|int``) is held
    to the same limit as one built by an operator: a larger one cannot be printed, and
    dividing it over and over takes hours."""
    if _whole(value):
        _check_bits(value.bit_length(), what)


def _estimate(value: Any, what: str, size: int) -> None:
    if size > LIMITS.value_chars:
        raise Blocked(f"{what} giving about {size:,} characters (the limit is "
                      f"{LIMITS.value_chars:,})")


def _shape(value: Any, memo: dict[int, tuple[int, int, int]]) -> tuple[int, int, int]:
    """(characters, values, depth): at most the characters ``repr``, ``pprint`` or ``tojson``
    would write of ``value`` (text beyond plain ASCII counted ten times over, for its
    escapes), how many values it holds and how deeply they nest; found without building any
    of it, each list or table looked at once however often it recurs (``[b] * 1000`` holds
    one megabyte a thousand times, and prints a gigabyte)."""
    if isinstance(value, str):
        if value.isascii() and value.isprintable():  # quotes and backslashes escaped
            return len(value) + 2 + sum(value.count(c) for c in "\\'\""), 1, 0
        return 10 * len(value) + 2, 1, 0
    if isinstance(value, bytes | bytearray):
        return 4 * len(value) + 3, 1, 0
    if isinstance(value, int):  # bool too
        return value.bit_length() // 3 + 6, 1, 0
    if isinstance(value, float | dt.date) or value is None:
        return 32, 1, 0
    if type(value).__name__ == "Namespace":  # Jinja's namespace() prints what it holds
        value = getattr(value, "_Namespace__attrs", {})
    if not isinstance(value, dict | list | tuple | set | frozenset):
        return 200, 1, 0
    key = id(value)
    if key in memo:
        return memo[key]
    memo[key] = (0, 0, 0)  # a list inside itself prints as [...]
    parts = [*value, *value.values()] if isinstance(value, dict) else value
    chars, count, depth = 2, 1, 0
    for part in parts:
        part_chars, part_count, part_depth = _shape(part, memo)
        chars, count, depth = chars + part_chars + 2, count + part_count, max(depth, part_depth)
    memo[key] = (chars, count, depth + 1)
    return memo[key]


def _printed(value: Any) -> int:
    """At most the characters ``str(value)`` builds: a text's own length, a list's or a
    table's by ``_shape``."""
    if isinstance(value, str):
        return len(value)
    try:
        return _shape(value, {})[0]
    except RecursionError:
        raise Blocked("a value nested too deep to print") from None


def _pretty(value: Any, indent: Any) -> int:
    """At most the characters ``tojson`` or ``pprint`` writes of ``value``, each value on a
    line of its own indented ``indent`` (a number of spaces, or a text) for each level."""
    try:
        chars, count, depth = _shape(value, {})
    except RecursionError:
        raise Blocked("a value nested too deep to print") from None
    width = len(indent) if isinstance(indent, str) else \
        max(int(indent), 1) if _whole(indent) else 1
    return chars + count * (depth * width + 2)


def _formatted(text: str, fields: int, values: list[Any]) -> int:
    """At most the characters formatting ``text`` builds with ``fields`` places to fill
    (``%s`` or ``{}``), each printing any one of ``values``, the same one many times over
    (``'%(a)s%(a)s' % {'a': b}``)."""
    return len(text) + fields * max((_printed(v) for v in values), default=0)


def _printf_values(text: str, right: Any) -> list[Any]:
    """The values ``text % right`` may print: a tuple's items, a table's values when
    ``text`` names them (``%(name)s``), else ``right`` itself."""
    if isinstance(right, tuple):
        return list(right)
    if isinstance(right, dict) and "%(" in text:
        return list(right.values())
    return [right]


_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_printf(text: str, what: str) -> None:
    for match in _PRINTF.finditer(text):
        for part in match.groups():
            if part == "*" or (part and int(part) > LIMITS.argument):
                raise Blocked(f"{what} with the width or precision '{match.group(0)}'")


def _check_braces(text: str, what: str) -> None:
    try:
        parsed = list(Formatter().parse(text))
    except ValueError as exc:
        raise Blocked(f"{what} with a broken format string ({exc})") from None
    for _, _, spec, _ in parsed:
        if spec and ("{" in spec or any(int(n) > LIMITS.argument
                                        for n in re.findall(r"\d+", spec))):
            raise Blocked(f"{what} with the format '{{:{spec}}}'")


def _materialise(items: Any) -> list[Any]:
    found = []
    for item in items:
        found.append(item)
        _spend(iterations=1)
        if len(found) > LIMITS.value_chars:
            raise Blocked(f"a list of more than {LIMITS.value_chars:,} items")
    return found


def _joined_size(separator: Any, items: list[Any]) -> int:
    return _printed(separator) * max(len(items) - 1, 0) + sum(_printed(i) for i in items)


def _name(obj: Any) -> str:
    name = str(getattr(obj, "__name__", "a function"))
    return "range" if name == "safe_range" else name


def _guard_method(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Check a call of a built-in method before it runs; returns args (iterables listed)."""
    name = _name(obj)
    owner = getattr(obj, "__self__", None)
    what = f"'{name}'"
    for value in (*args, *kwargs.values()):
        _check_number(value, what)
    if isinstance(owner, str):
        if name == "join" and args:
            items = _materialise(args[0])
            _estimate(owner, what, _joined_size(owner, items))
            return (items, *args[1:])
        if name == "replace" and len(args) >= 2:
            _estimate(owner, what, len(owner) + (len(owner) + 1) * _size(args[1]))
        if name == "expandtabs":
            _estimate(owner, what, len(owner) * _tab_size(args, kwargs))
        if name == "translate" and args:
            # each character may become any text the table holds ('a' for 'b' * 100000)
            table = args[0]
            parts = table.values() if isinstance(table, dict) else \
                table if isinstance(table, list | tuple) else ()
            longest = max((_size(v) for v in parts if isinstance(v, str)), default=1)
            _estimate(owner, what, len(owner) * max(longest, 1))
        if name in ("center", "ljust", "rjust", "zfill") and args:
            _estimate(owner, what, max(len(owner), int(args[0])))
    if isinstance(owner, bytes | bytearray):
        if name == "join" and args:
            items = _materialise(args[0])
            _estimate(owner, what, len(owner) * max(len(items) - 1, 0) +
                      sum(_size(i) for i in items))
            return (items, *args[1:])
        if name == "replace" and len(args) >= 2:
            _estimate(owner, what, len(owner) + (len(owner) + 1) * _size(args[1]))
        if name == "expandtabs":
            _estimate(owner, what, len(owner) * _tab_size(args, kwargs))
    return args


def _tab_size(args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """The tab size ``expandtabs`` was given, by place or by name (8 if neither)."""
    size = args[0] if args else kwargs.get("tabsize", 8)
    return max(1, int(size)) if _whole(size) else 8


# ---------------------------------------------------------------- filters

# Filters that print their value first: given a list or a table, they build its whole text
_TEXT_FILTERS = frozenset({
    "capitalize", "center", "e", "escape", "forceescape", "format", "indent", "lower",
    "replace", "safe", "string", "striptags", "title", "trim", "truncate", "upper",
    "urlencode", "urlize", "wordcount", "wordwrap", "xmlattr"})


def _filter_guard(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a Jinja filter: numbers it is given and the value it returns are measured."""
    what = f"the '{name}' filter"

    def guarded(*args: Any, **kwargs: Any) -> Any:
        # Jinja passes the environment or context first to some filters.
        from jinja2.environment import Environment
        from jinja2.nodes import EvalContext
        from jinja2.runtime import Context

        lead = 1 if args and isinstance(args[0], Environment | Context | EvalContext) else 0
        value = args[lead] if len(args) > lead else None
        extra = (*args[lead + 1:], *kwargs.values())
        for item in extra:
            _check_number(item, what)
        text = value if isinstance(value, str) else None
        given = args[lead + 1:]  # by place, after the value

        def argument(place: int, keyword: str, default: Any) -> Any:
            """The filter's argument at ``place`` after the value, or named ``keyword``."""
            return given[place] if len(given) > place else kwargs.get(keyword, default)

        if name in _TEXT_FILTERS and value is not None and text is None:
            # a list or table is first printed whole: '[b] * 1000 | upper' built a gigabyte
            _estimate(value, what, _printed(value))
        if name == "format" and text is not None:
            _check_printf(text, what)
            _estimate(value, what, _formatted(text, len(_PRINTF.findall(text)),
                                              [*given, *kwargs.values()]))
        if name == "replace" and text is not None and len(extra) >= 2:
            _estimate(value, what, len(text) + (len(text) + 1) * len(str(extra[1])))
        if name == "indent" and text is not None:
            width = argument(0, "width", 4)  # a number of spaces, or the text to indent by
            width = len(width) if isinstance(width, str) else \
                max(int(width), 4) if _whole(width) else 4
            _estimate(value, what, len(text) + (text.count("\n") + 1) * width)
        if name == "wordwrap" and text is not None:
            # a line may end after every character, each end the wrapping text
            wrap = argument(2, "wrapstring", None)
            _estimate(value, what, len(text) + (len(text) + 1) *
                      max(_printed(wrap) if wrap is not None else 1, 1))
        if name in ("tojson", "pprint") and value is not None:
            _estimate(value, what, _pretty(value, argument(0, "indent", 1)))
        if name == "sum" and value is not None:
            items = _materialise(value)
            attribute = argument(0, "attribute", None)
            if attribute is not None:
                from jinja2.filters import make_attrgetter

                items = [make_attrgetter(args[0], attribute)(i) for i in items]
            _estimate(value, what, _size(argument(1, "start", 0)) + sum(_size(i) for i in items))
            args = (*args[:lead], items, *args[lead + 1:]) if attribute is None else args
        if name in ("center",) and text is not None and extra:
            _estimate(value, what, max(len(text), int(extra[0])))
        if name == "join" and value is not None and not isinstance(value, str):
            items = _materialise(value)
            separator = extra[0] if extra else ""
            _estimate(value, what, _joined_size(separator, items))
            args = (*args[:lead], items, *args[lead + 1:])
        result = func(*args, **kwargs)
        _check_whole(result, what)
        return _check_value(result, what)

    for attribute in ("jinja_pass_arg",):
        if hasattr(func, attribute):
            setattr(guarded, attribute, getattr(func, attribute))
    return guarded


def _iterate(value: Any) -> Iterator[Any]:
    """Every ``{% for %}`` loop runs through this: each turn is counted."""
    if isinstance(value, dict):
        value = list(value)
    for item in value:
        _spend(iterations=1)
        yield item


def _concat(items: list[Any]) -> str:
    """``a ~ b``: the joined text is measured before it is built."""
    _estimate(items, "'~'", sum(_printed(i) for i in items))
    joined = "".join(str(i) for i in items)
    _check_value(joined, "'~'")
    return joined


def _captured(parts: Any) -> str:
    """Jinja's joining of the output a ``{% set %}`` block, a macro or a ``{% filter %}``
    block keeps: measured before it is joined, as the document's own output is (a loop of
    a million turns inside one kept a million copies of its text)."""
    items = parts if isinstance(parts, list) else _materialise(parts)
    _estimate(items, "the text a set, macro or filter block keeps",
              sum(len(str(p)) for p in items))
    return "".join(items)


# ---------------------------------------------------------------- the environment

def make_sandbox(finalize: Callable[[Any], Any] | None = None,
                 filters: dict[str, Callable[..., Any]] | None = None) -> Any:
    """A strict, immutable Jinja sandbox with every size and loop bounded."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class WessexSandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "+", "-", "**", "%", "//", "/"})
        concat = staticmethod(_captured)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            what = f"'{operator}'"
            if operator == "*":
                for seq, count in ((left, right), (right, left)):
                    if isinstance(seq, str | bytes | list | tuple) and isinstance(count, int):
                        _estimate(seq, what, len(seq) * max(count, 0))
            elif operator == "+":
                _estimate(left, what, _size(left) + _size(right))
            elif operator == "**":
                if isinstance(left, int) and isinstance(right, int):
                    bits = max(abs(left), 2).bit_length() * abs(right)
                    if bits > LIMITS.power_bits:
                        raise Blocked(f"'**' giving a number of about {bits:,} bits")
            elif operator == "%" and isinstance(left, str):
                _check_printf(left, what)
                _estimate(left, what, _formatted(left, len(_PRINTF.findall(left)),
                                                 _printf_values(left, right)))
            if operator == "*" and _whole(left) and _whole(right):
                # each '*' may double a number's size: squaring a 2,000-bit number twenty
                # times over builds gigabytes
                _check_bits(left.bit_length() + right.bit_length(), what)
            try:
                result = self.binop_table[operator](left, right)
            except OverflowError as exc:  # a division by zero is a mistake, no limit
                raise Blocked(f"{what} that fails ({exc})") from None
            if _whole(result):  # '+' in a loop grows one bit a turn; none may pass the limit
                _check_bits(result.bit_length(), what)
            return _check_value(result, what)

        def call(__self, __context: Any, __obj: Any,  # noqa: N805
                 *args: Any, **kwargs: Any) -> Any:
            from jinja2.exceptions import SecurityError

            if not __self.is_safe_callable(__obj):
                raise SecurityError(f"{__obj!r} is not safely callable")
            args = _guard_method(__obj, args, kwargs)
            result = __context.call(__obj, *args, **kwargs)
            _check_whole(result, f"'{_name(__obj)}'")
            return _check_value(result, f"'{_name(__obj)}'")

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            if isinstance(obj, type) or attr in ("mro", "format_field", "vformat"):
                return False  # a class leads to every other class
            return bool(super().is_safe_attribute(obj, attr, value))

        def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
            raise Blocked(f"'{attribute}'", limit=False)

        def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
            wrapped = super().wrap_str_format(value)
            if wrapped is None:
                return None
            text = value.__self__

            def checked(*args: Any, **kwargs: Any) -> str:
                _check_braces(text, f"'{value.__name__}'")
                fields = sum(1 for _, field_name, _, _ in Formatter().parse(text)
                             if field_name is not None)
                values = [*args, *kwargs.values()]
                if value.__name__ == "format_map" and args and isinstance(args[0], dict):
                    values = list(args[0].values())
                _estimate(text, f"'{value.__name__}'", _formatted(text, fields, values))
                return str(_check_value(wrapped(*args, **kwargs), f"'{value.__name__}'"))

            return checked

        def _parse(self, source: str, name: str | None, filename: str | None) -> Any:
            try:
                tree = super()._parse(source, name, filename)
            except ValueError:  # a number written with more digits than Python will read
                long_number = re.search(r"\d{4301,}", source)
                blocked = Blocked("a number written with more than 4,300 digits")
                if long_number:
                    blocked.lineno = source.count("\n", 0, long_number.start()) + 1
                raise blocked from None
            return _bound_tree(tree)

    def printed(value: Any) -> Any:
        """What ``{{ value }}`` prints, a list or a table measured before it is printed; all
        that is printed counts towards the document's work, as output kept in a ``{% set
        %}`` block or a macro never reaches the document's own limit."""
        if not isinstance(value, str):
            _estimate(value, "a list or table printed whole", _printed(value))
        shown = finalize(value) if finalize else value
        _spend(work=_printed(shown))
        return shown

    env = WessexSandbox(undefined=StrictUndefined, autoescape=False,
                        keep_trailing_newline=True, finalize=printed)
    env.globals.pop("lipsum", None)  # it writes as much text as it is asked for
    env.filters.update(filters or {})
    env.filters = {name: _filter_guard(name, func) for name, func in env.filters.items()}
    env.filters["wessex_loop"] = _iterate
    env.filters["wessex_concat"] = _concat
    return env


def _bound_tree(tree: Any) -> Any:
    """Route every loop and every ``~`` through the counting filters."""
    from jinja2 import nodes

    for const in tree.find_all(nodes.Const):
        if _whole(const.value) and const.value.bit_length() > LIMITS.power_bits:
            blocked = Blocked(f"a number written with about {const.value.bit_length():,} bits")
            blocked.lineno = const.lineno
            raise blocked
    for loop in tree.find_all(nodes.For):
        loop.iter = nodes.Filter(loop.iter, "wessex_loop", [], [], None, None,
                                 lineno=loop.iter.lineno)
    for node in list(tree.find_all((nodes.Concat,))):
        items = nodes.List(list(node.nodes), lineno=node.lineno)
        replacement = nodes.Filter(items, "wessex_concat", [], [], None, None,
                                   lineno=node.lineno)
        _replace(tree, node, replacement)
    return tree


def _replace(tree: Any, old: Any, new: Any) -> None:
    from jinja2 import nodes

    for parent in [tree, *tree.find_all(nodes.Node)]:
        for field_name, value in parent.iter_fields():
            if value is old:
                setattr(parent, field_name, new)
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if item is old:
                        value[index] = new


def render_bounded(compiled: Any, context: dict[str, Any]) -> str:
    """Render with fresh budgets; the output too has a maximum size."""
    budget = _Budget(LIMITS.work, LIMITS.iterations, _now() + LIMITS.seconds)
    token = _BUDGET.set(budget)
    try:
        parts: list[str] = []
        total = 0
        chunks = compiled.generate(**context)
        for chunk in chunks:
            total += len(chunk)
            if total > LIMITS.output_chars:
                # thrown in where the template is, so that the error names its line
                chunks.throw(Blocked(f"a document longer than {LIMITS.output_chars:,} "
                                     "characters"))
            try:
                _in_time(budget)  # a test with no loop or call ('in') between two outputs
            except Blocked as late:
                chunks.throw(late)
            parts.append(chunk)
        return "".join(parts)
    finally:
        _BUDGET.reset(token)


def describe_block(exc: BaseException) -> tuple[str, bool] | None:
    """What a failed render tried that the sandbox stops, and whether it was a limit (too
    much work) rather than something out of reach; None for an ordinary mistake."""
    from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

    if isinstance(exc, Blocked):
        return exc.what, exc.limit
    if isinstance(exc, SecurityError):
        return _security_subject(str(exc)), False
    if isinstance(exc, RecursionError):
        return "a macro that calls itself without end", True
    if isinstance(exc, OverflowError):
        return f"a number too large ({exc})", True
    if isinstance(exc, TypeError) and "no loader" in str(exc):
        return "another template or file (include, import or extends)", False
    if isinstance(exc, UndefinedError | TemplateSyntaxError):
        name = _undefined_name(str(exc))
        if name and (name.startswith("_") or name in ESCAPE_NAMES):
            return f"'{name}'", False
    return None


def _security_subject(message: str) -> str:
    found = re.search(r"attribute '([^']+)' of '([^']+)'", message)
    if found:
        return f"'{found.group(1)}'"
    found = re.search(r"^(.*) is not safely callable", message)
    if found:
        return f"calling {found.group(1)}"
    return message.rstrip(".")


def _undefined_name(message: str) -> str | None:
    found = re.search(r"has no attribute '([^']+)'", message) or \
        re.search(r"'([^']+)' is undefined", message)
    return found.group(1) if found else None


__all__ = ["LIMITS", "Blocked", "TemplateLimits", "describe_block", "is_plain", "make_sandbox",
           "plain", "render_bounded"]

