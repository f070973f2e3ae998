"""Autosave after changes, and recovery after a crash."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

from lossgui.io.session_binary import is_container
from lossgui.io.session_file import documents_equal, read_session, write_session
from lossgui.session import new_document
from lossgui.session.document_name import DocumentName
from lossgui.ui import file_autosave
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


def _bits(array):
    """The array's bytes as integers: equal bits, not just equal values."""
    return np.ascontiguousarray(array).view(np.int64)


def test_a_large_session_is_autosaved_as_a_container_and_recovered_bit_for_bit(
    make_window, tmp_path
):
    rng = np.random.default_rng(12)
    doc = new_document("MSELoss")
    doc.resize(1_000_000, 1)  # one column of a million values (and the weight)
    values = rng.standard_normal(1_000_000)  # float64 values, not float32's
    values[:4] = [np.nan, -0.0, np.inf, 5e-324]
    doc.set_array("input", values)
    # float32-exact values, which the container keeps as float32
    doc.set_array("target", rng.standard_normal(1_000_000).astype(np.float32))
    window = make_window()
    name = DocumentName(tmp_path / "big.json", "", "")
    window.files.sessions.replace_document(doc.copy(), name, modified=True)
    autosave = window.files.autosave
    assert autosave.save_now()  # no longer off above 500,000 values
    assert autosave.file.suffix == ".lossgui" and is_container(autosave.file)
    assert "Autosave is off" not in window.statusBar().currentMessage()
    # the process dies: its file stays behind under a pid that no longer runs
    folder = tmp_path / "autosave"
    crashed = folder / "autosave-999999999.lossgui"
    autosave.file.rename(crashed)

    later = make_window()
    later.files.startup(None)
    restored = later.controller.document
    assert restored.loss == "MSELoss" and later.isWindowModified()
    assert later.windowTitle() == "big.json[*] — lossgui"
    assert documents_equal(restored, doc)
    # float64 values come back as float64; a million float32-exact values
    # stay float32 (storage.stored_float): the same numbers, half the memory
    for tensor, stored in (("input", np.float64), ("target", np.float32)):
        assert restored.tensors[tensor].dtype == stored
        assert restored.tensors[tensor].shape == (1_000_000,)
        assert np.array_equal(
            _bits(restored.tensors[tensor].astype(np.float64)),
            _bits(doc.tensors[tensor]),
        )
    assert not crashed.exists()
    assert later.files.autosave.file.exists()  # the new window protects it now


@pytest.mark.parametrize("newest", [".json", ".lossgui"])
def test_the_newest_of_a_json_and_a_container_autosave_is_recovered(
    make_window, tmp_path, newest
):
    folder = tmp_path / "autosave"
    folder.mkdir()
    files = {
        ".json": (folder / "autosave-999999998.json", "HuberLoss"),
        ".lossgui": (folder / "autosave-999999999-1.lossgui", "L1Loss"),
    }
    now = time.time()
    for suffix, (path, loss) in files.items():
        info = {"path": None, "title": "", "saved_at": now, "pid": 1}
        write_session(path, new_document(loss), autosave=info)
        age = 0 if suffix == newest else 600
        os.utime(path, (now - age, now - age))
    window = make_window()
    assert window.files.autosave.orphans() == [
        files[newest][0],
        *(path for suffix, (path, _) in files.items() if suffix != newest),
    ]
    window.files.startup(None)
    assert window.controller.document.loss == files[newest][1]
    assert not files[newest][0].exists()
    older = next(path for suffix, (path, _) in files.items() if suffix != newest)
    assert older.exists()  # left for a later start


def test_other_files_in_the_autosave_folder_are_not_recovered(make_window, tmp_path):
    folder = tmp_path / "autosave"
    folder.mkdir()
    write_session(folder / "autosave-999999999.txt", new_document("L1Loss"))
    window = make_window()
    assert window.files.autosave.orphans() == []


def test_sessions_above_the_limit_are_not_autosaved_and_the_status_bar_says_so(
    make_window, monkeypatch
):
    window = make_window()
    autosave = window.files.autosave
    window.controller.set_setting("reduction", "sum")
    doc = window.controller.document
    size = sum(a.size for a in (*doc.tensors.values(), *doc.tensor_params.values()))
    monkeypatch.setattr(file_autosave, "AUTOSAVE_MAX_ELEMENTS", size)
    assert autosave.save_now()  # at the limit: still autosaved
    monkeypatch.setattr(file_autosave, "AUTOSAVE_MAX_ELEMENTS", size - 1)
    assert not autosave.save_now()
    assert not autosave.file.exists()  # the older state is not the one to rescue
    message = window.statusBar().currentMessage()
    assert "Autosave is off" in message
    assert f"{size} values" in message and f"at {size - 1}" in message
