"""Honest document state: ``*`` and save questions follow unsaved user work only.

Opening an example, New and opening a file are each one undo step: exploring
never asks, Ctrl+Z brings back the previous document with its typed work,
and closing asks about every document whose work would be lost.
"""

from __future__ import annotations

import os
import time

import numpy as np
import pytest
from conftest import answer

from lossgui.io.session_file import write_session
from lossgui.session import new_document


def open_example(window, stem):
    window.files.example_actions[stem].trigger()


def typed(window):
    return float(window.controller.document.tensors["input"][0])


def test_exploring_examples_never_asks_and_undo_returns_the_typed_work(
    make_window, monkeypatch
):
    window = make_window()
    asked = answer(monkeypatch, "cancel")
    model = window.tensor_panel.views()[0].model()
    assert model.setData(model.index(0, 0), "2.5")
    assert window.isWindowModified()
    open_example(window, "003-crossentropy-five-classes")
    assert not window.isWindowModified()
    open_example(window, "004-mse")
    open_example(window, "001-kldiv-distillation")
    assert asked == []
    assert not window.isWindowModified()
    stack = window.controller.undo_stack
    for loss in ("MSELoss", "CrossEntropyLoss"):
        stack.undo()
        assert window.controller.document.loss == loss
        assert not window.isWindowModified()
    stack.undo()  # the typed value is back, still unsaved
    assert typed(window) == 2.5
    assert window.isWindowModified()
    assert "cat/dog" in window.windowTitle()


def test_an_edit_in_an_example_is_modified_until_undone(make_window):
    window = make_window()
    open_example(window, "004-mse")
    window.controller.set_setting("reduction", "sum")
    assert window.isWindowModified()
    window.controller.undo_stack.undo()
    assert not window.isWindowModified()


def test_a_saved_file_is_clean_again_after_undoing_an_example(make_window, tmp_path):
    window = make_window()
    window.controller.set_setting("reduction", "sum")
    window.files.sessions.save_to(tmp_path / "mine.json")
    open_example(window, "004-mse")
    window.files.sessions.save_to(tmp_path / "mse.json")  # Qt's clean state moves
    window.controller.undo_stack.undo()
    assert window.windowTitle() == "mine.json[*] — lossgui"
    assert not window.isWindowModified()
    window.controller.set_setting("reduction", "none")  # never merged into the save
    assert window.isWindowModified()
    window.controller.undo_stack.undo()
    assert not window.isWindowModified()
    window.controller.undo_stack.redo()
    window.controller.undo_stack.redo()
    assert window.controller.document.reduction == "none"  # the redo tail was cut
    assert window.isWindowModified()


@pytest.fixture
def autosave_folder(tmp_path, monkeypatch):
    folder = tmp_path / "autosave"
    monkeypatch.setenv("LOSSGUI_AUTOSAVE_DIR", str(folder))
    return folder


def leave_orphan(folder, doc):
    """An autosave file of a lossgui process that no longer runs."""
    pid = 4_000_000
    while pid < 4_100_000:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        except PermissionError:
            pass
        pid += 1
    folder.mkdir(parents=True, exist_ok=True)
    info = {"path": None, "title": "", "saved_at": time.time(), "pid": pid}
    write_session(folder / f"autosave-{pid}.json", doc, autosave=info)


def test_after_recovery_later_documents_open_clean(
    make_window, monkeypatch, autosave_folder, tmp_path
):
    rescued = new_document("HuberLoss")
    rescued.tensors["input"][0] = 7.0
    leave_orphan(autosave_folder, rescued)
    window = make_window()
    asked = answer(monkeypatch, "cancel")
    assert window.files.autosave.recover()
    assert window.controller.document.loss == "HuberLoss"
    assert window.isWindowModified()  # recovered work is unsaved
    open_example(window, "003-crossentropy-five-classes")
    assert not window.isWindowModified()
    window.window_actions.new_action.trigger()
    assert not window.isWindowModified()
    write_session(tmp_path / "other.json", new_document("MSELoss"))
    assert window.files.sessions.open_path(tmp_path / "other.json")
    assert not window.isWindowModified()
    assert asked == []
    stack = window.controller.undo_stack
    while stack.canUndo():
        stack.undo()
    assert window.controller.document.loss == "HuberLoss"
    assert window.isWindowModified()  # the rescued work is still unsaved


def test_closing_asks_about_work_left_behind_an_example(make_window, monkeypatch):
    window = make_window()
    window.controller.set_cells("input", [0], [0], [np.float64(4.0)])
    open_example(window, "004-mse")
    assert not window.isWindowModified()
    asked = answer(monkeypatch, "cancel")
    assert not window.close()
    assert len(asked) == 1 and "cat/dog" in asked[0]
    assert window.controller.document.loss == "MSELoss"  # back where the user was
    asked = answer(monkeypatch, "discard")
    assert window.close()
    assert len(asked) == 1


def test_closing_asks_nothing_when_every_document_is_clean(make_window, monkeypatch):
    window = make_window()
    open_example(window, "004-mse")
    open_example(window, "004-l1")
    asked = answer(monkeypatch, "cancel")
    assert window.close()
    assert asked == []


def test_set_clean_from_outside_means_nothing_to_save(make_window, monkeypatch):
    window = make_window()
    window.controller.set_setting("reduction", "sum")
    window.controller.undo_stack.setClean()  # as the screenshot tools do
    assert not window.isWindowModified()
    asked = answer(monkeypatch, "cancel")
    assert window.close()
    assert asked == []
