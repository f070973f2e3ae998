"""CSV/TSV/whitespace tables of numbers, read in chunks with progress.

The one text-table reader: :func:`lossgui.io.arrays.load_arrays` (the
window's import and ``lossgui export``) reads every ``.csv``, ``.tsv`` and
``.txt`` file through :func:`read_table`. It parses with NumPy's C parser a
chunk of lines at a time, calling ``progress(fraction)`` between chunks
(return False to cancel), so a million-row file loads in about a second
while a window stays responsive. A chunk NumPy cannot parse is read again
by the friendly parser (:func:`lossgui.io.text_parse.parse_block`), which
accepts typographic minus signs and names the offending line.

A first line with a cell that is not a number is a header: one 1-D array
per column, named by it. A blank header cell (the unnamed index column
``pandas.DataFrame.to_csv`` writes, say) names its column by position,
``column 1`` for the first; two columns with the same name are refused,
since arrays are assigned by name and either could be meant. Without a
header the file is one 2-D array named after the file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.i18n import translate
from lossgui.io.errors import FileFormatError
from lossgui.io.text_parse import MAX_ELEMENTS, parse_block, parse_number

__all__ = [
    "MAX_FILE_BYTES",
    "TEXT_SUFFIXES",
    "LoadCancelled",
    "column_names",
    "read_table",
]

Array = npt.NDArray[Any]
Progress = Callable[[float], bool]
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
#: The largest text file read (binary formats are bounded by MAX_ELEMENTS).
MAX_FILE_BYTES = 512 * 1024 * 1024
_CHUNK_LINES = 50_000


class LoadCancelled(Exception):
    """The user cancelled a long load; nothing changed."""


def _delimiter(line: str) -> str | None:
    """Tab, comma or semicolon if the line has one, else any whitespace (None)."""
    for separator in ("\t", ",", ";"):
        if separator in line:
            return separator
    return None


def _split(line: str, delimiter: str | None) -> list[str]:
    return line.split(delimiter) if delimiter else line.split()


def _is_header(cells: list[str]) -> bool:
    for cell in cells:
        if not cell.strip():
            continue
        try:
            parse_number(cell)
        except FileFormatError:
            return True
    return False


def column_names(cells: list[str]) -> list[str]:
    """The arrays' names from a header row's cells.

    Each cell stripped of spaces and of enclosing double quotes; a blank
    cell names its column by position (``column 1`` for the first).

    Raises
    ------
    FileFormatError
        When two columns get the same name, naming it and both positions.

    Examples
    --------
    >>> column_names(['', ' "logit" ', 'label'])
    ['column 1', 'logit', 'label']
    """
    names: list[str] = []
    first_at: dict[str, int] = {}
    for position, cell in enumerate(cells, 1):
        name = cell.strip().strip('"').strip() or f"column {position}"
        if name in first_at:
            raise FileFormatError(
                translate(
                    "io",
                    "the header has two columns named '{name}' (columns {first_at} "
                    "and {position}); rename one of them, since lossgui picks arrays "
                    "by name",
                ).format(name=name, first_at=first_at[name], position=position)
            )
        first_at[name] = position
        names.append(name)
    return names


def _parse_chunk(lines: list[str], delimiter: str | None, first_line: int) -> Array:
    """One chunk of lines as a 2-D float64 table."""
    try:
        table = np.loadtxt(
            lines, delimiter=delimiter, dtype=np.float64, ndmin=2, comments=None
        )
    except ValueError:
        table = None
    if table is not None and table.shape[0] == len(lines):
        return table
    try:
        return np.atleast_2d(parse_block("\n".join(lines)).values).reshape(
            len(lines), -1
        )
    except FileFormatError as exc:
        text = str(exc)
        match = re.match(r"row (\d+)(.*)", text, re.DOTALL)
        if match:
            text = f"line {first_line + int(match.group(1)) - 1}{match.group(2)}"
        else:
            text = f"near line {first_line}: {text}"
        raise FileFormatError(text) from None


def read_table(
    path: str | os.PathLike[str],
    progress: Progress | None = None,
    chunk_lines: int = _CHUNK_LINES,
) -> dict[str, Array]:
    """Read a CSV/TSV/whitespace table of numbers.

    Parameters
    ----------
    path : path-like
        The text file (UTF-8).
    progress : callable, optional
        Called with the fraction read; returning False cancels.
    chunk_lines : int
        Lines parsed per step.

    Returns
    -------
    dict
        ``{column header: 1-D array}``, or ``{file stem: 2-D array}`` without
        a header row.

    Raises
    ------
    FileFormatError
        Naming the line at fault, for ragged rows, non-numbers, non-UTF-8
        text, an empty file or one beyond the size limits.
    LoadCancelled
        If ``progress`` returned False.
    """
    file = Path(path)
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FileFormatError(
            translate(
                "io",
                "the file is {value:,.0f} MiB; text files are limited to {value2} MiB "
                "(save large arrays as .npy)",
            ).format(value=size / 2**20, value2=MAX_FILE_BYTES // 2**20)
        )
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise FileFormatError(translate("io", "the file is not UTF-8 text")) from None
    numbered = [
        (i, line) for i, line in enumerate(text.splitlines(), 1) if line.strip()
    ]
    del text
    if not numbered:
        raise FileFormatError(
            translate("io", "the file holds no numbers (it is empty)")
        )
    delimiter = _delimiter(numbered[0][1])
    names: list[str] | None = None
    if _is_header(_split(numbered[0][1], delimiter)):
        names = column_names(_split(numbered.pop(0)[1], delimiter))
        if numbered:
            delimiter = _delimiter(numbered[0][1]) if delimiter is None else delimiter
    if not numbered:
        raise FileFormatError(
            translate("io", "the file has a header row but no numbers")
        )
    chunks: list[Array] = []
    width = -1
    total = len(numbered)
    for start in range(0, total, chunk_lines):
        part = numbered[start : start + chunk_lines]
        table = _parse_chunk([line for _, line in part], delimiter, part[0][0])
        if width < 0:
            width = table.shape[1]
        elif table.shape[1] != width:
            raise FileFormatError(
                translate(
                    "io",
                    "near line {part}: rows have {table_shape} values, earlier rows "
                    "have {width}",
                ).format(part=part[0][0], table_shape=table.shape[1], width=width)
            )
        chunks.append(table)
        if total * width > MAX_ELEMENTS:
            raise FileFormatError(
                translate(
                    "io",
                    "the file has {value:,} numbers; the limit is {MAX_ELEMENTS:,}",
                ).format(value=total * width, MAX_ELEMENTS=MAX_ELEMENTS)
            )
        if progress is not None and not progress(
            min(start + chunk_lines, total) / total
        ):
            raise LoadCancelled
    values = np.concatenate(chunks) if len(chunks) > 1 else chunks[0]
    if names is None:
        return {file.stem: values}
    if len(names) != width:
        raise FileFormatError(
            translate(
                "io",
                "the header names {n_names} columns but the rows have {width} values",
            ).format(n_names=len(names), width=width)
        )
    return {
        name: np.ascontiguousarray(values[:, index]) for index, name in enumerate(names)
    }
