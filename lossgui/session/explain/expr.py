"""Arithmetic with shown numbers: the substituted side of an explanation step.

An explanation writes ``−(1·log(0.31) + (1 − 1)·log(1 − 0.31))`` and claims it
equals ``1.171``. The expression is built once as a small tree whose leaves
are the actual numbers; it is rendered with a chosen number of significant
digits and evaluated **from the rendered digits**, so the claim can be checked
(and the digits raised until it holds; see :mod:`lossgui.session.explain.steps`).

The rendered text maps one-to-one onto Python: ``−`` is ``-``, ``·`` is
``*`` and ``^`` is ``**``; the functions (``log``, ``exp``, ``log1p``,
``sqrt``, ``abs``, ``tanh``, ``cosh``, ``sign``, ``max``, ``min``) are
NumPy's, ``max``/``min`` being :func:`numpy.maximum`/:func:`numpy.minimum`.
:func:`to_python` does the mapping and :data:`FUNCTIONS` holds the namespace.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from lossgui.session.number_format import format_significant

__all__ = [
    "FUNCTIONS",
    "Call",
    "Const",
    "Expr",
    "Num",
    "add",
    "call",
    "const",
    "div",
    "format_number",
    "mul",
    "neg",
    "num",
    "power",
    "sub",
    "to_python",
]

MINUS = "\u2212"
DOT = "\u00b7"

#: What each function name in a rendered expression means (NumPy, float64).
FUNCTIONS: dict[str, Callable[..., float]] = {
    "log": np.log,
    "log1p": np.log1p,
    "exp": np.exp,
    "sqrt": np.sqrt,
    "abs": np.abs,
    "tanh": np.tanh,
    "cosh": np.cosh,
    "sign": np.sign,
    "max": np.maximum,
    "min": np.minimum,
}

_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 4}
_NEG = 3
_ATOM = 5
_SHOWN = {"+": " + ", "-": f" {MINUS} ", "*": DOT, "/": " / ", "^": "^"}


def format_number(value: float, digits: int) -> str:
    """``value`` with ``digits`` significant digits, as Python reads it back.

    Whole numbers below 10¹⁵ are written in full (``3``, ``-100``). Numbers
    that ``digits`` digits give exactly are written short (``-0.8``); others
    keep their trailing zeros, so the precision shows (``0.3100``). Exponents
    are short (``1.500e-7``); ``nan``, ``inf`` and ``-inf`` are spelled out.
    The minus sign is ASCII here. The rules are every view's
    (:mod:`lossgui.session.number_format`).

    Examples
    --------
    >>> format_number(0.310025518, 4), format_number(-0.8, 4), format_number(1.0, 4)
    ('0.3100', '-0.8', '1')
    >>> format_number(2.0000001e-9, 3)
    '2.00e-9'
    """
    return format_significant(value, digits)


def to_python(text: str) -> str:
    """A rendered expression as Python: ``−``→``-``, ``·``→``*``, ``^``→``**``."""
    return text.replace(MINUS, "-").replace(DOT, "*").replace("^", "**")


class Expr:
    """A node of an expression; see the module docstring."""

    precedence: int = _ATOM

    def render(self, digits: int) -> str:
        """The expression with every number at ``digits`` significant digits."""
        raise NotImplementedError

    def evaluate(self, digits: int) -> float:
        """The value of the rendered text (numbers read back from their digits)."""
        raise NotImplementedError

    def numbers(self) -> Iterator[float]:
        """Every number in the expression."""
        return iter(())


@dataclass(frozen=True)
class Num(Expr):
    """A computed number, shown rounded to the rendering's digits."""

    value: float

    @property
    def precedence(self) -> int:  # type: ignore[override]
        """Negative numbers bind like a unary minus."""
        return _NEG if self.value < 0 else _ATOM

    def render(self, digits: int) -> str:
        """The number's digits, with ``−`` for the sign."""
        return format_number(self.value, digits).replace("-", MINUS)

    def evaluate(self, digits: int) -> float:
        """The number as read back from its rendered digits."""
        return float(format_number(self.value, digits))

    def numbers(self) -> Iterator[float]:
        """Just this number."""
        yield self.value


@dataclass(frozen=True)
class Const(Expr):
    """An exact constant written as given (``1``, ``0.5``, ``100``)."""

    text: str

    @property
    def precedence(self) -> int:  # type: ignore[override]
        """Negative constants bind like a unary minus."""
        return _NEG if self.text.startswith("-") else _ATOM

    def render(self, digits: int) -> str:
        """The constant's text."""
        return self.text.replace("-", MINUS)

    def evaluate(self, digits: int) -> float:
        """The constant's value."""
        return float(self.text)


