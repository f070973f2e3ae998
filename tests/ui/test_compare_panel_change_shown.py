"""Compare losses: the one-step change is computed when (and only while) shown."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QComboBox, QTableWidget


def _compare_in_front(window, qtbot):
    dock = window.understanding.compare_dock
    dock.show()
    dock.raise_()
    qtbot.wait(0)
    return window.understanding.compare


def test_change_is_computed_when_its_column_set_is_chosen(make_window, qtbot):
    window = make_window()
    panel = _compare_in_front(window, qtbot)
    combo = window.findChild(QComboBox, "compareShow")
    combo.setCurrentIndex(combo.findData("loss"))
    panel.refresh()
    assert not panel.comparison.has_change
    assert all(np.isnan(row.change).all() for row in panel.comparison.rows)
    combo.setCurrentIndex(combo.findData("change"))
    assert panel.comparison.has_change
    computed = [row for row in panel.comparison.rows if not row.absent]
    assert all(np.isfinite(row.change).all() for row in computed)
    table = window.findChild(QTableWidget, "compareTable")
    assert table.item(0, 2).text() not in ("", "nan")
    combo.setCurrentIndex(combo.findData("step"))  # kept: no second computation
    assert panel.comparison.has_change
