"""Hostile files and pasted code through the window: refused, the session kept.

The readers' refusals themselves are tested without Qt in
tests/io/test_hostile_inputs.py; here each hostile input goes through the
window's own open, import and paste paths, which must show the refusal and
leave the current (unsaved) document, its undo steps and its modified mark
as they were, with no payload run.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest
from hostile_inputs import BAD_SESSIONS, CODE, Payload

from lossgui.io.session_file import documents_equal


@pytest.fixture
def marker(tmp_path: Path):
    path = tmp_path / "PAYLOAD_RAN"
    yield path
    assert not path.exists(), "a payload ran"


@pytest.fixture
def window(make_window, monkeypatch):
    """A window with unsaved work whose refusal dialogs are recorded."""
    shown: list[str] = []

    def record(parent, title, path, problem):
        shown.append(str(problem))

    monkeypatch.setattr("lossgui.ui.file_session.show_file_error", record)
    monkeypatch.setattr("lossgui.ui.file_import.show_file_error", record)
    win = make_window()
    model = win.tensor_panel.views()[0].model()
    assert model.setData(model.index(0, 0), "3.5")  # unsaved work to protect
    win.shown_errors = shown
    return win


def _hostile_files(tmp_path: Path, marker: Path) -> list[Path]:
    files = []
    for name, (data, _) in BAD_SESSIONS.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data))
        files.append(path)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 10**5 + "]" * 10**5)
    files.append(deep)
    evil = tmp_path / "evil-session.json"
    evil.write_bytes(pickle.dumps(Payload(marker)))
    files.append(evil)
    return files


def test_window_refuses_hostile_sessions_and_keeps_the_document(
    window, tmp_path, marker
):
    before = window.controller.document.copy()
    steps = window.controller.undo_stack.count()
    files = _hostile_files(tmp_path, marker)
    for path in files:
        assert window.files.sessions.open_path(path) is False
        assert documents_equal(window.controller.document, before), path.name
    assert window.controller.undo_stack.count() == steps
    assert len(window.shown_errors) == len(files)
    assert window.isWindowModified()


def test_window_refuses_hostile_array_files(window, tmp_path, marker):
    npy = tmp_path / "evil.npy"
    np.save(npy, np.array([Payload(marker)], dtype=object), allow_pickle=True)
    pth = tmp_path / "evil.pth"  # refused with torch (not weights) or without it
    pth.write_bytes(pickle.dumps(Payload(marker)))
    before = window.controller.document.copy()
    steps = window.controller.undo_stack.count()
    for path in (npy, pth):
        assert not window.files.importer.import_file(path)
        assert documents_equal(window.controller.document, before), path.name
    assert window.controller.undo_stack.count() == steps
    assert len(window.shown_errors) == 2


def test_window_refuses_pasted_code(window, marker):
    before = window.controller.document.copy()
    view = window.tensor_panel.views()[0]
    view.setCurrentIndex(view.model().index(0, 0))
    for template in CODE:
        assert view.paste_text(template.format(m=marker)) is False
    assert documents_equal(window.controller.document, before)
