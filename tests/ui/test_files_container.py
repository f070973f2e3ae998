"""Binary sessions in the window: Save As ``.lossgui``, Open, and the proposal."""

from __future__ import annotations

import zipfile
from unittest.mock import MagicMock

import numpy as np
from conftest import label
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from lossgui.io import session_binary
from lossgui.io.session_file import documents_equal
from lossgui.ui.file_session import CONTAINER_FILTER, JSON_FILTER


def action(window, name) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def test_save_as_container_then_open_round_trips(make_window, monkeypatch, tmp_path):
    window = make_window()
    window.controller.set_loss("CrossEntropyLoss")
    window.controller.set_cells("input", [0], [1], [np.nan])
    saved = window.controller.document.copy()
    path = tmp_path / "batch.lossgui"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", MagicMock(return_value=(str(path), ""))
    )
    action(window, "saveAsAction").trigger()
    assert zipfile.is_zipfile(path)
    assert not window.isWindowModified()
    assert window.windowTitle() == "batch.lossgui[*] — lossgui"

    other = make_window()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", MagicMock(return_value=(str(path), ""))
    )
    action(other, "openAction").trigger()
    assert documents_equal(other.controller.document, saved)
    assert label(other, "lossValue").text() == label(window, "lossValue").text()


def test_the_container_filter_adds_its_extension(make_window, monkeypatch, tmp_path):
    window = make_window()
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        MagicMock(return_value=(str(tmp_path / "run"), CONTAINER_FILTER)),
    )
    action(window, "saveAsAction").trigger()
    assert zipfile.is_zipfile(tmp_path / "run.lossgui")


def test_saving_a_large_json_session_proposes_the_container(
    make_window, monkeypatch, tmp_path
):
    window = make_window()
    window.files.sessions.save_to(tmp_path / "s.json")
    monkeypatch.setattr(session_binary, "LARGE_SESSION_VALUES", 2)
    dialog = MagicMock(return_value=("", ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    window.controller.set_setting("reduction", "sum")
    action(window, "saveAction").trigger()  # Save of a large JSON session asks
    _, _, start, filters, chosen = dialog.call_args.args
    assert start.endswith("s.lossgui")
    assert chosen == CONTAINER_FILTER
    assert JSON_FILTER in filters
    assert window.isWindowModified()  # cancelled: nothing saved
