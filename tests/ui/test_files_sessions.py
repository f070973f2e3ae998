"""Sessions in the window: save/open, [*] for unsaved changes, prompts, recents."""

from __future__ import annotations

from unittest.mock import MagicMock

import numpy as np
from conftest import answer, label
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from lossgui.io.session_file import documents_equal, write_session
from lossgui.session import new_document


def action(window, name) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def test_save_then_open_gives_the_same_session(make_window, monkeypatch, tmp_path):
    window = make_window()
    window.controller.set_loss("CrossEntropyLoss")
    window.controller.set_setting("param.label_smoothing", 0.2)
    window.controller.set_cells("input", [0], [1], [np.nan])
    saved = window.controller.document.copy()
    path = tmp_path / "ce"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", MagicMock(return_value=(str(path), ""))
    )
    action(window, "saveAction").trigger()  # untitled: Save asks for a name
    assert (tmp_path / "ce.json").is_file()  # the suffix is added
    assert not window.isWindowModified()
    assert window.windowTitle() == "ce.json[*] — lossgui"

    other = make_window()
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        MagicMock(return_value=(str(tmp_path / "ce.json"), "")),
    )
    action(other, "openAction").trigger()
    assert documents_equal(other.controller.document, saved)
    assert other.controller.undo_stack.count() == 1  # opening is one undo step
    assert not other.isWindowModified()
    assert label(other, "lossValue").text() == label(window, "lossValue").text()


def test_modified_flag_follows_the_undo_stack(make_window, tmp_path):
    window = make_window()
    stack = window.controller.undo_stack
    assert not window.isWindowModified()
    assert window.windowTitle().endswith("[*] — Article 1 — lossgui")
    window.controller.set_setting("reduction", "sum")
    assert window.isWindowModified()
    stack.undo()
    assert not window.isWindowModified()
    stack.redo()
    window.files.sessions.save_to(tmp_path / "s.json")
    assert not window.isWindowModified()
    window.controller.set_setting(
        "reduction", "none"
    )  # never merged into the saved step
    assert window.isWindowModified()
    stack.undo()
    assert not window.isWindowModified()


def test_new_is_one_undo_step_and_asks_nothing(make_window, monkeypatch, tmp_path):
    window = make_window()
    window.files.sessions.save_to(tmp_path / "mine.json")
    window.controller.set_loss("HuberLoss")
    asked = answer(monkeypatch, "cancel")
    window.window_actions.new_action.trigger()
    assert asked == []
    assert window.controller.document.loss == "BCEWithLogitsLoss"
    assert not window.isWindowModified()
    window.controller.undo_stack.undo()  # back to the edited mine.json
    assert window.controller.document.loss == "HuberLoss"
    assert window.windowTitle() == "mine.json[*] — lossgui"
    assert window.isWindowModified()


def test_no_question_without_changes(make_window, monkeypatch):
    window = make_window()
    asked = answer(monkeypatch, "cancel")
    window.window_actions.new_action.trigger()
    assert asked == []


def test_closing_with_changes_can_be_cancelled(make_window, monkeypatch):
    window = make_window()
    window.controller.set_setting("reduction", "sum")
    answer(monkeypatch, "cancel")
    assert not window.close()
    assert window.isVisible()
    answer(monkeypatch, "discard")
    assert window.close()


def test_open_is_one_undo_step_and_keeps_the_edits(make_window, monkeypatch, tmp_path):
    window = make_window()
    write_session(tmp_path / "other.json", new_document("MSELoss"))
    window.controller.set_loss("HuberLoss")
    asked = answer(monkeypatch, "cancel")
    dialog = MagicMock(return_value=(str(tmp_path / "other.json"), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
    action(window, "openAction").trigger()
    assert asked == []
    assert window.controller.document.loss == "MSELoss"
    assert window.windowTitle() == "other.json[*] — lossgui"
    assert not window.isWindowModified()
    window.controller.undo_stack.undo()
    assert window.controller.document.loss == "HuberLoss"
    assert window.isWindowModified()


BAD_SESSIONS = {
    "future": (
        '{"format": "lossgui-session", "version": 7, "loss": "MSELoss"}',
        "newer lossgui",
    ),
    "truncated": (
        '{"format": "lossgui-session", "version": 1, "loss": "MSE',
        "truncated",
    ),
    "unknown loss": (
        '{"format": "lossgui-session", "version": 1, "loss": "Nope", "tensors": {}}',
        "unknown loss",
    ),
    "not a session": ("[1, 2, 3]", "not a lossgui session"),
}


def test_bad_session_files_leave_the_window_untouched(
    make_window, monkeypatch, tmp_path
):
    window = make_window()
    window.controller.set_loss("HuberLoss")
    before = window.controller.document.copy()
    for kind, (text, problem) in BAD_SESSIONS.items():
        path = tmp_path / "bad.json"
        path.write_text(text)
        warning = MagicMock()
        monkeypatch.setattr(QMessageBox, "warning", warning)
        assert not window.files.sessions.open_path(path), kind
        assert problem in warning.call_args.args[2], kind
        assert "unchanged" in warning.call_args.args[2], kind
        assert documents_equal(window.controller.document, before), kind
        assert window.controller.undo_stack.count() == 1, kind  # still undoable
        assert window.isWindowModified(), kind


def test_unwritable_save_gives_an_error(make_window, monkeypatch, tmp_path):
    window = make_window()
    window.controller.set_setting("reduction", "sum")
    critical = MagicMock()
    monkeypatch.setattr(QMessageBox, "critical", critical)
    assert not window.files.sessions.save_to(tmp_path / "missing" / "s.json")
    critical.assert_called_once()
    assert window.isWindowModified()
    assert not (tmp_path / "missing").exists()


def test_recent_files_menu(make_window, tmp_path):
    window = make_window()
    for name in ("a.json", "b.json"):
        window.files.sessions.save_to(tmp_path / name)
    menu = window.files.recent_menu
    menu.aboutToShow.emit()
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:2] == ["&1 b.json", "&2 a.json"]
    window.controller.set_loss("MSELoss")
    window.files.sessions.save_to(tmp_path / "c.json")
    menu.actions()[1].trigger()  # a.json (saved as BCEWithLogitsLoss)
    assert window.controller.document.loss == "BCEWithLogitsLoss"
    assert window.windowTitle().startswith("a.json")
