"""Curve data to CSV: one header row, then one row per sweep point.

Written by our own code (not pyqtgraph's exporter) so the file is tidy and
exact: every float is written with ``repr``, which round-trips, ``nan`` and
``inf`` as ``nan``/``inf`` (what :func:`pandas.read_csv` reads back), and
the file appears atomically (see :mod:`lossgui.io.atomic`).
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.io.atomic import atomic_write

__all__ = ["format_float", "write_columns_csv"]


def format_float(value: float) -> str:
    """``repr`` of a float (exact round trip); ``nan`` and ``±inf`` spelled out."""
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)


def write_columns_csv(
    path: str | os.PathLike[str],
    columns: Sequence[tuple[str, npt.ArrayLike]],
) -> int:
    """Write named columns side by side; shorter columns end in empty cells.

    Parameters
    ----------
    path : path-like
        The CSV file to (re)place atomically.
    columns : sequence of (str, array_like)
        Header text and values of each column, left to right.

    Returns
    -------
    int
        The number of data rows written.

    Raises
    ------
    OSError
        When the file cannot be written (nothing is left behind).
    """
    arrays: list[npt.NDArray[Any]] = [
        np.asarray(values, dtype=np.float64).reshape(-1) for _, values in columns
    ]
    rows = max((a.size for a in arrays), default=0)
    with atomic_write(path) as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow([name for name, _ in columns])
        for i in range(rows):
            writer.writerow([format_float(a[i]) if i < a.size else "" for a in arrays])
    return rows
