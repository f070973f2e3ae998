"""CSV export: tidy rows that read back to exactly what the engine computes."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

from lossgui import __version__
from lossgui.engine import compute
from lossgui.engine.pipeline import compute_from_logits
from lossgui.io.csv_export import (
    ExportCancelled,
    ExportError,
    summary_path,
    write_export,
)
from lossgui.session import new_document, startup_document


def read_back(path):
    """What pandas.read_csv would see: header, then one float column per name."""
    with open(path, newline="") as stream:
        text = stream.read()
    assert "\r" not in text and not text.startswith("#")
    rows = list(csv.reader(text.splitlines()))
    header, body = rows[0], rows[1:]
    assert all(len(row) == len(header) for row in body)
    assert header[0] == "sample"  # no unnamed index column
    return {
        name: np.array([float(r[i]) for r in body]) for i, name in enumerate(header)
    }


def test_cat_dog_export_round_trips(tmp_path):
    doc = startup_document()
    path = tmp_path / "out.csv"
    csv_file, summary_file = write_export(path, doc.evaluate())
    assert (csv_file, summary_file) == (path, tmp_path / "out.summary.json")
    cols = read_back(path)
    assert list(cols) == ["sample", "input", "probability", "target", "loss", "grad"]
    expected = compute(
        "BCEWithLogitsLoss",
        np.float32([-0.8, 0.7, 0.5]),
        np.float32([1, 0, 0]),
        reduction="none",
    )
    mean = compute(
        "BCEWithLogitsLoss", np.float32([-0.8, 0.7, 0.5]), np.float32([1, 0, 0])
    )
    # every float reads back to the identical float32
    np.testing.assert_array_equal(cols["loss"].astype(np.float32), expected.value)
    np.testing.assert_array_equal(cols["grad"].astype(np.float32), mean.grad)
    np.testing.assert_array_equal(cols["input"], [-0.8, 0.7, 0.5])  # shortest form
    summary = json.loads(summary_file.read_text())
    assert summary["loss"] == "BCEWithLogitsLoss"
    assert summary["reduction"] == "mean"
    assert summary["value"] == float(mean.value)
    assert summary["lossgui_version"] == __version__
    assert summary["csv"] == "out.csv"
    assert summary["params"] == {"weight": None, "pos_weight": None}
    assert set(summary["columns"]) == set(cols)


def test_cross_entropy_has_a_sample_loss_column(tmp_path):
    doc = new_document("CrossEntropyLoss")
    doc.set_setting("enabled.weight", True)
    doc.tensor_params["weight"][:] = [1, 2, 3, 4, 5]
    doc.set_setting("reduction", "sum")
    path = tmp_path / "ce.csv"
    write_export(path, doc.evaluate())
    cols = read_back(path)
    assert list(cols) == [
        "sample",
        "class",
        "input",
        "probability",
        "target",
        "weight",
        "sample_loss",
        "grad",
    ]
    n, c = doc.tensors["input"].shape
    assert len(cols["sample"]) == n * c
    np.testing.assert_array_equal(cols["class"], np.tile(np.arange(c), n))
    np.testing.assert_array_equal(cols["target"], np.repeat([3, 0, 2], c))
    np.testing.assert_array_equal(cols["weight"], np.tile([1, 2, 3, 4, 5], n))
    x = doc.tensors["input"].astype(np.float32)
    w = np.float32([1, 2, 3, 4, 5])
    none = compute("CrossEntropyLoss", x, [3, 0, 2], weight=w, reduction="none")
    total = compute("CrossEntropyLoss", x, [3, 0, 2], weight=w, reduction="sum")
    per_sample = cols["sample_loss"].reshape(n, c)[:, 0].astype(np.float32)
    np.testing.assert_array_equal(per_sample, none.value)
    np.testing.assert_array_equal(
        cols["grad"].astype(np.float32).reshape(n, c), total.grad
    )
    summary = json.loads(summary_path(path).read_text())
    assert summary["params"]["weight"] == "column 'weight'"
    assert "one value per sample" in summary["columns"]["sample_loss"]


def test_logits_mode_exports_the_activation(tmp_path):
    doc = new_document("NLLLoss")
    write_export(tmp_path / "nll.csv", doc.evaluate())
    cols = read_back(tmp_path / "nll.csv")
    assert "log_softmax" in cols and "probability" in cols
    x = doc.tensors["input"].astype(np.float32)
    result = compute_from_logits("NLLLoss", x, doc.tensors["target"])
    np.testing.assert_array_equal(
        cols["log_softmax"].astype(np.float32).reshape(x.shape), result.activated
    )


def test_float64_and_non_finite_values_round_trip(tmp_path):
    doc = new_document("MSELoss")
    doc.set_setting("dtype", "float64")
    doc.set_setting("reduction", "none")
    doc.tensors["input"][:] = [0.1 + 0.2, np.inf, np.nan, -1e-310]
    write_export(tmp_path / "m.csv", doc.evaluate())
    text = (tmp_path / "m.csv").read_text()
    assert "0.30000000000000004" in text and ",inf," in text and "nan" in text
    cols = read_back(tmp_path / "m.csv")
    expected = compute(
        "MSELoss", doc.tensors["input"], doc.tensors["target"], reduction="none"
    )
    np.testing.assert_array_equal(cols["loss"], expected.value)  # nan == nan here
    summary = json.loads((tmp_path / "m.summary.json").read_text())
    assert summary["value"] is None and "per-element" in summary["value_note"]


def test_refused_input_is_not_exported(tmp_path):
    doc = new_document("BCELoss")
    doc.set_setting("input_mode", "raw")
    doc.tensors["input"][0] = 1.5
    with pytest.raises(ExportError, match="between 0 and 1"):
        write_export(tmp_path / "x.csv", doc.evaluate())
    assert list(tmp_path.iterdir()) == []


def test_cancelled_or_failed_export_leaves_nothing(tmp_path):
    doc = startup_document()
    doc.resize(120_000, 1)
    with pytest.raises(ExportCancelled):
        write_export(tmp_path / "big.csv", doc.evaluate(), progress=lambda f: False)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(OSError):
        write_export(tmp_path / "missing" / "x.csv", doc.evaluate())
    assert list(tmp_path.iterdir()) == []


def test_existing_files_survive_a_failed_export(tmp_path):
    (tmp_path / "x.csv").write_text("old")
    doc = new_document("BCELoss")
    doc.set_setting("input_mode", "raw")
    doc.tensors["input"][0] = 2.0
    with pytest.raises(ExportError):
        write_export(tmp_path / "x.csv", doc.evaluate())
    assert (tmp_path / "x.csv").read_text() == "old"


def test_summary_path_names():
    assert summary_path("a/b/out.csv").as_posix() == "a/b/out.summary.json"
    assert summary_path("out").name == "out.summary.json"
