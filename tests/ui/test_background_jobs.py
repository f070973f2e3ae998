"""Long work runs in a worker thread: progress, Cancel, scrolling, errors.

The thresholds are lowered and the slow parts replaced by jobs that wait on
an event the test releases, so nothing here depends on timing.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
from conftest import label, table
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from lossgui.io import session_file
from lossgui.io.errors import FileFormatError
from lossgui.session import SessionDocument, startup_document
from lossgui.ui import background

#: A test never waits longer for a gate than this (seconds).
GATE_SECONDS = 10


@pytest.fixture
def gate():
    """An event worker jobs wait on; released at the end of the test."""
    event = threading.Event()
    yield event
    event.set()


def worker_waits(gate: threading.Event) -> None:
    """Block until released, but only in a worker thread."""
    if threading.current_thread() is not threading.main_thread():
        assert gate.wait(GATE_SECONDS)


def gated(monkeypatch, owner, name: str, gate: threading.Event) -> None:
    """Make ``owner.name`` wait for ``gate`` (in a worker thread) before it runs."""
    original = getattr(owner, name)

    def waiting(*args, **kwargs):
        worker_waits(gate)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, waiting)


@pytest.fixture
def slow_evaluation(monkeypatch, gate):
    """Large documents evaluate in the worker, which waits for ``gate``."""
    monkeypatch.setattr(background, "EVALUATION_VALUES", 5)
    gated(monkeypatch, SessionDocument, "evaluate", gate)
    return gate


def big_document() -> SessionDocument:
    doc = startup_document()
    doc.resize(40, 3)
    doc.tensors["input"][...] = np.linspace(-2, 2, 120).reshape(40, 3)
    return doc


def out_dir(tmp_path):
    """A folder of its own for written files (the settings live in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir(exist_ok=True)
    return folder


def click_cancel(window, qtbot) -> None:
    """Wait for the status-bar indicator, then press its Cancel button."""
    indicator = window.background.indicator
    qtbot.waitUntil(indicator.isVisible)
    assert indicator.label.text()  # it says what runs
    qtbot.mouseClick(indicator.cancel, Qt.MouseButton.LeftButton)


def finish(window, qtbot, gate) -> None:
    """Let every worker end (abandoned ones too)."""
    gate.set()
    qtbot.waitUntil(lambda: window.background.idle)


# ----------------------------------------------------------------- evaluation
def test_large_evaluation_runs_in_background_and_shows_when_done(
    make_window, qtbot, slow_evaluation
):
    window = make_window(big_document())
    before = window.evaluation
    shown = label(window, "lossValue").text()
    window.controller.set_setting("reduction", "sum")
    # the views keep the previous evaluation while the worker runs
    assert window.background.busy
    assert window.evaluation is before
    assert label(window, "lossValue").text() == shown
    # edits are held off: no editor opens, the controller changes nothing
    model = table(window, "inputTable").model()
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not window.controls_dock.widget().isEnabled()
    assert not window.window_actions.undo_action.isEnabled()
    window.controller.set_cells("input", [0], [0], [9.0])
    assert not model.setData(model.index(0, 0), "9")
    assert model.clear_ranges([(0, 0, 1, 1)]) == 0
    assert window.controller.document.tensors["input"][0, 0] == -2.0
    finish(window, qtbot, slow_evaluation)
    assert window.evaluation is not before
    assert window.evaluation.reduction == "sum"
    expected = window.evaluation.result.loss.elementwise.sum()
    assert np.isclose(float(window.evaluation.result.loss.value), expected)
    assert label(window, "lossValue").text() != shown
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert window.controls_dock.widget().isEnabled()
    assert window.window_actions.undo_action.isEnabled()


def test_cancelled_evaluation_undoes_the_change(make_window, qtbot, slow_evaluation):
    window = make_window(big_document())
    before = window.evaluation
    shown = label(window, "lossValue").text()
    steps = window.controller.undo_stack.count()
    window.controller.set_loss("MSELoss")
    assert window.controller.document.loss == "MSELoss"
    click_cancel(window, qtbot)
    doc = window.controller.document
    assert doc.loss == "BCEWithLogitsLoss"  # the change was undone
    assert window.controller.undo_stack.index() == steps
    assert window.evaluation is before
    assert label(window, "lossValue").text() == shown
    assert "cancelled" in window.statusBar().currentMessage()
    assert not window.background.busy
    assert not window.controller.read_only
    finish(window, qtbot, slow_evaluation)  # the abandoned result is dropped
    assert window.evaluation is before
    # editing works again, and the undone step can be redone
    window.controller.set_cells("input", [0], [0], [1.5])
    assert doc.tensors["input"][0, 0] == 1.5


def test_cancelled_undo_is_redone(make_window, qtbot, slow_evaluation):
    window = make_window(big_document())
    window.controller.set_setting("reduction", "sum")
    finish(window, qtbot, slow_evaluation)
    slow_evaluation.clear()
    summed = window.evaluation
    window.controller.undo_stack.undo()  # back to 'mean': evaluated again
    assert window.background.busy
    click_cancel(window, qtbot)
    assert window.controller.document.setting("reduction") == "sum"
    assert window.evaluation is summed
    finish(window, qtbot, slow_evaluation)


def test_a_newer_change_supersedes_a_running_evaluation(
    make_window, qtbot, slow_evaluation
):
    window = make_window(big_document())
    window.controller.set_setting("reduction", "sum")
    window.controller.undo_stack.undo()  # not held off: the stack itself
    finish(window, qtbot, slow_evaluation)
    assert window.evaluation.reduction == "mean"  # the older result was dropped


def test_evaluation_error_is_reported(make_window, qtbot, monkeypatch, gate):
    window = make_window(big_document())
    monkeypatch.setattr(background, "EVALUATION_VALUES", 5)
    before = window.evaluation

    def broken(self, progress=None):
        worker_waits(gate)
        raise RuntimeError("engine bug")

    monkeypatch.setattr(SessionDocument, "evaluate", broken)
    window.controller.set_setting("reduction", "sum")
    finish(window, qtbot, gate)
    assert "Internal error: RuntimeError: engine bug" in (
        window.statusBar().currentMessage()
    )
    assert window.evaluation is before
    assert not window.controller.read_only


def test_window_does_not_close_while_a_job_runs(make_window, qtbot, slow_evaluation):
    window = make_window(big_document())
    window.controller.set_setting("reduction", "sum")
    window.close()
    assert window.isVisible()
    assert window.background.indicator.isVisible()  # shown at once
    finish(window, qtbot, slow_evaluation)


# ------------------------------------------------------------------ scrolling
def test_grids_scroll_while_a_job_runs(make_window, qtbot, gate):
    doc = startup_document()
    doc.resize(2000, 2)
    window = make_window(doc)
    view = table(window, "inputTable")
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    seen = {}

    def during_job():
        seen["busy"] = window.background.busy
        QTest.keyClick(view, Qt.Key.Key_PageDown)
        QTest.keyClick(view, Qt.Key.Key_PageDown)
        seen["scrolled"] = view.verticalScrollBar().value()
        seen["row"] = view.currentIndex().row()
        gate.set()

    QTimer.singleShot(0, during_job)
    result = window.background.run(
        "test job", lambda progress: (worker_waits(gate), progress(1.0), 7)[-1]
    )
    assert result == 7
    assert seen["busy"]
    assert seen["scrolled"] > 0 and seen["row"] > 0


def test_run_re_raises_the_job_exception(make_window, qtbot):
    window = make_window()

    def job(progress):
        raise FileFormatError("bad file")

    with pytest.raises(FileFormatError, match="bad file"):
        window.background.run("test job", job)
    assert not window.background.busy
    assert not window.controller.read_only


def test_a_superseded_waiting_job_returns_cancelled(make_window, qtbot, gate):
    window = make_window()
    QTimer.singleShot(0, lambda: window.background.cancel(quiet=True))
    with pytest.raises(background.Cancelled):
        window.background.run("test job", lambda progress: worker_waits(gate))
    assert not window.background.busy
    finish(window, qtbot, gate)


# ---------------------------------------------------------------------- files
def test_large_open_reads_and_evaluates_in_background(
    make_window, qtbot, monkeypatch, tmp_path, slow_evaluation
):
    path = tmp_path / "big.lossgui"
    session_file.write_session(path, big_document())
    monkeypatch.setattr(background, "BACKGROUND_BYTES", 0)
    window = make_window()
    QTimer.singleShot(0, slow_evaluation.set)
    assert window.files.sessions.open_path(path)
    assert window.controller.document.rows == 40
    assert window.evaluation.inputs[0][1].shape == (40, 3)  # evaluated in the worker
    assert window.files.sessions.display_name() == "big.lossgui"


def test_cancelled_open_leaves_the_session(
    make_window, qtbot, monkeypatch, tmp_path, slow_evaluation
):
    path = tmp_path / "big.lossgui"
    session_file.write_session(path, big_document())
    monkeypatch.setattr(background, "BACKGROUND_BYTES", 0)
    window = make_window()
    before = window.controller.document.copy()
    steps = window.controller.undo_stack.count()
    QTimer.singleShot(0, lambda: click_cancel(window, qtbot))
    assert not window.files.sessions.open_path(path)
    assert session_file.documents_equal(window.controller.document, before)
    assert window.controller.undo_stack.count() == steps
    assert "cancelled" in window.statusBar().currentMessage()
    finish(window, qtbot, slow_evaluation)
    assert window.controller.document.rows == before.rows


def test_refused_file_in_background_is_explained(
    make_window, qtbot, monkeypatch, tmp_path
):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    monkeypatch.setattr(background, "BACKGROUND_BYTES", 0)
    warnings = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda *args, **kwargs: warnings.append(args)
    )
    window = make_window()
    before = window.controller.document.copy()
    assert not window.files.sessions.open_path(path)
    assert len(warnings) == 1 and "broken.json" in warnings[0][2]
    assert "Cannot open broken.json" in window.statusBar().currentMessage()
    assert session_file.documents_equal(window.controller.document, before)


