"""Copy as PyTorch for a loss with no PyTorch form: a warning, not a crash."""

from __future__ import annotations

from conftest import select_loss
from PySide6.QtGui import QAction, QGuiApplication

import lossgui.session.snippet_defs as snippet_defs


def test_missing_definition_warns_and_keeps_the_clipboard(make_window, monkeypatch):
    window = make_window()
    select_loss(window, "LogCoshLoss")
    monkeypatch.delitem(snippet_defs.DEFINITIONS, "LogCoshLoss")
    warnings: list[str] = []
    monkeypatch.setattr(
        "lossgui.ui.torch_actions.QMessageBox.warning",
        lambda parent, title, text: warnings.append(text),
    )
    QGuiApplication.clipboard().setText("what the user copied before")

    window.findChild(QAction, "copyTorchAction").trigger()

    assert QGuiApplication.clipboard().text() == "what the user copied before"
    assert len(warnings) == 1
    assert "LogCoshLoss" in warnings[0]
    assert "not part of torch.nn" in warnings[0]
    assert window.understanding.torch.last_snippet == ""
    assert "LogCoshLoss" in window.statusBar().currentMessage()


def test_a_loss_with_a_definition_still_copies(make_window):
    window = make_window()
    select_loss(window, "LogCoshLoss")
    window.findChild(QAction, "copyTorchAction").trigger()
    code = window.understanding.torch.last_snippet
    assert "def log_cosh_loss" in code
    assert QGuiApplication.clipboard().text() == code
