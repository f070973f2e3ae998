"""One rounding policy for every number the window shows.

The header value, the results grid, the receipt, Explain, Compare and the
curves' tooltips all format through :func:`fmt`, so one value reads the same
everywhere. The number of significant digits is one application-wide setting
(:func:`significant_digits`, changed with :func:`set_significant_digits`);
the View > Precision menu and Explain's digit links both set it.

The rules:

- whole numbers below 10¹⁵ are written in full (``3``, ``-100``);
- a number that the digits give exactly is written short (``-0.8``,
  ``0.25``); any other keeps its trailing zeros so the precision shows
  (``0.31000`` for 0.3100002 at 5 digits);
- a value float32 holds exactly counts as its shortest float32 decimal
  (``np.float32(0.1)``, even as a Python float, is ``0.1``, not ``0.10000``),
  as torch prints it;
- exponents are short (``1.5e-7``); ``nan``, ``inf`` and ``-inf`` are spelled
  out. The minus sign is ASCII, so the text reads back in Python.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

__all__ = [
    "DEFAULT_DIGITS",
    "DIGIT_CHOICES",
    "fmt",
    "format_significant",
    "set_significant_digits",
    "significant_digits",
]

#: Significant digits shown until the user chooses otherwise.
DEFAULT_DIGITS = 5

#: The precisions the user can choose.
DIGIT_CHOICES: tuple[int, ...] = (3, 4, 5, 6, 7, 8)

_current = DEFAULT_DIGITS
_FLOAT32_MAX = float(np.finfo(np.float32).max)


def significant_digits() -> int:
    """The significant digits every view shows now."""
    return _current


def set_significant_digits(digits: int) -> int:
    """Make every view show ``digits`` significant digits.

    Parameters
    ----------
    digits : int
        Clamped into ``DIGIT_CHOICES``' range.

    Returns
    -------
    int
        The digits now in force.
    """
    global _current
    _current = min(max(int(digits), DIGIT_CHOICES[0]), DIGIT_CHOICES[-1])
    return _current


def _as_float(value: Any) -> float:
    """``value`` as a float; a float32 number as its shortest float32 decimal.

    Views often hold a float32 result as a Python float
    (``float(np.float32(0.1))`` is ``0.10000000149011612``); any value that
    float32 holds exactly counts as the float32 number, so the header, the
    grid and Explain write it the same way (``0.1``, not ``0.10000``).
    """
    number = float(value)
    if abs(number) <= _FLOAT32_MAX and float(np.float32(number)) == number:
        return float(str(np.float32(number)))
    return number


def format_significant(value: float, digits: int) -> str:
    """``value`` at exactly ``digits`` significant digits, by the module's rules.

    Examples
    --------
    >>> format_significant(0.310025518, 4), format_significant(-0.8, 4)
    ('0.3100', '-0.8')
    >>> format_significant(1.0, 4), format_significant(2.0000001e-9, 3)
    ('1', '2.00e-9')
    """
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    digits = max(1, digits)
    text = f"{value:.{digits}g}"
    if float(text) != value:
        text = f"{value:#.{digits}g}"
    if "e" in text:
        mantissa, _, exponent = text.partition("e")
        text = f"{mantissa}e{int(exponent)}"
    return text


def fmt(value: Any, digits: int | None = None) -> str:
    """``value`` as every view shows it.

    Parameters
    ----------
    value : float, int or NumPy scalar
        A ``float32`` scalar counts as its shortest decimal.
    digits : int, optional
        Significant digits; the application-wide setting by default.

    Examples
    --------
    >>> fmt(1.8634999990463257, 5), fmt(np.float32(0.1), 5), fmt(-1.5e-300, 3)
    ('1.8635', '0.1', '-1.5e-300')
    """
    shown = significant_digits() if digits is None else digits
    return format_significant(_as_float(value), shown)