def test_cancelled_save_leaves_no_file(make_window, qtbot, monkeypatch, tmp_path, gate):
    monkeypatch.setattr(background, "BACKGROUND_VALUES", 0)
    gated(monkeypatch, session_file, "write_session", gate)
    window = make_window()
    path = out_dir(tmp_path) / "session.lossgui"
    QTimer.singleShot(0, lambda: click_cancel(window, qtbot))
    assert not window.files.sessions.save_to(path)
    assert "cancelled" in window.statusBar().currentMessage()
    finish(window, qtbot, gate)  # the abandoned write finishes and is removed
    assert list(out_dir(tmp_path).iterdir()) == []
    assert window.files.sessions.path is None  # still untitled


def test_failed_background_save_leaves_no_file(
    make_window, qtbot, monkeypatch, tmp_path
):
    monkeypatch.setattr(background, "BACKGROUND_VALUES", 0)
    critical = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda *args, **kwargs: critical.append(args)
    )

    def full_disk(path, doc, *args, **kwargs):
        with open(path, "w") as stream:  # a partial file, as a full disk leaves
            stream.write("{")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(session_file, "write_session", full_disk)
    window = make_window()
    assert not window.files.sessions.save_to(out_dir(tmp_path) / "session.json")
    assert len(critical) == 1 and "No space left on device" in critical[0][2]
    assert list(out_dir(tmp_path).iterdir()) == []


