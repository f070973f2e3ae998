"""Numbers and blocks of numbers from text, without ever evaluating it.

Accepted cell text: anything Python's ``float`` takes (``1e-300``, ``nan``,
``inf``, ``-inf``, ``Infinity``), surrounded by spaces, with ``−`` (U+2212,
the typographic minus) or ``+``. Accepted blocks:

- spreadsheet text: rows on lines, cells split by tabs (or, without tabs, by
  commas, semicolons or spaces);
- Python lists: ``[[1, 2], [3, 4]]``;
- NumPy reprs: ``array([[1., 2.]], dtype=float32)``;
- torch reprs: ``tensor([[1., 2.]], dtype=torch.float64, requires_grad=True)``.

Nested brackets are read by a small tokenizer with a depth limit; nothing is
passed to ``eval`` or ``ast``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.i18n import translate
from lossgui.io.errors import FileFormatError

__all__ = [
    "MAX_DEPTH",
    "MAX_ELEMENTS",
    "ParsedBlock",
    "parse_block",
    "parse_number",
]

#: The deepest nesting a bracketed block may have.
MAX_DEPTH = 32
#: The most numbers one pasted block may hold.
MAX_ELEMENTS = 20_000_000

_MINUS_SIGNS = str.maketrans(
    {"\u2212": "-", "\u2012": "-", "\u2013": "-", "\ufe63": "-", "\uff0d": "-"}
)
_WRAPPER = re.compile(r"^\s*(tensor|array)\s*\((.*)\)\s*$", re.DOTALL)
_DTYPE = re.compile(r"dtype\s*=\s*(?:torch\.)?(\w+)")
_TOKEN = re.compile(r"\s*(?:(\[)|(\])|(,)|([^\s\[\],]+))")

_DTYPES: dict[str, str] = {
    "float32": "float32",
    "float": "float32",
    "float64": "float64",
    "double": "float64",
    "float16": "float16",
    "half": "float16",
    "int64": "int64",
    "long": "int64",
    "int32": "int32",
    "int": "int32",
    "uint8": "uint8",
    "bool": "bool",
}


def parse_number(text: str) -> float:
    """Parse one cell as torch would take the number.

    Parameters
    ----------
    text : str
        The cell's text.

    Returns
    -------
    float
        The value (``nan`` and ``±inf`` included).

    Raises
    ------
    FileFormatError
        With a short reason: empty, or not a number.
    """
    cleaned = text.strip().translate(_MINUS_SIGNS)
    if not cleaned:
        raise FileFormatError(
            translate("io", "empty cell: type a number (nan and inf are allowed)")
        )
    lowered = cleaned.lower()
    if lowered in ("true", "false"):
        return 1.0 if lowered == "true" else 0.0
    try:
        if "_" in cleaned:
            raise ValueError(cleaned)
        return float(cleaned)
    except ValueError:
        shown = cleaned if len(cleaned) <= 40 else cleaned[:37] + "..."
        raise FileFormatError(
            translate(
                "io",
                "'{shown}' is not a number",
            ).format(shown=shown)
        ) from None


@dataclass(frozen=True)
class ParsedBlock:
    """A block of numbers read from text.

    Attributes
    ----------
    values : ndarray
        The numbers (float64, or the integer dtype the repr named).
    dtype : str or None
        The dtype named in a NumPy/torch repr (``"float32"``), if any.
    source : str
        ``"torch"``, ``"numpy"``, ``"list"`` or ``"table"``.
    """

    values: npt.NDArray[Any]
    dtype: str | None
    source: str


def _nested(text: str) -> list[Any]:
    """Read a bracketed literal with an explicit stack (no recursion)."""
    stack: list[list[Any]] = []
    result: list[Any] | None = None
    count = 0
    position = 0
    expect_value = True
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            break
        position = match.end()
        opening, closing, comma, word = match.groups()
        if opening:
            if result is not None:
                raise FileFormatError(
                    translate("io", "text continues after the closing bracket")
                )
            if len(stack) >= MAX_DEPTH:
                raise FileFormatError(
                    translate(
                        "io",
                        "nested deeper than {MAX_DEPTH} levels",
                    ).format(MAX_DEPTH=MAX_DEPTH)
                )
            fresh: list[Any] = []
            if stack:
                stack[-1].append(fresh)
            stack.append(fresh)
            expect_value = True
        elif closing:
            if not stack:
                raise FileFormatError(translate("io", "a ']' has no matching '['"))
            finished = stack.pop()
            if not stack:
                result = finished
            expect_value = False
        elif comma:
            if not stack or expect_value:
                raise FileFormatError(
                    translate("io", "a ',' stands where a number was expected")
                )
            expect_value = True
        elif word:
            if not stack:
                raise FileFormatError(
                    translate(
                        "io",
                        "'{word}' stands outside the brackets",
                    ).format(word=word[:20])
                )
            stack[-1].append(parse_number(word))
            count += 1
            if count > MAX_ELEMENTS:
                raise FileFormatError(
                    translate(
                        "io",
                        "more than {MAX_ELEMENTS:,} numbers",
                    ).format(MAX_ELEMENTS=MAX_ELEMENTS)
                )
            expect_value = False
    if text[position:].strip():
        raise FileFormatError(translate("io", "unexpected text after the numbers"))
    if stack or result is None:
        raise FileFormatError(translate("io", "a '[' is never closed"))
    return result


def _to_array(nested: list[Any]) -> npt.NDArray[Any]:
    try:
        return np.array(nested, dtype=np.float64)
    except ValueError:
        raise FileFormatError(
            translate(
                "io", "the rows have different lengths (a tensor must be rectangular)"
            )
        ) from None


def _split_row(line: str) -> list[str]:
    if "\t" in line:
        return line.split("\t")
    for separator in (",", ";"):
        if separator in line:
            return line.split(separator)
    return line.split()


def _table(text: str) -> npt.NDArray[np.float64]:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise FileFormatError(translate("io", "there are no numbers in the text"))
    rows: list[list[float]] = []
    width = -1
    for number, line in enumerate(lines, start=1):
        cells = _split_row(line.rstrip("\r"))
        if width < 0:
            width = len(cells)
        elif len(cells) != width:
            raise FileFormatError(
                translate(
                    "io",
                    "row {number} has {n_cells} values, the first row has {width}",
                ).format(number=number, n_cells=len(cells), width=width)
            )
        try:
            rows.append([parse_number(cell) for cell in cells])
        except FileFormatError as exc:
            raise FileFormatError(
                translate(
                    "io",
                    "row {number}: {exc}",
                ).format(number=number, exc=exc)
            ) from None
        if len(rows) * width > MAX_ELEMENTS:
            raise FileFormatError(
                translate(
                    "io",
                    "more than {MAX_ELEMENTS:,} numbers",
                ).format(MAX_ELEMENTS=MAX_ELEMENTS)
            )
    return np.array(rows, dtype=np.float64)


def parse_block(text: str) -> ParsedBlock:
    """Parse pasted text into an array of numbers.

    Parameters
    ----------
    text : str
        Spreadsheet cells, a Python list, or a NumPy/torch repr.

    Returns
    -------
    ParsedBlock
        The values and where they came from.

    Raises
    ------
    FileFormatError
        With the reason and, for tables, the row at fault.
    """
    if "..." in text:
        raise FileFormatError(
            translate(
                "io",
                "the text is abbreviated with '...': print the full tensor first "
                "(torch.set_printoptions(profile='full') or "
                "np.set_printoptions(threshold=sys.maxsize))",
            )
        )
    wrapper = _WRAPPER.match(text)
    if wrapper:
        kind, inner = wrapper.groups()
        dtype_match = _DTYPE.search(inner)
        dtype = None
        if dtype_match:
            dtype = _DTYPES.get(dtype_match.group(1).lower())
            if dtype is None:
                raise FileFormatError(
                    translate(
                        "io",
                        "dtype '{group}' is not supported",
                    ).format(group=dtype_match.group(1))
                )
        body = inner
        if inner.lstrip().startswith("["):
            depth = 0
            for index, char in enumerate(inner):
                depth += (char == "[") - (char == "]")
                if depth == 0 and char == "]":
                    body = inner[: index + 1]
                    break
        else:
            body = "[" + inner.split(",")[0] + "]"
        values = _to_array(_nested(body))
        if not wrapper.group(2).lstrip().startswith("["):
            values = values.reshape(())
        return ParsedBlock(values, dtype, "torch" if kind == "tensor" else "numpy")
    if text.lstrip().startswith("["):
        return ParsedBlock(_to_array(_nested(text)), None, "list")
    return ParsedBlock(_table(text), None, "table")
