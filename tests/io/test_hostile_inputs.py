"""Hostile files and text: refused with FileFormatError, nothing executed, memory bounded.

Pickles that would run code (``.npy``/``.npz`` with object arrays, ``.pt``
files carrying a ``__reduce__`` payload, bare pickles named ``.pt``), pasted
Python expressions, and session files with wrong types, missing keys,
enormous shape claims and deep nesting. Each must raise
:class:`~lossgui.io.errors.FileFormatError` with a message that says what is
wrong, leave no marker file behind (the payload never ran), stay within a
memory bound, and (opened through the window's own open path) leave the
current session untouched.
"""

from __future__ import annotations

import json
import os
import pickle
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from lossgui.io.arrays import load_arrays
from lossgui.io.errors import FileFormatError
from lossgui.io.session_file import loads_session, read_session
from lossgui.io.text_parse import parse_block, parse_number

#: Peak Python allocation allowed while refusing one hostile input.
MEMORY_BOUND = 64 * 2**20


class Payload:
    """Unpickling this would create ``marker`` (it never may)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return (os.system, (f"touch {self.marker}",))


def refused(action: Callable[[], object], *fragments: str) -> str:
    """``action()`` raises FileFormatError mentioning ``fragments``; memory bounded."""
    tracemalloc.start()
    try:
        with pytest.raises(FileFormatError) as info:
            action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = str(info.value)
    assert message and "Traceback" not in message
    for fragment in fragments:
        assert fragment in message, message
    assert peak < MEMORY_BOUND, f"peak {peak / 2**20:.1f} MiB refusing: {message}"
    return message


@pytest.fixture
def marker(tmp_path: Path):
    path = tmp_path / "PAYLOAD_RAN"
    yield path
    assert not path.exists(), "a payload ran"


# --------------------------------------------------------------------------- #
# Array files
# --------------------------------------------------------------------------- #


def test_pickled_npy_is_refused(tmp_path, marker):
    path = tmp_path / "evil.npy"
    np.save(path, np.array([Payload(marker)], dtype=object), allow_pickle=True)
    refused(lambda: load_arrays(path), "object")


def test_pickled_npz_member_is_refused(tmp_path, marker):
    path = tmp_path / "evil.npz"
    np.savez(path, ok=np.ones(3), evil=np.array([Payload(marker)], dtype=object))
    refused(lambda: load_arrays(path))


def test_npy_with_a_forged_header_is_refused(tmp_path, marker):
    """A header claiming a numeric dtype over a pickle body, and a huge shape."""
    path = tmp_path / "forged.npy"
    header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }"
    header += " " * (118 - len(header)) + "\n"
    body = pickle.dumps(Payload(marker))
    path.write_bytes(b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little")
                     + header.encode() + body)  # fmt: skip
    refused(lambda: load_arrays(path))


def test_pt_with_a_reduce_payload_is_refused(tmp_path, marker):
    torch = pytest.importorskip("torch")
    path = tmp_path / "evil.pt"
    torch.save({"logits": torch.ones(3), "evil": Payload(marker)}, path)
    refused(lambda: load_arrays(path), "Python objects beyond tensors")


def test_bare_pickle_named_pt_is_refused(tmp_path, marker):
    pytest.importorskip("torch")
    path = tmp_path / "evil.pth"
    path.write_bytes(pickle.dumps(Payload(marker)))
    refused(lambda: load_arrays(path), "cannot read the .pt file")


def test_zip_bomb_claim_in_npz_is_refused(tmp_path):
    """An .npz member whose header claims 10**12 elements."""
    path = tmp_path / "bomb.npz"
    header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }"
    header += " " * (118 - len(header)) + "\n"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "x.npy",
            b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode(),
        )
    refused(lambda: load_arrays(path))


# --------------------------------------------------------------------------- #
# Pasted text
# --------------------------------------------------------------------------- #

CODE = (
    "__import__('os').system('touch {m}')",
    "eval(\"__import__('os').system('touch {m}')\")",
    "[__import__('os').system('touch {m}')]",
    "1\t__import__('os').system('touch {m}')",
    'exec(\'open("{m}", "w")\')',
    "(lambda: open('{m}', 'w'))()",
    "{{'a': open('{m}', 'w')}}",
)


@pytest.mark.parametrize("template", CODE)
def test_pasted_code_is_not_run(template, marker):
    text = template.format(m=marker)
    refused(lambda: parse_block(text))
    refused(lambda: parse_number(text))


def test_deeply_nested_paste_is_refused():
    refused(lambda: parse_block("[" * 100_000 + "1" + "]" * 100_000))


# --------------------------------------------------------------------------- #
# Session files
# --------------------------------------------------------------------------- #


def _session(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "lossgui-session",
        "version": 1,
        "loss": "BCEWithLogitsLoss",
        "reduction": "mean",
        "dtype": "float32",
        "input_mode": "logits",
        "target_mode": "index",
        "params": {},
        "tensors": {"input": [-0.8, 0.7, 0.5], "target": [1.0, 0.0, 0.0]},
    }
    for key, value in changes.items():
        if value is KeyError:
            data.pop(key)
        else:
            data[key] = value
    return data


BAD_SESSIONS = {
    "loss-number": (_session(loss=5), "loss"),
    "loss-unknown": (_session(loss="os.system"), "os.system"),
    "reduction-list": (_session(reduction=["mean"]), "reduction"),
    "dtype-object": (_session(dtype="object"), "dtype"),
    "params-list": (_session(params=[1, 2]), "params"),
    "param-code": (
        _session(loss="HuberLoss", params={"delta": "__import__('os')"}),
        "delta",
    ),
    "tensors-string": (_session(tensors="[1, 2, 3]"), "tensors"),
    "tensor-strings": (
        _session(tensors={"input": ["1", "2", "3"], "target": [1.0, 0.0, 0.0]}),
        "input",
    ),
    "tensor-dict": (
        _session(tensors={"input": {"a": 1}, "target": [1.0, 0.0, 0.0]}),
        "input",
    ),
    "ragged": (
        _session(tensors={"input": [[1.0], [2.0, 3.0]], "target": [1.0, 0.0]}),
        "input",
    ),
    "missing-loss": (_session(loss=KeyError), "loss"),
    "missing-tensors": (_session(tensors=KeyError), "tensors"),
    "version-string": (_session(version="1"), "version"),
    "version-huge": (_session(version=10**400), "version"),
    "format-missing": (_session(format=KeyError), "format"),
}


@pytest.mark.parametrize("case", sorted(BAD_SESSIONS))
def test_bad_session_is_refused(case):
    data, fragment = BAD_SESSIONS[case]
    text = json.dumps(data)
    refused(lambda: loads_session(text), fragment)


def test_deeply_nested_session_is_refused(tmp_path):
    depth = 10**5
    path = tmp_path / "deep.json"
    body = json.dumps(_session())[:-1] + ', "extra": ' + "[" * depth + "]" * depth + "}"
    path.write_text(body)
    refused(lambda: read_session(path), "nested")
    tensors = '{"input": ' + "[" * depth + "1" + "]" * depth + ', "target": [1]}'
    text = json.dumps(_session())[:-1] + "}"
    text = text.replace(json.dumps(_session()["tensors"]), tensors)
    refused(lambda: loads_session(text))


def test_enormous_shape_claims_are_refused(tmp_path):
    # A row of ten million zeros (about 30 MB of text): far over what a grid
    # holds; refused without building a ten-million-element document.
    zeros = "[" + "0," * (10**7 - 1) + "0]"
    text = json.dumps(_session())
    text = text.replace("[-0.8, 0.7, 0.5]", "[" + zeros + "]", 1)
    path = tmp_path / "huge.json"
    path.write_text(text)
    with pytest.raises(FileFormatError) as info:
        read_session(path)
    assert "input" in str(info.value)


def test_non_utf8_and_binary_sessions_are_refused(tmp_path):
    path = tmp_path / "binary.json"
    path.write_bytes(pickle.dumps(Payload(tmp_path / "never")))
    refused(lambda: read_session(path))
    assert not (tmp_path / "never").exists()
    path.write_bytes(b"\xff\xfe\x00garbage")
    refused(lambda: read_session(path), "UTF-8")


# --------------------------------------------------------------------------- #
# Through the window: the current session stays as it was
# --------------------------------------------------------------------------- #


@pytest.fixture
def window(qtbot, qsettings_tmp, monkeypatch):
    pytest.importorskip("pytestqt")
    from lossgui.ui.main_window import MainWindow

    shown: list[str] = []
    monkeypatch.setattr(
        "lossgui.ui.file_session.ask_save_changes", lambda parent, name: "discard"
    )
    monkeypatch.setattr(
        "lossgui.ui.file_session.show_file_error",
        lambda parent, title, path, problem: shown.append(str(problem)),
    )
    monkeypatch.setattr(
        "lossgui.ui.file_import.show_file_error",
        lambda parent, title, path, problem: shown.append(str(problem)),
        raising=False,
    )
    win = MainWindow(settings=qsettings_tmp)
    qtbot.addWidget(win)
    model = win.tensor_panel.views()[0].model()
    assert model.setData(model.index(0, 0), "3.5")  # unsaved work to protect
    win.shown_errors = shown
    return win


def _hostile_files(tmp_path: Path, marker: Path) -> list[Path]:
    files = []
    for name, data in BAD_SESSIONS.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data[0]))
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
    from lossgui.io.session_file import documents_equal

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
    from lossgui.io.session_file import documents_equal

    npy = tmp_path / "evil.npy"
    np.save(npy, np.array([Payload(marker)], dtype=object), allow_pickle=True)
    pth = tmp_path / "evil.pth"
    pth.write_bytes(pickle.dumps(Payload(marker)))
    before = window.controller.document.copy()
    for path in (npy, pth):
        if path.suffix == ".pth" and not _has_torch():
            continue
        assert not window.files.importer.import_file(path)
        assert documents_equal(window.controller.document, before)
    assert window.shown_errors


def test_window_refuses_pasted_code(window, marker):
    from lossgui.io.session_file import documents_equal

    before = window.controller.document.copy()
    view = window.tensor_panel.views()[0]
    view.setCurrentIndex(view.model().index(0, 0))
    for template in CODE:
        assert view.paste_text(template.format(m=marker)) is False
    assert documents_equal(window.controller.document, before)


def _has_torch() -> bool:
    import importlib.util

    return importlib.util.find_spec("torch") is not None
