"""The diagnostics banner follows cell edits that it measures row by row."""

from __future__ import annotations

import numpy as np

from lossgui.session.convert import new_document
from lossgui.ui.diagnostics_banner import DiagnosticsBanner
from tests.ui.conftest import table


def _banner(window) -> DiagnosticsBanner:
    banner = window.findChild(DiagnosticsBanner, "diagnosticsBanner")
    assert banner is not None
    return banner


def test_a_nan_typed_into_a_row_shows_and_undo_clears_it(make_window, qtbot):
    doc = new_document("CrossEntropyLoss")
    doc.resize(300, 20)
    doc.randomize(seed=1)
    window = make_window(doc)
    banner = _banner(window)
    assert "non-finite" not in [f.code for f in banner.findings]
    model = table(window, "inputTable").model()
    assert model.setData(model.index(123, 4), "nan")
    assert window.evaluation.rewritten_rows is not None  # the incremental path
    assert "non-finite" in [f.code for f in banner.findings]
    assert banner.isVisible()
    window.controller.undo_stack.undo()
    assert "non-finite" not in [f.code for f in banner.findings]


def test_rows_made_probabilities_one_by_one_end_in_the_softmax_finding(
    make_window, qtbot
):
    doc = new_document("CrossEntropyLoss")
    doc.resize(6, 2)
    doc.tensors["input"][...] = np.array([0.5, 0.5])
    doc.tensors["input"][5] = [3.0, -1.0]  # one row of logits
    window = make_window(doc)
    banner = _banner(window)
    assert "softmax-twice" not in [f.code for f in banner.findings]
    model = table(window, "inputTable").model()
    assert model.setData(model.index(5, 0), "0.25")
    assert "softmax-twice" not in [f.code for f in banner.findings]
    assert model.setData(model.index(5, 1), "0.75")
    assert "softmax-twice" in [f.code for f in banner.findings]