def test_background_save_writes_the_file(make_window, qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(background, "BACKGROUND_VALUES", 0)
    window = make_window(big_document())
    path = out_dir(tmp_path) / "session.lossgui"
    assert window.files.sessions.save_to(path)
    assert [p.name for p in out_dir(tmp_path).iterdir()] == ["session.lossgui"]
    loaded = session_file.read_session(path)
    assert session_file.documents_equal(loaded.document, window.controller.document)


def test_cancelled_import_leaves_the_session(
    make_window, qtbot, monkeypatch, tmp_path, gate
):
    from lossgui.io import arrays

    path = tmp_path / "preds.npy"
    np.save(path, np.zeros(4))
    monkeypatch.setattr(background, "BACKGROUND_BYTES", 0)
    gated(monkeypatch, arrays, "load_arrays", gate)
    window = make_window()
    before = window.controller.document.copy()
    steps = window.controller.undo_stack.count()
    QTimer.singleShot(0, lambda: click_cancel(window, qtbot))
    assert not window.files.importer.import_file(path)
    assert "cancelled" in window.statusBar().currentMessage()
    finish(window, qtbot, gate)
    assert session_file.documents_equal(window.controller.document, before)
    assert window.controller.undo_stack.count() == steps


def test_cancelled_export_writes_nothing(
    make_window, qtbot, monkeypatch, tmp_path, gate
):
    from PySide6.QtWidgets import QFileDialog

    from lossgui.io import csv_export

    monkeypatch.setattr(background, "BACKGROUND_VALUES", 0)
    path = out_dir(tmp_path) / "out.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), "")
    )
    original = csv_export.write_export

    def slow_export(file, evaluation, progress=None):
        def waiting(fraction):  # the writer polls; wait for Cancel first
            worker_waits(gate)
            return progress(fraction)

        return original(file, evaluation, waiting)

    monkeypatch.setattr(csv_export, "write_export", slow_export)
    window = make_window()

    def cancel():
        click_cancel(window, qtbot)
        gate.set()

    QTimer.singleShot(0, cancel)
    from lossgui.ui.file_export import export_csv

    assert export_csv(window) is None
    assert "cancelled" in window.statusBar().currentMessage()
    assert list(out_dir(tmp_path).iterdir()) == []