@dataclass(frozen=True)
class Neg(Expr):
    """``−a``."""

    operand: Expr
    precedence = _NEG

    def render(self, digits: int) -> str:
        """``−a``, with parentheses unless ``a`` is an atom or a power."""
        inner = self.operand.render(digits)
        if self.operand.precedence <= _NEG:
            inner = f"({inner})"
        return MINUS + inner

    def evaluate(self, digits: int) -> float:
        """Minus the operand."""
        return -self.operand.evaluate(digits)

    def numbers(self) -> Iterator[float]:
        """The operand's numbers."""
        return self.operand.numbers()


@dataclass(frozen=True)
class Bin(Expr):
    """``a op b`` for ``op`` in ``+ - * / ^``."""

    op: str
    left: Expr
    right: Expr

    @property
    def precedence(self) -> int:  # type: ignore[override]
        """The operator's binding strength."""
        return _PRECEDENCE[self.op]

    def render(self, digits: int) -> str:
        """Both sides, parenthesised where the reading would change."""
        p = self.precedence
        left, right = self.left.render(digits), self.right.render(digits)
        if self.left.precedence < p or (
            self.op == "^" and self.left.precedence < _ATOM
        ):
            left = f"({left})"
        rp = self.right.precedence
        if (
            rp < p
            or rp == _NEG
            or (rp == p and self.op in "-/")
            or (self.op == "^" and rp < _ATOM)
        ):
            right = f"({right})"
        return f"{left}{_SHOWN[self.op]}{right}"

    def evaluate(self, digits: int) -> float:
        """The operation in float64 (``x / 0`` gives ``inf``/``nan``, as NumPy)."""
        a = np.float64(self.left.evaluate(digits))
        b = np.float64(self.right.evaluate(digits))
        with np.errstate(all="ignore"):
            if self.op == "+":
                return float(a + b)
            if self.op == "-":
                return float(a - b)
            if self.op == "*":
                return float(a * b)
            if self.op == "/":
                return float(a / b)
            return float(a**b)

    def numbers(self) -> Iterator[float]:
        """Both sides' numbers."""
        yield from self.left.numbers()
        yield from self.right.numbers()


@dataclass(frozen=True)
class Call(Expr):
    """``name(args...)`` for a function in :data:`FUNCTIONS`."""

    name: str
    args: tuple[Expr, ...]

    def render(self, digits: int) -> str:
        """``name(a, b)``."""
        return f"{self.name}({', '.join(a.render(digits) for a in self.args)})"

    def evaluate(self, digits: int) -> float:
        """The NumPy function on the arguments' values."""
        values = [np.float64(a.evaluate(digits)) for a in self.args]
        with np.errstate(all="ignore"):
            return float(FUNCTIONS[self.name](*values))

    def numbers(self) -> Iterator[float]:
        """The arguments' numbers."""
        for arg in self.args:
            yield from arg.numbers()


Operand = Expr | float | int


def _e(value: Operand) -> Expr:
    if isinstance(value, Expr):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Const(str(value))
    return Num(float(value))


def num(value: float) -> Num:
    """A computed number."""
    return Num(float(value))


def const(text: str | int | float) -> Const:
    """An exact constant (``const(1)``, ``const("0.5")``)."""
    return Const(str(text))


def add(*terms: Operand) -> Expr:
    """``a + b + ...`` (left to right)."""
    parts = [_e(t) for t in terms]
    out = parts[0]
    for part in parts[1:]:
        out = Bin("+", out, part)
    return out


def sub(a: Operand, b: Operand) -> Expr:
    """``a − b``."""
    return Bin("-", _e(a), _e(b))


def mul(*factors: Operand) -> Expr:
    """``a·b·...`` (left to right)."""
    parts = [_e(f) for f in factors]
    out = parts[0]
    for part in parts[1:]:
        out = Bin("*", out, part)
    return out


def div(a: Operand, b: Operand) -> Expr:
    """``a / b``."""
    return Bin("/", _e(a), _e(b))


def power(a: Operand, b: Operand) -> Expr:
    """``a^b``."""
    return Bin("^", _e(a), _e(b))


def neg(a: Operand) -> Expr:
    """``−a``."""
    return Neg(_e(a))


def call(name: str, *args: Operand) -> Call:
    """``name(args...)``; ``name`` must be in :data:`FUNCTIONS`."""
    if name not in FUNCTIONS:
        raise KeyError(name)
    return Call(name, tuple(_e(a) for a in args))
