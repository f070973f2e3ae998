"""The diagnostics banner flags a typed value that overflows float32."""

from __future__ import annotations

from conftest import label, table
from PySide6.QtWidgets import QFrame, QLabel, QPushButton

from lossgui.session import new_document


def test_1e39_typed_in_a_float32_cell_shows_the_banner_and_fixes(make_window):
    window = make_window(new_document("MultiLabelSoftMarginLoss"))
    banner = window.findChild(QFrame, "diagnosticsBanner")
    assert not banner.isVisible()
    model = table(window, "inputTable").model()
    assert model.setData(model.index(0, 1), "1e39")
    assert label(window, "lossValue").text() in ("nan", "inf")
    assert banner.isVisible()
    row = banner.findChild(QFrame, "finding_dtype-overflow")
    assert row is not None and row.isVisible()
    text = " ".join(lab.text() for lab in row.findChildren(QLabel))
    assert "input[0, 1] = 1e+39 overflows float32 to inf" in text
    use_float64 = window.findChild(QPushButton, "fix_dtype-overflow_0")
    clip = window.findChild(QPushButton, "fix_dtype-overflow_1")
    assert (use_float64.text(), clip.text()) == (
        "Use float64",
        "Clip to the float32 range",
    )
    use_float64.click()
    assert window.controller.document.dtype == "float64"
    assert label(window, "lossValue").text() not in ("nan", "inf")
    assert not banner.isVisible()
    window.controller.undo_stack.undo()  # back to float32: flagged again
    assert banner.isVisible()
    window.findChild(QPushButton, "fix_dtype-overflow_1").click()
    assert window.controller.document.dtype == "float32"
    assert label(window, "lossValue").text() not in ("nan", "inf")
    assert not banner.isVisible()
