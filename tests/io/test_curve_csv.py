"""Curve data CSV: header, exact floats, nan/inf, atomic replacement."""

from __future__ import annotations

import csv
import math

import numpy as np

from lossgui.io.curve_csv import format_float, write_columns_csv


def test_columns_round_trip_exactly(tmp_path):
    path = tmp_path / "curves.csv"
    x = np.linspace(-6, 6, 7, dtype=np.float32)
    loss = np.float32(1) / np.float32(3) * x
    rows = write_columns_csv(path, [("x", x), ("loss: y=1", loss), ("short", [1.0])])
    assert rows == 7
    with open(path, newline="", encoding="utf-8") as stream:
        table = list(csv.reader(stream))
    assert table[0] == ["x", "loss: y=1", "short"]
    back = np.array([[float(v) for v in row[:2]] for row in table[1:]])
    assert np.array_equal(back[:, 0].astype(np.float32), x)
    assert np.array_equal(back[:, 1].astype(np.float32), loss)
    assert table[2][2] == ""  # a shorter column ends in empty cells
    assert not list(tmp_path.glob(".*.tmp"))


def test_special_values():
    assert format_float(math.nan) == "nan"
    assert format_float(-math.inf) == "-inf"
    assert format_float(0.1) == "0.1"
    assert float(format_float(np.float32(0.1))) == float(np.float32(0.1))
