"""Session JSON read with bounded memory: numeric arrays stay text until checked.

:func:`parse_json` parses a document with the standard library's grammar,
except that an array holding only numbers (or the strings ``"nan"``,
``"inf"``, ``"-inf"``), flat or as rows of such arrays, is validated piece
by piece and returned as a :class:`NumericBlock`: a span of the text plus its
shape, element count and leaf types, with no Python object per number.
Tensors are converted from it into NumPy arrays only after their shapes
were checked (:mod:`lossgui.io.json_values`). Everything else (the header,
parameters, example metadata) is limited to :data:`MAX_PLAIN_VALUES` values,
so a file of a million keys is refused instead of filling memory.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain
from json.decoder import JSONArray, JSONObject  # type: ignore[attr-defined]
from json.scanner import py_make_scanner  # type: ignore[attr-defined]
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.io.errors import FileFormatError

__all__ = [
    "MAX_PLAIN_VALUES",
    "NumericBlock",
    "json_constant",
    "parse_json",
    "plain",
]

#: The most JSON values read outside numeric arrays (a session has a few dozen).
MAX_PLAIN_VALUES = 100_000
#: Characters of a numeric array parsed at once.
PIECE_CHARS = 1 << 18

_WS = re.compile(r"[ \t\n\r]*")
_FLAT = re.compile(r'[-+.,0-9eE \t\n\r"nafiINty]*')
_ROWS = re.compile(r'[-+.,0-9eE \t\n\r"nafiINty\[\]]*')
_END_ROWS = re.compile(r"\][ \t\n\r]*\]")
_CONSTANTS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def json_constant(name: str) -> float:
    """Python's json literals NaN/Infinity/-Infinity, accepted for leniency."""
    return _CONSTANTS[name]


class _NotABlock(Exception):
    """The array is not a plain numeric block; the generic parser takes it."""


@dataclass(frozen=True, eq=False)
class NumericBlock:
    """A validated JSON array of numbers (1-D) or of rows of numbers (2-D).

    Attributes
    ----------
    text : str
        The whole document the block is part of.
    start, end : int
        The block's span in ``text`` (``text[start] == "["``).
    ndim : int
        1 for a flat array, 2 for rows.
    shape : tuple of int
        The shape implied by the first element at each level.
    count : int
        How many numbers (leaves) the block holds.
    ragged : tuple of int, optional
        ``(row, length)`` of the first row whose length differs from the first.
    types : frozenset of type
        The Python types of the leaves (``int``, ``float``, ``str``).
    bad_string : str, optional
        The first string leaf that is not ``"nan"``, ``"inf"`` or ``"-inf"``.
    values : ndarray, optional
        The numbers as a flat float64 array, converted while validating;
        None when a leaf is not a number or overflows a float (decoding then
        parses the text again to name the problem).
    """

    text: str
    start: int
    end: int
    ndim: int
    shape: tuple[int, ...]
    count: int
    ragged: tuple[int, int] | None
    types: frozenset[type]
    bad_string: str | None
    values: npt.NDArray[np.float64] | None

    def __len__(self) -> int:
        return self.shape[0]

    def __repr__(self) -> str:
        if self.end - self.start <= 40:
            return self.text[self.start : self.end]
        return f"[… {self.count:,} numbers …]"

    __str__ = __repr__

    def pieces(self) -> Iterator[list[Any]]:
        """The leaves in row-major order, a few thousand at a time."""
        for piece in _pieces(self.text, self.start, self.end, self.ndim):
            items = json.loads(f"[{piece}]", parse_constant=json_constant)
            yield list(chain.from_iterable(items)) if self.ndim == 2 else items

    def to_list(self) -> list[Any]:
        """The block as nested Python lists (small blocks only)."""
        value: list[Any] = json.loads(
            self.text[self.start : self.end], parse_constant=json_constant
        )
        return value


def _pieces(text: str, start: int, end: int, ndim: int) -> Iterator[str]:
    """Slices of the block's interior, each a whole number of items."""
    lo, hi = start + 1, end - 1
    if ndim == 1:
        while lo < hi:
            cut = text.find(",", lo + PIECE_CHARS, hi)
            if cut < 0:
                yield text[lo:hi]
                return
            yield text[lo:cut]
            lo = cut + 1
        return
    while lo < hi:
        close = text.find("]", lo + PIECE_CHARS, hi)
        if close < 0:
            yield text[lo:hi]
            return
        after = _skip(text, close + 1, hi)
        if after >= hi or text[after] != ",":
            raise _NotABlock
        yield text[lo : close + 1]
        lo = after + 1


def _skip(text: str, start: int, end: int) -> int:
    """The index of the first non-whitespace character from ``start``."""
    match = _WS.match(text, start, end)
    return start if match is None else match.end()


def _extent(text: str, start: int) -> tuple[int, int] | None:
    """``(end, ndim)`` of a candidate numeric block at ``text[start] == "["``."""
    first = _skip(text, start + 1, len(text))
    if first < len(text) and text[first] == "[":
        inner = _skip(text, first + 1, len(text))
        if inner < len(text) and text[inner] in "[{":
            return None  # deeper than rows of numbers
        close = _END_ROWS.search(text, first)
        if close is None:
            return None
        if not _ROWS.fullmatch(text, start + 1, close.start()):
            return None
        return close.end(), 2
    end = text.find("]", start)
    if end < 0 or not _FLAT.fullmatch(text, start + 1, end):
        return None
    return end + 1, 1


