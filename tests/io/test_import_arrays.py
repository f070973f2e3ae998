"""Model outputs into a document: shapes, dtypes, NaN arrays, damaged binaries."""

from __future__ import annotations

import numpy as np
import pytest

from lossgui.io.arrays import load_arrays
from lossgui.io.errors import FileFormatError
from lossgui.session import new_document, startup_document
from lossgui.session.import_arrays import assign_arrays, document_from_arrays


def test_new_input_sets_the_batch_size():
    doc = startup_document()
    new = assign_arrays(doc, {"input": np.arange(5.0), "target": np.ones(5)})
    assert new.tensors["input"].tolist() == [0, 1, 2, 3, 4]
    assert new.rows == 5 and doc.rows == 3  # the original is untouched
    assert new.evaluate().ok


def test_column_vectors_and_broadcast_weights():
    doc = new_document("BCELoss")
    grid = np.zeros((4, 5))
    new = assign_arrays(
        doc, {"input": grid, "target": np.ones((4, 5)), "weight": [[0], [0], [1], [1]]}
    )
    assert new.enabled["weight"]
    assert new.tensor_params["weight"].shape == (4, 5)
    assert new.tensor_params["weight"][:, 0].tolist() == [0, 0, 1, 1]
    one = assign_arrays(startup_document(), {"input": np.ones((3, 1))})
    assert one.tensors["input"].shape == (3,)


def test_class_index_targets():
    doc = new_document("CrossEntropyLoss")
    new = assign_arrays(
        doc, {"input": np.zeros((2, 4)), "target": np.array([3.0, 1.0])}
    )
    assert new.tensors["target"].dtype == np.int64
    with pytest.raises(FileFormatError, match=r"whole class indices.*0\.5 at 1"):
        assign_arrays(doc, {"input": np.zeros((2, 4)), "target": [1, 0.5]})
    soft = assign_arrays(
        doc, {"input": np.zeros((2, 4)), "target": np.full((2, 4), 0.25)}
    )
    assert soft.target_mode == "probability"


@pytest.mark.parametrize(
    ("arrays", "message"),
    [
        (
            {"input": np.zeros((3, 5)), "target": np.zeros(4)},
            r"shape \(4,\).*needs \(3,\)",
        ),
        ({"input": np.zeros(5)}, "must be 2-D"),
        ({"input": np.zeros((2, 3, 4))}, "3 dimensions"),
        ({"input": np.full((3, 5), np.nan)}, "every value of 'input' is NaN"),
        ({"input": np.array(["a", "b"])}, "lossgui needs numbers"),
        ({"logits": np.zeros((3, 5))}, "no tensor 'logits'"),
        ({"input": np.zeros((0, 5))}, "empty"),
    ],
)
def test_bad_arrays_name_the_problem(arrays, message):
    with pytest.raises(FileFormatError, match=message):
        assign_arrays(new_document("CrossEntropyLoss"), arrays)


def test_document_from_arrays_applies_settings():
    doc = document_from_arrays(
        "CrossEntropyLoss",
        {"input": [[2.0, 3.0, 0.1]], "target": [1]},
        params={"label_smoothing": 0.0},
        reduction="sum",
        dtype="float64",
    )
    assert doc.reduction == "sum" and doc.dtype == "float64"
    assert float(doc.evaluate().value) == pytest.approx(0.3526988, abs=1e-6)
    with pytest.raises(FileFormatError, match="needs 'input'"):
        document_from_arrays("CrossEntropyLoss", {"target": [1]})


def test_truncated_and_pickled_binaries(tmp_path):
    good = tmp_path / "x.npy"
    np.save(good, np.arange(1000.0))
    cut = tmp_path / "cut.npy"
    cut.write_bytes(good.read_bytes()[:300])
    with pytest.raises(FileFormatError, match="damaged or truncated"):
        load_arrays(cut)
    evil = tmp_path / "evil.npy"
    np.save(evil, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(FileFormatError, match="pickle"):
        load_arrays(evil)
    huge = tmp_path / "huge.npy"
    header = np.lib.format.header_data_from_array_1_0(np.zeros(1))
    header["shape"] = (10**9, 10**9)
    with huge.open("wb") as stream:
        np.lib.format.write_array_header_1_0(stream, header)
    with pytest.raises(FileFormatError, match="limit"):
        load_arrays(huge)


def test_a_million_samples_assign():
    # reading such a file: tests/io/test_table_reader.py; its speed: the benchmarks
    logits = np.linspace(-3, 3, 1_000_000)
    doc = assign_arrays(
        startup_document(), {"input": logits, "target": np.arange(1_000_000) % 2}
    )
    assert doc.rows == 1_000_000
    np.testing.assert_array_equal(doc.tensors["input"], logits)
    assert doc.tensors["target"][-2:].tolist() == [0, 1]
