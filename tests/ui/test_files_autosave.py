"""Autosave after changes, and recovery after a crash."""

from __future__ import annotations

import os

from lossgui.io.session_file import read_session, write_session
from lossgui.session import new_document
from lossgui.ui.file_autosave import AUTOSAVE_ENV, autosave_dir


def test_autosave_dir_comes_from_the_environment(make_window, tmp_path):
    assert autosave_dir() == tmp_path / "autosave"
    assert os.environ[AUTOSAVE_ENV] == str(tmp_path / "autosave")


def test_changes_are_autosaved_and_saving_removes_the_file(make_window, tmp_path):
    window = make_window()
    autosave = window.files.autosave
    assert not autosave.save_now()  # nothing unsaved yet
    window.controller.set_loss("HuberLoss")
    assert autosave.timer.isActive()  # scheduled a few seconds after the change
    assert autosave.save_now()
    rescued = read_session(autosave.file)
    assert rescued.document.loss == "HuberLoss"
    assert rescued.autosave["pid"] == os.getpid()
    window.files.sessions.save_to(tmp_path / "mine.json")
    assert not autosave.file.exists()


def test_timer_writes_the_autosave(make_window, qtbot, monkeypatch):
    window = make_window()
    window.files.autosave.timer.setInterval(10)
    window.controller.set_setting("reduction", "sum")
    qtbot.waitUntil(window.files.autosave.file.exists, timeout=2000)


def test_a_clean_exit_leaves_no_autosave(make_window, qsettings_tmp):
    window = make_window()
    window.controller.set_setting("reduction", "sum")
    window.files.autosave.save_now()
    assert window.close()  # the fixture answers "discard"
    assert not window.files.autosave.file.exists()
    assert float(qsettings_tmp.value("files/clean_exit")) > 0


def test_crash_recovery_restores_the_autosave(make_window, tmp_path):
    folder = tmp_path / "autosave"
    folder.mkdir()
    doc = new_document("CrossEntropyLoss")
    doc.set_setting("param.label_smoothing", 0.3)
    crashed = folder / "autosave-999999999.json"  # a process that no longer runs
    info = {
        "path": str(tmp_path / "work.json"),
        "title": "Untitled",
        "saved_at": 0,
        "pid": 999999999,
    }
    write_session(crashed, doc, autosave=info)
    window = make_window()
    window.files.startup(None)
    restored = window.controller.document
    assert (
        restored.loss == "CrossEntropyLoss"
        and restored.params["label_smoothing"] == 0.3
    )
    assert window.isWindowModified()  # still unsaved
    assert window.windowTitle() == "work.json[*] — lossgui"
    assert "Recovered unsaved changes" in window.statusBar().currentMessage()
    assert not crashed.exists()
    assert window.files.autosave.file.exists()  # now this window protects it


def test_no_recovery_when_nothing_was_left(make_window):
    window = make_window()
    window.files.startup(None)
    assert window.controller.document.loss == "BCEWithLogitsLoss"
    assert not window.isWindowModified()


def test_a_file_given_on_the_command_line_wins(make_window, tmp_path):
    folder = tmp_path / "autosave"
    folder.mkdir()
    write_session(
        folder / "autosave-999999999.json", new_document("MSELoss"), autosave={"pid": 1}
    )
    write_session(tmp_path / "given.json", new_document("L1Loss"))
    window = make_window()
    window.files.startup(str(tmp_path / "given.json"))
    assert window.controller.document.loss == "L1Loss"
    assert (folder / "autosave-999999999.json").exists()  # kept for a later start


def test_two_windows_of_one_process_keep_separate_autosaves(make_window):
    """``lossgui.show`` twice in a notebook: neither window overwrites the other."""
    first, second = make_window(), make_window()
    assert first.files.autosave.file != second.files.autosave.file
    first.controller.set_setting("reduction", "sum")
    second.controller.set_setting("reduction", "none")
    first.files.autosave.save_now()
    second.files.autosave.save_now()
    assert read_session(first.files.autosave.file).document.reduction == "sum"
    assert read_session(second.files.autosave.file).document.reduction == "none"


def test_a_numbered_autosave_of_a_dead_process_is_recovered(make_window, tmp_path):
    folder = tmp_path / "autosave"
    folder.mkdir()
    write_session(
        folder / "autosave-999999999-2.json",
        new_document("HuberLoss"),
        autosave={"pid": 999999999, "title": "Untitled", "saved_at": 0},
    )
    window = make_window()
    window.files.startup(None)
    assert window.controller.document.loss == "HuberLoss"
    assert not (folder / "autosave-999999999-2.json").exists()
