"""Session files: round trips, nan/inf encoding, and strict refusals."""

from __future__ import annotations

import json

import numpy as np
import pytest

from lossgui.engine import LOSSES
from lossgui.io import session_file
from lossgui.io.errors import FileFormatError
from lossgui.io.session_file import (
    documents_equal,
    dumps_session,
    loads_session,
    read_session,
    session_to_dict,
    write_session,
)
from lossgui.session import new_document, startup_document


@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_every_loss_round_trips(tmp_path, loss):
    doc = new_document(loss)
    path = tmp_path / "s.json"
    write_session(path, doc)
    back = read_session(path).document
    assert documents_equal(doc, back)
    assert back.evaluate().ok == doc.evaluate().ok


def test_edited_document_round_trips_exactly(tmp_path):
    doc = new_document("CrossEntropyLoss")
    doc.set_setting("reduction", "sum")
    doc.set_setting("dtype", "float64")
    doc.set_setting("param.label_smoothing", 0.1)
    doc.set_setting("enabled.weight", True)
    doc.tensor_params["weight"][:] = [0.1, 2.0, 1 / 3, 1e-300, 7.0]
    doc.tensors["input"][0, 0] = 0.1 + 0.2  # not representable by a short decimal
    doc.tensors["target"][1] = -100
    path = tmp_path / "s.json"
    write_session(path, doc)
    back = read_session(path).document
    assert documents_equal(doc, back)
    assert back.tensors["input"][0, 0] == 0.1 + 0.2
    assert back.evaluate().value == doc.evaluate().value


def test_nan_and_inf_are_json_strings(tmp_path):
    doc = startup_document()
    doc.tensors["input"][:] = [np.nan, np.inf, -np.inf]
    text = dumps_session(doc)
    data = json.loads(text)  # standard JSON: no bare NaN literals
    assert data["tensors"]["input"] == ["nan", "inf", "-inf"]
    assert "NaN" not in text
    back = loads_session(text).document
    assert np.isnan(back.tensors["input"][0])
    assert back.tensors["input"][1:].tolist() == [np.inf, -np.inf]


def test_python_nan_literals_are_accepted():
    data = session_to_dict(startup_document())
    data["tensors"]["input"] = [float("nan"), 1.0, float("inf")]
    back = loads_session(json.dumps(data)).document  # json writes NaN, Infinity
    assert np.isnan(back.tensors["input"][0])


def test_file_is_human_readable():
    text = dumps_session(new_document("CrossEntropyLoss"))
    assert '"format": "lossgui-session"' in text
    assert '"version": 1' in text
    assert "[0.1, -1.2, 0.3, 2.0, 0.5]," in text  # one tensor row per line
    assert '"target": [3, 0, 2]' in text


def test_missing_defaults_are_filled():
    text = json.dumps(
        {
            "format": "lossgui-session",
            "version": 1,
            "loss": "BCEWithLogitsLoss",
            "tensors": {"input": [-0.8, 0.7, 0.5], "target": [1, 0, 0]},
        }
    )
    doc = loads_session(text).document
    assert doc.reduction == "mean" and doc.dtype == "float32"
    assert float(doc.evaluate().value) == pytest.approx(1.0827879)


