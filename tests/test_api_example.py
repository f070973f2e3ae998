"""examples/train_then_show.py runs headlessly and saves the value it printed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from lossgui.io.session_file import read_session

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "train_then_show.py"


def test_the_training_example_saves_its_last_batch(tmp_path):
    pytest.importorskip("torch")
    if not EXAMPLE.exists():
        pytest.skip("examples/ is not part of this source tree (sdist)")
    path = tmp_path / "batch.json"
    out = subprocess.run(
        [sys.executable, str(EXAMPLE), "--steps", "3", "--save", str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    printed = [float(v) for v in re.findall(r"loss ([0-9.]+)", out.stdout)]
    assert len(printed) == 3
    doc = read_session(path).document
    assert doc.loss == "CrossEntropyLoss" and doc.enabled["weight"]
    assert doc.params["label_smoothing"] == pytest.approx(0.1)
    assert doc.rows == 8
    assert float(doc.evaluate().value) == pytest.approx(printed[-1], abs=1e-6)
