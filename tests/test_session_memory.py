"""Memory of a large session: shared read-only arrays, no full-size temporaries.

The numbers must stay exactly what they were; these tests check that arrays
are shared instead of copied, and that the helpers that ran on every
evaluation no longer allocate full-size temporaries.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from lossgui.engine.activations import sigmoid
from lossgui.session.convert import new_document
from lossgui.session.diagnostics import diagnose
from lossgui.session.evaluation import evaluate
from lossgui.session.grid_ops import insert_along


def _doc(loss: str, rows: int, input_mode: str = "logits"):
    doc = new_document(loss)
    doc.resize(rows, 1)
    doc.tensors["input"][...] = np.linspace(-3, 3, rows).reshape(
        doc.tensors["input"].shape
    )
    doc.set_setting("input_mode", input_mode)
    return doc


def test_sigmoid_loss_shares_its_activation_as_probabilities():
    ev = evaluate(_doc("BCELoss", 1000))
    assert ev.result is not None and ev.result.activated is not None
    assert ev.probabilities is ev.result.activated  # one array, not two
    assert not ev.probabilities.flags.writeable
    expected = sigmoid(ev.grid)
    assert expected.dtype == ev.probabilities.dtype
    assert np.array_equal(ev.probabilities, expected)  # bit-identical
    assert ev.probabilities.tobytes() == expected.tobytes()


def test_raw_probabilities_are_the_cast_grid_itself():
    doc = _doc("BCELoss", 10, "raw")
    doc.tensors["input"][...] = np.linspace(0.1, 0.9, 10)
    ev = evaluate(doc)
    assert ev.probabilities is ev.grid
    assert not ev.probabilities.flags.writeable


@pytest.mark.parametrize("loss", ["BCEWithLogitsLoss", "CrossEntropyLoss"])
def test_fresh_probabilities_are_frozen_without_a_copy(loss):
    ev = evaluate(_doc(loss, 1000))
    probs = ev.probabilities
    assert probs is not None
    assert probs.flags.owndata and not probs.flags.writeable
    with pytest.raises(ValueError):
        probs[0] = 0


def test_evaluation_holds_no_second_activation_output():
    """Arrays kept by a BCELoss evaluation: casts, activation, grads, loss."""
    ev = evaluate(_doc("BCELoss", 10_000))
    assert ev.result is not None
    kept = [array for _, array in ev.inputs]
    kept += [ev.result.activated, ev.result.grad, ev.result.loss.grad]
    kept += [ev.result.loss.elementwise, ev.probabilities]
    distinct = {id(a) for a in kept if a is not None}
    assert len(distinct) == len(kept) - 1  # probabilities shares `activated`


@pytest.mark.parametrize("dtype", [np.float64, np.int64])
@pytest.mark.parametrize("axis", [0, 1])
@pytest.mark.parametrize("at", [0, 2, 5])
def test_insert_along_matches_concatenate(dtype, axis, at):
    table = np.arange(35, dtype=dtype).reshape(7, 5)
    at = min(at, table.shape[axis])
    shape = list(table.shape)
    shape[axis] = 3
    expected = np.concatenate(
        [
            np.take(table, np.arange(at), axis=axis),
            np.full(shape, -1.5, dtype=dtype),
            np.take(table, np.arange(at, table.shape[axis]), axis=axis),
        ],
        axis=axis,
    )
    out = insert_along(table, axis, at, 3, -1.5)
    assert out.dtype == expected.dtype and out.flags.c_contiguous
    assert np.array_equal(out, expected)


def test_insert_along_allocates_only_the_result():
    table = np.zeros((200_000, 1))
    tracemalloc.start()
    try:
        out = insert_along(table, 0, 200_000, 200_000, 0.0)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < out.nbytes * 1.25


def test_diagnostics_of_binary_targets_make_no_full_size_copies():
    doc = _doc("BCEWithLogitsLoss", 200_000)
    ev = evaluate(doc)
    diagnose(doc, ev)  # warm up imports
    tracemalloc.start()
    try:
        diagnose(doc, ev)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < doc.tensors["target"].nbytes / 2  # was 8 bytes + 1 per element


def test_class_index_targets_are_still_found():
    doc = _doc("BCEWithLogitsLoss", 6)
    doc.tensors["target"][...] = [0, 1, 2, 2, 1, 0]
    codes = [f.code for f in diagnose(doc)]
    assert "class-indices-to-binary" in codes
    doc.tensors["target"][...] = [0, 1, 2.5, 2, 1, 0]  # not whole numbers
    assert "class-indices-to-binary" not in [f.code for f in diagnose(doc)]
    doc.tensors["target"][...] = [0, 1, np.nan, 2, 1, 0]
    assert "class-indices-to-binary" not in [f.code for f in diagnose(doc)]
