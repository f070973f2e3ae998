"""Hostile files and text: refused with FileFormatError, nothing executed, memory bounded.

Pickles that would run code (``.npy``/``.npz`` with object arrays, ``.pt``
files carrying a ``__reduce__`` payload, bare pickles named ``.pt``), pasted
Python expressions, and session files with wrong types, missing keys,
enormous shape claims and deep nesting. Each must raise
:class:`~lossgui.io.errors.FileFormatError` with a message that says what is
wrong, leave no marker file behind (the payload never ran), stay within a
memory bound. Through the window's own open path, the current session stays
untouched: tests/ui/test_files_hostile.py. The hostile inputs themselves are
in tests/hostile_inputs.py.
"""

from __future__ import annotations

import json
import pickle
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hostile_inputs import BAD_SESSIONS, CODE, Payload, session_data

from lossgui.io.arrays import load_arrays
from lossgui.io.errors import FileFormatError
from lossgui.io.session_file import loads_session, read_session
from lossgui.io.text_parse import parse_block, parse_number

#: Peak Python allocation allowed while refusing one hostile input.
MEMORY_BOUND = 64 * 2**20


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


@pytest.mark.parametrize("case", sorted(BAD_SESSIONS))
def test_bad_session_is_refused(case):
    data, fragment = BAD_SESSIONS[case]
    text = json.dumps(data)
    refused(lambda: loads_session(text), fragment)


def test_deeply_nested_session_is_refused(tmp_path):
    depth = 10**5
    path = tmp_path / "deep.json"
    body = (
        json.dumps(session_data())[:-1]
        + ', "extra": '
        + "[" * depth
        + "]" * depth
        + "}"
    )
    path.write_text(body)
    refused(lambda: read_session(path), "nested")
    tensors = '{"input": ' + "[" * depth + "1" + "]" * depth + ', "target": [1]}'
    text = json.dumps(session_data())[:-1] + "}"
    text = text.replace(json.dumps(session_data()["tensors"]), tensors)
    refused(lambda: loads_session(text))


def test_enormous_shape_claims_are_refused(tmp_path):
    # A row of ten million zeros (about 30 MB of text): far over what a grid
    # holds; refused without building a ten-million-element document.
    zeros = "[" + "0," * (10**7 - 1) + "0]"
    text = json.dumps(session_data())
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
