"""File > Export CSV (Ctrl+E) with the save dialog patched."""

from __future__ import annotations

import csv
import json
from unittest.mock import MagicMock

import numpy as np
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from lossgui.engine import compute


def export_action(window) -> QAction:
    action = window.findChild(QAction, "exportCsvAction")
    assert action is not None
    return action


def test_export_action_writes_csv_and_summary(make_window, monkeypatch, tmp_path):
    window = make_window()
    target = tmp_path / "cat-dog.csv"
    dialog = MagicMock(return_value=(str(target), "CSV files (*.csv)"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    action = export_action(window)
    assert action.shortcut() == QKeySequence("Ctrl+E")
    assert action in window.window_actions.file_menu.actions()
    action.trigger()
    dialog.assert_called_once()
    with open(target, newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [float(r["input"]) for r in rows] == [-0.8, 0.7, 0.5]
    mean = compute(
        "BCEWithLogitsLoss", np.float32([-0.8, 0.7, 0.5]), np.float32([1, 0, 0])
    )
    np.testing.assert_array_equal(
        np.float32([float(r["grad"]) for r in rows]), mean.grad
    )
    summary = json.loads((tmp_path / "cat-dog.summary.json").read_text())
    assert summary["value"] == float(mean.value)
    assert "Exported 3 rows to cat-dog.csv" in window.statusBar().currentMessage()
    assert window.controller.undo_stack.count() == 0  # exporting changes nothing


def test_cancelled_dialog_writes_nothing(make_window, monkeypatch, tmp_path):
    window = make_window()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", MagicMock(return_value=("", ""))
    )
    export_action(window).trigger()
    assert list(tmp_path.glob("*.csv")) == []


def test_refused_input_is_explained(make_window, monkeypatch, tmp_path):
    window = make_window()
    window.controller.set_loss("BCELoss")
    window.controller.set_setting("input_mode", "raw")
    info = MagicMock()
    monkeypatch.setattr(QMessageBox, "information", info)
    dialog = MagicMock(return_value=(str(tmp_path / "x.csv"), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    export_action(window).trigger()
    assert "nothing to export" in info.call_args.args[2]
    dialog.assert_not_called()


def test_unwritable_path_gives_an_error_and_no_file(make_window, monkeypatch, tmp_path):
    window = make_window()
    folder = tmp_path / "out"
    blocked = folder / "taken.csv"
    blocked.mkdir(parents=True)  # a folder where the CSV should go
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", MagicMock(return_value=(str(blocked), ""))
    )
    critical = MagicMock()
    monkeypatch.setattr(QMessageBox, "critical", critical)
    export_action(window).trigger()
    critical.assert_called_once()
    assert "could not be written" in critical.call_args.args[2]
    assert sorted(p.name for p in folder.iterdir()) == ["taken.csv"]
    assert "Cannot export" in window.statusBar().currentMessage()
