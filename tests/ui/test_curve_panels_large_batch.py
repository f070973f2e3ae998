"""A wide batch in the curve panel: bounded markers, the hardest among them, in view."""

from __future__ import annotations

import numpy as np
from conftest import table
from PySide6.QtWidgets import QApplication, QDockWidget

from lossgui.session import new_document
from lossgui.session.curves import HARDEST, MAX_CURVES, MAX_MARKERS


def _wide_document(rows=3_000, classes=300):
    doc = new_document("CrossEntropyLoss")
    doc.resize(rows, classes)
    rng = np.random.default_rng(11)
    doc.tensors[doc.first_name][...] = rng.normal(0.0, 2.0, (rows, classes))
    doc.tensors["target"][...] = rng.integers(0, classes, rows)
    return doc


def _inside(plot, x, y):
    (x_low, x_high), (y_low, y_high) = plot.getViewBox().viewRange()
    return (
        (x >= x_low).all()
        and (x <= x_high).all()
        and (y >= y_low).all()
        and (y <= y_high).all()
    )


def test_an_edit_keeps_markers_bounded_hardest_drawn_and_in_view(make_window, qtbot):
    window = make_window(_wide_document())
    window.findChild(QDockWidget, "CurvesDock").raise_()
    view = table(window, "inputTable")
    model = view.model()
    index = model.index(2_222, 5)
    view.setCurrentIndex(index)
    assert model.setData(index, "9.5")  # far outside the batch: the range follows
    QApplication.processEvents()
    panel = window.curves_panel
    qtbot.waitUntil(lambda: panel.curve_set is not None)
    bound = MAX_MARKERS + 1 + MAX_CURVES + HARDEST
    for plot in (panel.loss_plot, panel.grad_plot):
        x, y = plot.marker_data()
        assert 0 < x.size <= bound
        assert _inside(plot, x, y)
    markers = panel.curve_set.markers
    assert markers.total == 3_000 * 300
    chosen = markers.find(2_222, 5)
    assert chosen is not None and panel.curve_set.selected == chosen
    assert markers.x[chosen] == np.float32(9.5)
    low, high = panel.loss_plot.getViewBox().viewRange()[0]
    assert low <= 9.5 <= high
    evaluation = window.controller.document.evaluate()
    losses = np.asarray(evaluation.result.loss.elementwise, dtype=np.float64)
    hardest = np.argsort(-losses, kind="stable")[:HARDEST]
    assert set(hardest.tolist()) <= set(markers.rows.tolist())
