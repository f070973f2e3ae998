"""Large CSV/TSV files, read in chunks with progress, and any array file by path.

:func:`read_table` parses text tables with NumPy's C parser a chunk of lines
at a time, calling ``progress(fraction)`` between chunks (return False to
cancel), so a million-row file loads in about a second while a window stays
responsive. A chunk NumPy cannot parse is read again by the friendly parser
(:func:`lossgui.io.text_parse.parse_block`), which accepts typographic minus
signs and names the offending row. Files with a header row give one array
per column, others one 2-D array named after the file — as
:func:`lossgui.io.arrays.load_arrays` does, whose checks every other format
goes through (:func:`load_any`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.io.arrays import MAX_FILE_BYTES, load_arrays
from lossgui.io.errors import FileFormatError
from lossgui.io.text_parse import MAX_ELEMENTS, parse_block, parse_number

__all__ = ["TEXT_SUFFIXES", "LoadCancelled", "load_any", "read_table"]

Array = npt.NDArray[Any]
Progress = Callable[[float], bool]
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
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
            f"the file is {size / 2**20:,.0f} MiB; text files are limited to "
            f"{MAX_FILE_BYTES // 2**20} MiB (save large arrays as .npy)"
        )
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise FileFormatError("the file is not UTF-8 text") from None
    numbered = [
        (i, line) for i, line in enumerate(text.splitlines(), 1) if line.strip()
    ]
    del text
    if not numbered:
        raise FileFormatError("the file holds no numbers (it is empty)")
    delimiter = _delimiter(numbered[0][1])
    names: list[str] | None = None
    if _is_header(_split(numbered[0][1], delimiter)):
        header = numbered.pop(0)[1]
        names = [
            cell.strip().strip('"') or f"column{i}"
            for i, cell in enumerate(_split(header, delimiter))
        ]
        if numbered:
            delimiter = _delimiter(numbered[0][1]) if delimiter is None else delimiter
    if not numbered:
        raise FileFormatError("the file has a header row but no numbers")
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
                f"near line {part[0][0]}: rows have {table.shape[1]} values, "
                f"earlier rows have {width}"
            )
        chunks.append(table)
        if total * width > MAX_ELEMENTS:
            raise FileFormatError(
                f"the file has {total * width:,} numbers; the limit is {MAX_ELEMENTS:,}"
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
            f"the header names {len(names)} columns but the rows have {width} values"
        )
    unique: dict[str, Array] = {}
    for index, name in enumerate(names):
        key = name if name not in unique else f"{name}_{index}"
        unique[key] = np.ascontiguousarray(values[:, index])
    return unique


def load_any(
    path: str | os.PathLike[str], progress: Progress | None = None
) -> dict[str, Array]:
    """Load every array of an array file, text tables with progress.

    ``.csv``/``.tsv``/``.txt`` go through :func:`read_table`; ``.npy``,
    ``.npz`` and ``.pt`` through :func:`lossgui.io.arrays.load_arrays`
    (pickles refused, torch only when installed).

    Raises
    ------
    FileFormatError
        Naming the file's problem.
    LoadCancelled
        If ``progress`` returned False.
    """
    file = Path(path)
    if file.suffix.lower() not in TEXT_SUFFIXES:
        arrays = load_arrays(file)
        if progress is not None:
            progress(1.0)
        return arrays
    if not file.is_file():
        raise FileFormatError(f"'{file.name}' does not exist or is not a file")
    try:
        return read_table(file, progress)
    except OSError as exc:
        raise FileFormatError(
            f"cannot read '{file.name}': {exc.strerror or exc}"
        ) from None
