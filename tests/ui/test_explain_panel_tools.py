"""Copy/verify with PyTorch, diagnostics with fixes, the compare table, SGD steps."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import label
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QDockWidget, QFrame, QPushButton, QTableWidget

from lossgui.session import new_document
from lossgui.session.loss_compare import compare
from lossgui.session.receipt import short


def action(window, name) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def test_copy_as_pytorch_puts_a_runnable_script_on_the_clipboard(make_window):
    window = make_window()
    copy = action(window, "copyTorchAction")
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    assert sum(copy in m.actions() for m in menus) == 2  # Edit and Tools
    copy.trigger()
    text = QGuiApplication.clipboard().text()
    assert "nn.BCEWithLogitsLoss(reduction='mean')" in text
    assert "torch.tensor([-0.8, 0.7, 0.5], dtype=torch.float32" in text
    assert "Copied a PyTorch script" in window.statusBar().currentMessage()
    compile(text, "<clipboard>", "exec")


def test_verify_with_pytorch_reports_the_differences(make_window, monkeypatch):
    pytest.importorskip("torch")
    shown = []
    for box in ("information", "warning"):
        monkeypatch.setattr(
            f"lossgui.ui.torch_actions.QMessageBox.{box}",
            lambda parent, title, text, box=box: shown.append((box, text)),
        )
    window = make_window(new_document("CrossEntropyLoss"))
    verify = action(window, "verifyTorchAction")
    assert verify.isEnabled()
    verify.trigger()
    result = window.understanding.torch.last_verification
    assert result.agree and result.value_difference <= 1e-6
    assert shown[0][0] == "information" and "agrees" in shown[0][1]


def test_diagnostic_banner_fix_is_one_undo_step(make_window):
    window = make_window()
    banner = window.findChild(QFrame, "diagnosticsBanner")
    assert banner is not None and not banner.isVisible()
    window.controller.set_cells("input", [0, 1, 2], [0, 0, 0], [0.9, 0.2, 0.1])
    assert banner.isVisible()
    button = window.findChild(QPushButton, "fix_probabilities-as-logits_0")
    assert button is not None
    before = float(window.evaluation.value)
    button.click()
    doc = window.controller.document
    assert (doc.loss, doc.input_mode) == ("BCELoss", "raw")
    assert float(window.evaluation.value) < before
    assert not banner.isVisible()
    window.controller.undo_stack.undo()
    assert window.controller.document.loss == "BCEWithLogitsLoss"
    assert banner.isVisible()


def test_compare_table_shows_compute_values(make_window, qtbot):
    window = make_window(new_document("CrossEntropyLoss"))
    dock = window.understanding.compare_dock
    assert isinstance(dock, QDockWidget)
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: window.understanding.compare.comparison is not None)
    table = window.findChild(QTableWidget, "compareTable")
    rows = compare(window.controller.document).rows
    assert table.rowCount() == len(rows)
    for r, row in enumerate(rows):
        assert table.item(r, 0).text() == row.label
        assert table.item(r, 1).text() == short(row.value, 5)
    window.controller.set_cells("input", [0], [3], [5.0])
    assert table.item(0, 1).text() == short(float(window.evaluation.value), 5)


def test_sgd_step_and_animation_go_through_the_undo_stack(make_window, qtbot):
    window = make_window()
    stack = window.controller.undo_stack
    sgd = window.understanding.compare.sgd
    start = window.controller.document.tensors["input"].copy()
    before = float(window.evaluation.value)
    window.findChild(QPushButton, "sgdStepButton").click()
    assert float(window.evaluation.value) < before
    stack.undo()
    np.testing.assert_array_equal(window.controller.document.tensors["input"], start)
    index = stack.index()
    sgd.steps_spin.setValue(3)
    sgd.timer.setInterval(1)
    sgd.animate_button.setChecked(True)
    qtbot.waitUntil(lambda: not sgd.animate_button.isChecked(), timeout=3000)
    assert stack.index() == index + 1  # three steps, one undo step
    assert stack.undoText().startswith("3 SGD steps")
    stack.undo()
    np.testing.assert_array_equal(window.controller.document.tensors["input"], start)
    action(window, "sgdStepAction").trigger()
    assert "SGD step" in window.statusBar().currentMessage()


def test_sgd_waits_while_a_background_job_holds_editing_off(make_window, qtbot):
    window = make_window()
    stack = window.controller.undo_stack
    sgd = window.understanding.compare.sgd
    start = window.controller.document.tensors["input"].copy()
    window.controller.read_only = True  # as the background runner sets it
    assert not sgd.step()
    assert stack.count() == 0
    np.testing.assert_array_equal(window.controller.document.tensors["input"], start)
    assert "background job" in window.statusBar().currentMessage()
    sgd.steps_spin.setValue(3)
    sgd.timer.setInterval(1)
    sgd.animate_button.setChecked(True)  # the animation stops at once
    qtbot.waitUntil(lambda: not sgd.animate_button.isChecked(), timeout=3000)
    assert stack.count() == 0
    window.controller.read_only = False
    assert sgd.step() and stack.count() == 1


def test_sgd_refuses_sessions_torch_rejects(make_window):
    window = make_window()
    window.controller.set_setting("input_mode", "raw")
    window.controller.set_loss("BCELoss")
    window.understanding.compare.sgd.step()
    assert "refused" in window.statusBar().currentMessage()
    assert label(window, "lossValue").text() == "error"


def test_large_batches_compare_on_request(make_window, qtbot):
    window = make_window()
    panel = window.understanding.compare
    window.understanding.compare_dock.show()
    window.understanding.compare_dock.raise_()
    qtbot.waitUntil(lambda: panel.comparison is not None)
    window.controller.resize(150_000, 1)
    assert panel.comparison.samples == 3  # not recomputed automatically
    panel.findChild(QPushButton, "compareRefresh").click()
    assert panel.comparison.samples == 150_000
