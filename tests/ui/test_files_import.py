"""Importing arrays, pasted tensors and dropped files; bad files change nothing."""

from __future__ import annotations

from unittest.mock import MagicMock

import numpy as np
from conftest import label, table
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from lossgui.io.session_file import documents_equal, write_session
from lossgui.session import new_document
from lossgui.session.number_format import fmt
from lossgui.ui.file_assign_dialog import AssignDialog
from lossgui.ui.file_paste_dialog import PasteTensorDialog


def accept_dialogs(monkeypatch, cls, seen=None):
    """Make ``cls.exec`` accept at once (recording the dialog)."""

    def exec_(self):
        if seen is not None:
            seen.append(self)
        self.accept()
        return self.result()

    monkeypatch.setattr(cls, "exec", exec_)


def test_import_npz_through_the_dialog(make_window, monkeypatch, tmp_path):
    window = make_window()
    window.controller.set_loss("CrossEntropyLoss")
    logits = np.random.default_rng(1).normal(size=(6, 4)).astype(np.float32)
    np.savez(tmp_path / "batch.npz", logits=logits, labels=np.array([0, 1, 2, 3, 0, 1]))
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        MagicMock(return_value=(str(tmp_path / "batch.npz"), "")),
    )
    seen = []
    accept_dialogs(monkeypatch, AssignDialog, seen)
    window.findChild(QAction, "importArraysAction").trigger()
    dialog = seen[0]
    assert dialog.combos["input"].currentData() == "logits"  # guessed from the names
    assert dialog.combos["target"].currentData() == "labels"
    assert dialog.combos["weight"].currentData() is None
    doc = window.controller.document
    np.testing.assert_array_equal(doc.tensors["input"], logits.astype(np.float64))
    assert doc.tensors["target"].tolist() == [0, 1, 2, 3, 0, 1]
    assert table(window, "resultTable").model().rowCount() == 6
    assert window.isWindowModified()
    window.controller.undo_stack.undo()  # the import is one undo step
    assert window.controller.document.rows == 3


def test_assign_dialog_refuses_arrays_that_do_not_fit(qtbot):
    doc = new_document("CrossEntropyLoss")
    dialog = AssignDialog(doc, {"logits": np.zeros((4, 5)), "y": np.zeros(3)}, "f.npz")
    qtbot.addWidget(dialog)
    dialog.combos["target"].setCurrentIndex(dialog.combos["target"].findData("y"))
    assert dialog.result_document is None
    assert "needs (4,)" in dialog.status.text()
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    dialog.combos["target"].setCurrentIndex(0)  # keep current: padded to 4 rows
    assert "N = 4, C = 5" in dialog.status.text()
    assert ok.isEnabled()
    dialog.accept()
    assert dialog.result_document.tensors["target"].tolist() == [3, 0, 2, 0]


def test_csv_dropped_on_the_target_grid(make_window, tmp_path):
    window = make_window()
    path = tmp_path / "labels.csv"
    path.write_text("1\n1\n0\n")
    grid = table(window, "targetTable")
    pos = grid.viewport().mapTo(window, grid.viewport().rect().center())
    assert window.files.drop.drop(path, pos)
    assert window.controller.document.tensors["target"].tolist() == [1.0, 1.0, 0.0]
    assert window.controller.document.tensors["input"].tolist() == [-0.8, 0.7, 0.5]


def test_dropped_session_opens(make_window, tmp_path):
    window = make_window()
    write_session(tmp_path / "mse.json", new_document("MSELoss"))
    assert window.files.drop.drop(tmp_path / "mse.json")
    assert window.controller.document.loss == "MSELoss"


def test_paste_as_tensor_reads_a_torch_repr(make_window, monkeypatch):
    window = make_window()
    window.controller.set_loss("CrossEntropyLoss")
    QGuiApplication.clipboard().setText(
        "tensor([[2.0000, 3.0000, 0.1000]], dtype=torch.float64, requires_grad=True)"
    )
    accept_dialogs(monkeypatch, PasteTensorDialog)
    window.findChild(QAction, "pasteTensorAction").trigger()
    doc = window.controller.document
    assert doc.tensors["input"].tolist() == [[2.0, 3.0, 0.1]]
    assert doc.dtype == "float64"  # named in the repr
    QGuiApplication.clipboard().setText("[1]")
    dialog = PasteTensorDialog(doc, "target", window)
    assert "→ target" in dialog.status.text()
    dialog.accept()
    window.files.importer._apply(dialog.result_document, "Paste as tensor")
    shown = label(window, "lossValue").text()
    assert shown == fmt(window.evaluation.value[()])  # the window's one precision
    assert round(float(shown), 4) == 0.3527  # the article's number


