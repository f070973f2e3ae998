"""``lossgui.save``: the extension picks JSON or the ``.lossgui`` container."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest

import lossgui
from lossgui.io import session_binary
from lossgui.io.session_file import read_session

LOGITS = np.array([[2.0, 3.0, 0.1], [0.5, -1.0, 4.0]], dtype=np.float32)
LABELS = np.array([1, 2])


def test_a_lossgui_name_writes_the_container(tmp_path):
    path = lossgui.save(
        tmp_path / "batch.lossgui", LOGITS, LABELS, loss="CrossEntropyLoss"
    )
    assert path == tmp_path / "batch.lossgui"
    assert zipfile.is_zipfile(path)
    doc = read_session(path).document
    assert doc.tensors["input"].tobytes() == LOGITS.astype(np.float64).tobytes()
    assert doc.tensors["target"].tolist() == [1, 2]


def test_a_json_name_writes_version_1_json(tmp_path):
    path = lossgui.save(tmp_path / "batch.json", LOGITS, LABELS, loss="NLLLoss")
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1


@pytest.mark.parametrize(("limit", "suffix"), [(100, ".json"), (5, ".lossgui")])
def test_without_an_extension_the_size_chooses(tmp_path, monkeypatch, limit, suffix):
    monkeypatch.setattr(session_binary, "LARGE_SESSION_VALUES", limit)
    path = lossgui.save(tmp_path / "batch", LOGITS, LABELS, loss="CrossEntropyLoss")
    assert path == tmp_path / f"batch{suffix}"
    assert path.is_file()
    assert read_session(path).document.loss == "CrossEntropyLoss"


def test_too_large_for_json_is_refused_with_the_container_named(tmp_path, monkeypatch):
    monkeypatch.setattr(session_binary, "JSON_MAX_VALUES", 5)
    with pytest.raises(ValueError, match=r"save it as 'batch\.lossgui'"):
        lossgui.save(tmp_path / "batch.json", LOGITS, LABELS, loss="CrossEntropyLoss")
    assert list(tmp_path.iterdir()) == []
