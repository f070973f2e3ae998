"""One grid cell as text: class indices in, exact and compact numbers out.

Parsing a float is :func:`lossgui.io.text_parse.parse_number`'s job; this
module adds whole numbers (class indices) and the two ways the grids print a
value: exactly (``repr``-style, so copy → paste round-trips) and compactly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from lossgui.i18n import translate
from lossgui.io.errors import FileFormatError
from lossgui.io.text_parse import parse_number

__all__ = ["format_cell", "format_exact", "format_tsv", "parse_index"]


def parse_index(text: str) -> int:
    """Parse one cell as a whole number (a class index, torch ``Long``).

    ``"2"``, ``"2.0"`` and ``" −1 "`` are accepted; ``"1.5"``, ``nan`` and
    ``inf`` are not.

    Raises
    ------
    FileFormatError
        For text that is not a whole number.

    Examples
    --------
    >>> parse_index(" \u22121 ")
    -1
    """
    value = parse_number(text)
    if not math.isfinite(value) or value != math.floor(value):
        raise FileFormatError(
            translate(
                "io",
                "'{strip}': class indices are whole numbers",
            ).format(strip=text.strip())
        )
    if abs(value) >= 2**63:
        raise FileFormatError(
            translate(
                "io",
                "'{strip}' does not fit a 64-bit integer",
            ).format(strip=text.strip())
        )
    return int(value)


def format_exact(value: float | int | np.floating[Any]) -> str:
    """The shortest text that reads back as exactly ``value`` in its own dtype.

    A NumPy ``float32`` gives its shortest float32 form (``1.0827879``), as
    torch and NumPy print it; Python floats their ``repr``.

    Examples
    --------
    >>> format_exact(-0.8), format_exact(2.0), format_exact(float("-inf"))
    ('-0.8', '2', '-inf')
    >>> format_exact(np.float32(1.0827878713607788))
    '1.0827879'
    """
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, np.floating) and np.isfinite(value):
        text = str(value)
        return text[:-2] if text.endswith(".0") else text
    number = float(value)
    if math.isnan(number):
        return "nan"
    if math.isinf(number):
        return "inf" if number > 0 else "-inf"
    text = repr(number)
    return text[:-2] if text.endswith(".0") else text


def format_cell(value: float | int | np.floating[Any], digits: int = 6) -> str:
    """A compact display form: exact when short, else ``digits`` significant digits.

    Examples
    --------
    >>> format_cell(0.1234567891), format_cell(1e-300)
    ('0.123457', '1e-300')
    """
    exact = format_exact(value)
    if len(exact) <= digits + 3:
        return exact
    return f"{float(value):.{digits}g}"


def format_tsv(rows: Iterable[Sequence[float | int | np.floating[Any] | None]]) -> str:
    """Rows of numbers as tab-separated text: exact values, ``None`` as empty."""
    lines = [
        "\t".join("" if v is None else format_exact(v) for v in row) for row in rows
    ]
    return "\n".join(lines) + "\n"