def _scan_block(text: str, start: int) -> NumericBlock | None:
    """The numeric block at ``start``, or None when the generic parser must run."""
    extent = _extent(text, start)
    if extent is None:
        return None
    end, ndim = extent
    types: set[type] = set()
    bad_string: str | None = None
    count = rows = 0
    values: npt.NDArray[np.float64] | None = np.empty(
        text.count(",", start, end) + 1, dtype=np.float64
    )
    first_len = -1
    ragged: tuple[int, int] | None = None
    try:
        for index, piece in enumerate(_pieces(text, start, end, ndim)):
            items = json.loads(f"[{piece}]", parse_constant=json_constant)
            if not items and (ndim == 2 or index or len(piece) != end - start - 2):
                raise _NotABlock  # an empty item (",,", a trailing comma)
            if ndim == 2:
                if not all(type(row) is list for row in items):
                    raise _NotABlock
                lengths = list(map(len, items))
                if first_len < 0:
                    first_len = lengths[0]
                if ragged is None and not min(lengths) == max(lengths) == first_len:
                    row = next(i for i, n in enumerate(lengths) if n != first_len)
                    ragged = (rows + row, lengths[row])
                rows += len(items)
                leaves: list[Any] = list(chain.from_iterable(items))
            else:
                leaves = items
            kinds = set(map(type, leaves))
            if kinds - {int, float, str}:
                raise _NotABlock  # lists nested deeper, objects, null, true/false
            if str in kinds and bad_string is None:
                bad_string = next(
                    (x for x in leaves if type(x) is str and x not in _NONFINITE), None
                )
            types |= kinds
            if values is not None and (str not in kinds or bad_string is None):
                try:
                    values[count : count + len(leaves)] = (
                        [_NONFINITE_VALUES.get(x, x) for x in leaves]
                        if str in kinds
                        else leaves
                    )
                except OverflowError:
                    values = None
            elif str in kinds:
                values = None
            count += len(leaves)
    except (ValueError, RecursionError, _NotABlock):
        return None
    if ndim == 2 and text.count("[", start, end) != rows + 1:
        return None  # a string holding "[" or nesting the pieces hid
    shape = (rows, first_len) if ndim == 2 else (count,)
    return NumericBlock(
        text,
        start,
        end,
        ndim,
        shape,
        count,
        ragged,
        frozenset(types),
        bad_string,
        None if values is None else values[:count],
    )


_NONFINITE = ("nan", "inf", "-inf")
_NONFINITE_VALUES = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


def parse_json(text: str) -> Any:
    """Decode ``text`` like :func:`json.loads`, numeric arrays as blocks.

    Raises
    ------
    json.JSONDecodeError
        For invalid JSON.
    RecursionError
        For nesting deeper than Python's recursion limit.
    FileFormatError
        For more than :data:`MAX_PLAIN_VALUES` values outside numeric arrays.
    """
    decoder = json.JSONDecoder(parse_constant=json_constant)
    budget = [MAX_PLAIN_VALUES]

    def parse_array(
        s_and_end: tuple[str, int], scan_once: Callable[..., Any]
    ) -> tuple[Any, int]:
        s, end = s_and_end
        block = _scan_block(s, end - 1)
        if block is not None:
            return block, block.end
        return JSONArray(s_and_end, counted)  # type: ignore[no-any-return]

    def parse_object(
        s_and_end: tuple[str, int], strict: bool, scan_once: Any, *args: Any
    ) -> tuple[Any, int]:
        return JSONObject(s_and_end, strict, counted, *args)  # type: ignore[no-any-return]

    decoder.parse_array = parse_array  # type: ignore[attr-defined]
    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    scan = py_make_scanner(decoder)

    def counted(s: str, idx: int) -> tuple[Any, int]:
        budget[0] -= 1
        if budget[0] < 0:
            raise FileFormatError(
                f"the file holds more than {MAX_PLAIN_VALUES:,} JSON values besides "
                "its numeric tensors; a lossgui session holds a few dozen"
            )
        return scan(s, idx)  # type: ignore[no-any-return]

    decoder.scan_once = counted  # type: ignore[attr-defined]
    return decoder.decode(text)


def plain(value: Any, what: str, budget: int = MAX_PLAIN_VALUES) -> Any:
    """``value`` with every :class:`NumericBlock` in it as nested lists.

    Raises
    ------
    FileFormatError
        When the blocks hold more than ``budget`` numbers in all.
    """
    left = [budget]

    def walk(node: Any) -> Any:
        if isinstance(node, NumericBlock):
            left[0] -= node.count
            if left[0] < 0:
                raise FileFormatError(f"'{what}' holds too many values")
            return node.to_list()
        if isinstance(node, list):
            return [walk(item) for item in node]
        if isinstance(node, dict):
            return {key: walk(item) for key, item in node.items()}
        return node

    return walk(value)