def test_files_wait_for_a_running_job(make_window, qtbot, tmp_path, slow_evaluation):
    path = out_dir(tmp_path) / "other.json"
    session_file.write_session(path, startup_document())
    window = make_window(big_document())
    window.controller.set_setting("reduction", "sum")
    assert not window.files.sessions.open_path(path)  # refused while busy
    assert not window.files.sessions.save_to(out_dir(tmp_path) / "x.json")
    assert window.controller.document.rows == 40
    finish(window, qtbot, slow_evaluation)
    assert window.files.sessions.open_path(path)
    assert window.controller.document.rows == startup_document().rows


def test_a_cancelled_blocked_evaluation_stops_in_the_worker(
    make_window, qtbot, monkeypatch, gate
):
    """Cancel reaches the engine: no row block is computed after it."""
    import lossgui.session.blocked as blocked
    import lossgui.session.evaluation as evaluation

    doc = startup_document()
    doc.resize(300, 40)
    doc.randomize(seed=2)
    doc.reduction = "sum"
    window = make_window(doc)
    monkeypatch.setattr(background, "EVALUATION_VALUES", 5)
    monkeypatch.setattr(evaluation, "BLOCKED_MIN_SIZE", 1)
    monkeypatch.setattr(blocked, "BLOCK_VALUES", 4096)
    blocks: list[slice] = []
    real_rows = blocked.compute_rows

    def counted(*args, **kwargs):
        blocks.append(args[3])
        return real_rows(*args, **kwargs)

    monkeypatch.setattr(blocked, "compute_rows", counted)
    original = SessionDocument.evaluate

    def evaluate(self, progress=None):
        def waiting(fraction):
            worker_waits(gate)  # Cancel is pressed while the worker waits here
            return progress(fraction)

        return original(self, waiting if progress else None)

    monkeypatch.setattr(SessionDocument, "evaluate", evaluate)
    window.controller.set_setting("reduction", "none")
    click_cancel(window, qtbot)
    assert window.controller.document.reduction == "sum"
    finish(window, qtbot, gate)
    assert blocks == []  # the first progress call said stop