def _with(**changes):
    data = session_to_dict(new_document("CrossEntropyLoss"))
    for key, value in changes.items():
        if value is KeyError:
            del data[key]
        else:
            data[key] = value
    return json.dumps(data)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2]", "not a lossgui session"),
        ('{"format": "something", "version": 1}', "'format' is 'something'"),
        (_with(version=3), "newer lossgui .*version 3"),
        (_with(version="1"), "'version' must be a whole number"),
        (_with(loss=KeyError), "no 'loss'"),
        (_with(tensors=KeyError), "no 'tensors'"),
        (_with(loss="CrossEntropyLos"), "unknown loss 'CrossEntropyLos'.*did you mean"),
        (_with(loss=3), "'loss' must be a string"),
        (_with(reduction="average"), "'reduction' is 'average'"),
        (_with(dtype="float16"), "'dtype'"),
        (_with(params={"label_smoothing": "high"}), "label_smoothing"),
        (_with(params={"ignore_index": 1.5}), "whole number"),
        (_with(params={"beta": 1.0}), "no parameter 'beta'"),
        (_with(reductoin="sum"), "unknown key 'reductoin'"),
        (_with(tensors={"input": [[1.0, 2.0]]}), "no 'target'"),
        (_with(tensors={"input": [[1.0]], "target": [0], "x": [1]}), "'x'"),
        (
            _with(tensors={"input": [[1.0, 2.0], [3.0]], "target": [0, 1]}),
            "not rectangular",
        ),
        (_with(tensors={"input": [[1.0, 2.0]], "target": [0.5]}), "whole numbers"),
        (_with(tensors={"input": [[1.0, "x"]], "target": [0]}), "'x'"),
        (_with(tensors={"input": [[1.0, True]], "target": [0]}), "true/false"),
        (_with(tensors={"input": [[1.0, 2.0]], "target": [0, 1]}), "shape \\(2,\\)"),
        (_with(tensors={"input": [1.0, 2.0], "target": [0]}), "must be 2-D"),
        (_with(tensors={"input": [[[1.0]]], "target": [0]}), "nested deeper"),
        (_with(tensors={"input": [], "target": []}), "empty"),
        (_with(optional_tensors={"weight": {"enabled": 1}}), "true or false"),
        (_with(optional_tensors={"pos_weight": {}}), "no optional tensor"),
        ('{"format": "lossgui-session", "version": 1, "loss": "BCELoss"', "truncated"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply|not a lossgui session"),
    ],
)
def test_bad_sessions_name_the_problem(text, message):
    with pytest.raises(FileFormatError, match=message):
        loads_session(text)


def test_enormous_tensor_is_refused(monkeypatch):
    monkeypatch.setattr("lossgui.io.json_values.MAX_ELEMENTS", 100)
    text = _with(tensors={"input": [[0.0] * 10] * 11, "target": [0] * 11})
    with pytest.raises(FileFormatError, match="110 values.*limit is 100"):
        loads_session(text)


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.json"
    path.write_text(dumps_session(startup_document()))
    monkeypatch.setattr(session_file, "MAX_SESSION_BYTES", 10)
    with pytest.raises(FileFormatError, match="limited to"):
        read_session(path)


def test_unreadable_files(tmp_path):
    with pytest.raises(FileFormatError, match="does not exist"):
        read_session(tmp_path / "missing.json")
    empty = tmp_path / "empty.json"
    empty.write_text("")
    with pytest.raises(FileFormatError, match="empty"):
        read_session(empty)
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(FileFormatError, match="not UTF-8"):
        read_session(binary)
    truncated = tmp_path / "cut.json"
    truncated.write_text(dumps_session(startup_document())[:120])
    with pytest.raises(FileFormatError, match="truncated"):
        read_session(truncated)


def test_unwritable_path_leaves_nothing(tmp_path):
    with pytest.raises(OSError):
        write_session(tmp_path / "no" / "such" / "dir.json", startup_document())
    blocked = tmp_path / "taken.json"
    blocked.mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(OSError):
        write_session(blocked, startup_document())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.json"]
    assert list(blocked.iterdir()) == []


def test_scalar_tensors_are_bare_numbers():
    data = session_to_dict(new_document("CTCLoss"))
    assert data["tensors"]["input_lengths"] == 6
    back = loads_session(json.dumps(data)).document
    assert back.tensors["input_lengths"].shape == ()
    data["tensors"]["input_lengths"] = [6]
    with pytest.raises(FileFormatError, match="'input_lengths' is one number"):
        loads_session(json.dumps(data))