def test_paste_dialog_refuses_bad_text(qtbot):
    QGuiApplication.clipboard().setText("array([1, 2, ...])")
    dialog = PasteTensorDialog(new_document("MSELoss"), "input")
    qtbot.addWidget(dialog)
    assert dialog.result_document is None and "abbreviated" in dialog.status.text()
    dialog.text.setPlainText("__import__('os')")
    assert "not a number" in dialog.status.text()


def _npy_pickle(path):
    np.save(path, np.array([{"a": 1}], dtype=object), allow_pickle=True)


def _npy_truncated(path):
    np.save(path, np.arange(1000.0))
    path.write_bytes(path.read_bytes()[:200])


def _npy_gigantic(path):
    header = np.lib.format.header_data_from_array_1_0(np.zeros(1))
    header["shape"] = (10**8, 10**8)
    with path.open("wb") as stream:
        np.lib.format.write_array_header_1_0(stream, header)


BAD_FILES = {
    "pickled.npy": (_npy_pickle, "pickle"),
    "truncated.npy": (_npy_truncated, "damaged or truncated"),
    "gigantic.npy": (_npy_gigantic, "the limit is"),
    "nan.npy": (
        lambda p: np.save(p, np.full(3, np.nan)),
        "every value of 'input' is NaN",
    ),
    "shape.npy": (lambda p: np.save(p, np.zeros((2, 3, 4))), "3 dimensions"),
    "dtype.npy": (lambda p: np.save(p, np.array(["a", "b"])), "numbers"),
    "ragged.csv": (lambda p: p.write_text("1,2\n3\n"), "line 2 has 1 values"),
    "future.json": (
        lambda p: p.write_text('{"format": "lossgui-session", "version": 9}'),
        "newer lossgui",
    ),
}


def test_bad_files_are_explained_and_change_nothing(make_window, monkeypatch, tmp_path):
    """One window, every kind of bad file (a window costs more than a file)."""
    window = make_window()
    before = window.controller.document.copy()
    for name, (make, problem) in sorted(BAD_FILES.items()):
        path = tmp_path / name
        make(path)
        warning = MagicMock()
        monkeypatch.setattr(QMessageBox, "warning", warning)
        assert not window.files.drop.drop(path), name
        warning.assert_called_once()
        assert problem in warning.call_args.args[2], name
        assert documents_equal(window.controller.document, before), name
        assert window.controller.undo_stack.count() == 0, name
        assert not window.isWindowModified(), name


def test_wrong_shape_for_the_target_is_explained(make_window, monkeypatch, tmp_path):
    window = make_window()
    np.save(tmp_path / "t.npy", np.zeros(7))
    warning = MagicMock()
    monkeypatch.setattr(QMessageBox, "warning", warning)
    grid = table(window, "targetTable")
    pos = grid.viewport().mapTo(window, grid.viewport().rect().center())
    assert not window.files.drop.drop(tmp_path / "t.npy", pos)
    assert "shape (7,), but it needs (3,)" in warning.call_args.args[2]
    assert window.controller.undo_stack.count() == 0


def test_cancelled_assignment_changes_nothing(make_window, monkeypatch, tmp_path):
    window = make_window()
    np.savez(tmp_path / "two.npz", a=np.zeros(3), b=np.ones(3))
    monkeypatch.setattr(AssignDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert not window.files.importer.import_file(tmp_path / "two.npz")
    assert window.controller.undo_stack.count() == 0


def test_drag_events_reach_the_window(make_window, tmp_path, qtbot):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    window = make_window()
    np.save(tmp_path / "labels.npy", np.array([0.0, 1.0, 1.0]))
    grid = table(window, "targetTable")
    pos = QPointF(grid.viewport().mapTo(window, grid.viewport().rect().center()))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "labels.npy"))])
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(
        pos.toPoint(), Qt.DropAction.CopyAction, mime, buttons, mods
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.docx"))])
    refused = QDragEnterEvent(
        pos.toPoint(), Qt.DropAction.CopyAction, other, buttons, mods
    )
    refused.ignore()
    QApplication.sendEvent(window, refused)
    assert not refused.isAccepted()
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(window, drop)
    assert window.controller.document.tensors["target"].tolist() == [0.0, 1.0, 1.0]
