"""Large float32 tensors are stored once: float32 in the document, shared by the evaluation."""

from __future__ import annotations

import numpy as np
import pytest

import lossgui.session.evaluation as evaluation
import lossgui.session.storage as storage
from lossgui.session.convert import new_document
from lossgui.session.incremental import evaluate_rows
from lossgui.session.storage import stored_float
from tests.test_session_incremental import assert_same


@pytest.fixture
def small_large(monkeypatch: pytest.MonkeyPatch) -> int:
    """A "large" tensor from 100 values on, so the tests stay small."""
    monkeypatch.setattr(storage, "LARGE_TENSOR_VALUES", 100)
    monkeypatch.setattr(evaluation, "LARGE_TENSOR_VALUES", 100)
    return 100


def test_only_large_float32_arrays_stay_float32(small_large: int) -> None:
    big = np.ones((20, 10), np.float32)
    assert stored_float(big, owned=True) is big
    assert stored_float(np.ones(10, np.float32)).dtype == np.float64
    assert stored_float(np.ones((20, 10), np.float64)).dtype == np.float64
    assert stored_float(np.ones((20, 10), np.float16)).dtype == np.float64


def _float32_document():
    doc = new_document("CrossEntropyLoss")
    doc.resize(30, 10)
    doc.randomize(seed=2)
    doc.tensors["input"] = stored_float(doc.tensors["input"].astype(np.float32))
    return doc


def test_the_evaluation_reads_the_documents_array(small_large: int) -> None:
    doc = _float32_document()
    ev = doc.evaluate()
    assert ev.grid.base is doc.tensors["input"]
    assert not ev.grid.flags.writeable
    doc.reduction = "sum"
    previous = doc.evaluate()
    doc.set_values("input", np.array([4]), np.array([2]), np.array([0.1]))
    assert doc.tensors["input"][4, 2] == np.float32(0.1)
    inc = evaluate_rows(previous, doc, ("input",), range(4, 5))
    assert inc is not None
    assert_same(inc, doc.evaluate())


def test_a_float64_session_widens_before_a_value_float32_cannot_hold(
    small_large: int,
) -> None:
    doc = _float32_document()
    doc.dtype = "float64"
    doc.set_values("input", np.array([0]), np.array([0]), np.array([0.5]))
    assert doc.tensors["input"].dtype == np.float32  # 0.5 is a float32
    doc.set_values("input", np.array([0]), np.array([1]), np.array([0.1]))
    assert doc.tensors["input"].dtype == np.float64
    assert doc.tensors["input"][0, 1] == 0.1  # exactly torch.tensor(0.1, float64)
    assert doc.tensors["input"][0, 0] == 0.5


def test_stored_float_copies_what_it_is_not_handed(small_large: int) -> None:
    big = np.ones((20, 10), np.float32)
    kept = stored_float(big)
    assert kept is not big and not np.shares_memory(kept, big)
    assert stored_float(big, owned=True) is big


def test_set_array_widens_like_set_values(small_large: int) -> None:
    doc = _float32_document()
    doc.dtype = "float64"
    values = np.full(doc.tensors["input"].shape, 0.1)
    doc.set_array("input", values)
    assert doc.tensors["input"].dtype == np.float64
    assert doc.tensors["input"][0, 0] == 0.1
    doc.dtype = "float32"
    doc.tensors["input"] = stored_float(values.astype(np.float32))
    doc.set_array("input", values)  # a float32 session: rounding is the cast's
    assert doc.tensors["input"].dtype == np.float32
