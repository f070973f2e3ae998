"""Explanation steps: a formula, the same formula with numbers, and its value.

A :class:`Step` claims ``symbol = formula = substituted = shown``. The
substituted text is rendered from an :class:`~lossgui.session.explain.expr.Expr`
by :class:`StepMaker`, which raises the number of digits of the operands
until evaluating the *rendered* text gives the value to the shown precision,
so a reader who recomputes it by hand (or with Python, via
:attr:`Step.python`) gets the number on the screen.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from lossgui.i18n import translate
from lossgui.session.explain.expr import MINUS, Expr, to_python
from lossgui.session.number_format import fmt

__all__ = [
    "MAX_DIGITS",
    "Built",
    "Explanation",
    "Section",
    "Step",
    "StepMaker",
    "Table",
    "agrees",
    "half_unit",
    "shown",
]

#: Operands are never shown with more digits than float64 needs.
MAX_DIGITS = 17


def shown(value: float, digits: int) -> str:
    """``value`` as every view shows it at ``digits``, with a typographic minus."""
    return fmt(value, digits).replace("-", MINUS)


def half_unit(value: float, digits: int) -> float:
    """Half a unit in the last shown digit of ``value`` (0 for 0)."""
    if value == 0 or not math.isfinite(value):
        return 0.0
    return 0.5 * 10.0 ** (math.floor(math.log10(abs(value))) - digits + 1)


def agrees(recomputed: float, value: float, digits: int, atol: float = 0.0) -> bool:
    """Whether ``recomputed`` rounds to ``value`` at ``digits`` (give or take ``atol``).

    NaN agrees only with NaN and an infinity only with itself.
    """
    if math.isnan(value):
        return math.isnan(recomputed)
    if math.isinf(value):
        return recomputed == value
    if not math.isfinite(recomputed):
        return False
    slack = half_unit(value, digits) + atol + 1e-12 * abs(value)
    return abs(recomputed - value) <= slack


@dataclass(frozen=True)
class Step:
    """One line of working: ``symbol = formula = substituted = shown``.

    Attributes
    ----------
    symbol : str
        What the step computes (``"p"``, ``"l"``, ``"∂L/∂z"``).
    formula : str
        The symbolic right-hand side.
    substituted : str
        The formula with the numbers put in; empty when the step states a
        value without working (a long sum, an input).
    value : float
        The step's value (torch's, from the engine, for final results).
    shown : str
        ``value`` at the explanation's number of digits.
    kind : str
        What the step is about: ``"activation"``, ``"log"``, ``"weight"``,
        ``"pos_weight"``, ``"smoothing"``, ``"margin"``, ``"loss"``,
        ``"reduction"``, ``"gradient"``, ``"input"``.
    note : str
        A remark shown under the step.
    atol : float
        Extra slack the check allows: torch rounds in float32 where the
        substitution is exact arithmetic (0 when they agree to the digits).
    approximate : bool
        True when no number of digits reproduces ``value``; ``note`` then
        says why.
    """

    symbol: str
    formula: str
    substituted: str
    value: float
    shown: str
    kind: str = "loss"
    note: str = ""
    atol: float = 0.0
    approximate: bool = False

    @property
    def python(self) -> str:
        """The substituted text as Python source (NumPy functions; see ``expr``)."""
        return to_python(self.substituted)


@dataclass(frozen=True)
class Table:
    """A small table of shown numbers (CTC's alignment lattice).

    Attributes
    ----------
    caption : str
        What the table holds.
    header : tuple of str
        The column headings (the first is the row headings' title).
    rows : tuple of tuple of str
        Each row: its heading, then one cell per column.
    highlight : tuple of (int, int)
        ``(row, column)`` cells to emphasise (column 0 is the first cell
        after the heading).
    """

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    highlight: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Section:
    """A titled group of steps, with prose lines and tables before them."""

    title: str
    steps: tuple[Step, ...] = ()
    lines: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Explanation:
    """Everything the explain panel shows for one element.

    Attributes
    ----------
    loss : str
        The torch loss name.
    heading : str
        What is explained (``"BCEWithLogitsLoss · element [0]"``).
    element : tuple of int
        ``(row, column)`` in the grid's 2-D table.
    given : tuple of (str, str)
        The element's inputs, e.g. ``("z", "−0.8")``.
    formula : str
        The loss's formula text from :data:`lossgui.engine.LOSSES`.
    sections : tuple of Section
        The working: this element's loss, the reduction, the gradient.
    notes : tuple of str
        General remarks (stable forms, clamps, conventions).
    error : str or None
        Torch's error when the loss cannot be computed.
    digits : int
        Significant digits of the shown values.
    """

    loss: str
    heading: str
    element: tuple[int, int]
    given: tuple[tuple[str, str], ...]
    formula: str
    sections: tuple[Section, ...] = ()
    notes: tuple[str, ...] = ()
    error: str | None = None
    digits: int = 4

    def steps(self) -> Iterator[Step]:
        """Every step of every section, in order."""
        for section in self.sections:
            yield from section.steps


@dataclass
class StepMaker:
    """Makes steps whose substituted numbers reproduce their values.

    Parameters
    ----------
    digits : int
        Significant digits of shown values (and the least for operands).
    dtype : str
        The session's dtype: the scale of torch's own rounding, allowed for
        values that come from the engine.
    """

    digits: int = 4
    dtype: str = "float32"

    @property
    def epsilon(self) -> float:
        """Machine epsilon of :attr:`dtype`."""
        return float(np.finfo(self.dtype).eps)

    def given(
        self,
        symbol: str,
        formula: str,
        value: float,
        kind: str = "input",
        note: str = "",
    ) -> Step:
        """A step that states a value without substituting numbers."""
        return Step(symbol, formula, "", value, shown(value, self.digits), kind, note)

    def step(
        self,
        symbol: str,
        formula: str,
        candidates: Expr | Sequence[Expr],
        value: float,
        *,
        kind: str = "loss",
        note: str = "",
        engine: bool = False,
    ) -> Step:
        """A step: the first candidate form that reproduces ``value``.

        Parameters
        ----------
        symbol, formula : str
            Left-hand side and symbolic right-hand side.
        candidates : Expr or sequence of Expr
            Forms of the substituted side, preferred first (the textbook
            form, then a stable one).
        value : float
            The value to reproduce.
        kind, note : str
            See :class:`Step`.
        engine : bool
            Whether ``value`` comes from torch's arithmetic in the session's
            dtype (allowing its rounding if exact arithmetic differs).
        """
        forms = [candidates] if isinstance(candidates, Expr) else list(candidates)
        value = float(value)
        show = shown(value, self.digits)
        for atol in (0.0, self._slack(forms, value) if engine else None):
            if atol is None:
                continue
            for form in forms:
                for digits in range(self.digits, MAX_DIGITS + 1):
                    if agrees(form.evaluate(digits), value, self.digits, atol):
                        text = form.render(digits)
                        extra = "" if atol == 0 else self._rounding_note(form, digits)
                        return Step(
                            symbol,
                            formula,
                            text,
                            value,
                            show,
                            kind,
                            _join(note, extra),
                            atol,
                        )
        exact = forms[0].evaluate(MAX_DIGITS)
        return Step(
            symbol,
            formula,
            forms[0].render(MAX_DIGITS),
            value,
            show,
            kind,
            _join(
                note,
                translate(
                    "explain",
                    "exact arithmetic gives {exact}; torch's rounding gives {shown}",
                ).format(exact=shown(exact, self.digits), shown=show),
            ),
            approximate=True,
        )

    def _slack(self, forms: Sequence[Expr], value: float) -> float:
        biggest = max(
            (abs(v) for form in forms for v in form.numbers() if math.isfinite(v)),
            default=0.0,
        )
        return (
            4
            * self.epsilon
            * max(1.0, abs(value) if math.isfinite(value) else 0, biggest)
        )

    def _rounding_note(self, form: Expr, digits: int) -> str:
        exact = form.evaluate(digits)
        return translate(
            "explain",
            "exact arithmetic gives {exact}; torch's {dtype} arithmetic rounds it "
            "to the value shown",
        ).format(exact=shown(exact, self.digits), dtype=self.dtype)


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class Built:
    """What a family builder returns: the inputs, the working and remarks."""

    given: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = ()
