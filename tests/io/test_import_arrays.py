"""Model outputs into a document: shapes, dtypes, NaN files, and big tables."""

from __future__ import annotations

import time

import numpy as np
import pytest

from lossgui.io.errors import FileFormatError
from lossgui.io.table_reader import LoadCancelled, load_any, read_table
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


def test_csv_with_header_gives_columns(tmp_path):
    path = tmp_path / "preds.csv"
    path.write_text("logit,label\n-0.8,1\n0.7,0\n0.5,0\n")
    arrays = load_any(path)
    assert list(arrays) == ["logit", "label"]
    assert arrays["logit"].tolist() == [-0.8, 0.7, 0.5]


def test_tsv_without_header_is_one_table(tmp_path):
    path = tmp_path / "grid.tsv"
    path.write_text("1\t2\t3\n4\t5\t6\n")
    assert load_any(path)["grid"].shape == (2, 3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b\n1,2\n3\n", "line 3 has 1 values"),
        ("1,2\n3,x\n", "line 2: 'x' is not a number"),
        ("", "empty"),
        ("a,b\n", "no numbers"),
        ("a,b,c\n1,2\n", "header names 3 columns"),
    ],
)
def test_bad_tables(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(FileFormatError, match=message):
        load_any(path)


def test_truncated_and_pickled_binaries(tmp_path):
    good = tmp_path / "x.npy"
    np.save(good, np.arange(1000.0))
    cut = tmp_path / "cut.npy"
    cut.write_bytes(good.read_bytes()[:300])
    with pytest.raises(FileFormatError, match="damaged or truncated"):
        load_any(cut)
    evil = tmp_path / "evil.npy"
    np.save(evil, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(FileFormatError, match="pickle"):
        load_any(evil)
    huge = tmp_path / "huge.npy"
    header = np.lib.format.header_data_from_array_1_0(np.zeros(1))
    header["shape"] = (10**9, 10**9)
    with huge.open("wb") as stream:
        np.lib.format.write_array_header_1_0(stream, header)
    with pytest.raises(FileFormatError, match="limit"):
        load_any(huge)


def test_million_row_csv_loads_in_chunks(tmp_path):
    path = tmp_path / "big.csv"
    rng = np.random.default_rng(0)
    z = rng.normal(size=1_000_000)
    path.write_text(
        "logit,label\n" + "\n".join(f"{v!r},{i % 2}" for i, v in enumerate(z.tolist()))
    )
    seen = []
    start = time.perf_counter()
    arrays = read_table(path, progress=lambda f: seen.append(f) or True)
    assert time.perf_counter() - start < 10
    np.testing.assert_array_equal(arrays["logit"], z)  # repr round-trips exactly
    assert len(seen) >= 10 and seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(LoadCancelled):
        read_table(path, progress=lambda f: False)
    doc = assign_arrays(
        startup_document(), {"input": arrays["logit"], "target": arrays["label"]}
    )
    assert doc.rows == 1_000_000
