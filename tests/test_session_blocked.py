"""A large batch evaluated in row blocks equals one call, bit for bit.

The block size and the size from which :func:`evaluate` uses blocks are
lowered, so small documents of every loss go through the blocked path;
each result is compared with the one-call evaluation of the same document.
"""

from __future__ import annotations

import numpy as np
import pytest

import lossgui.session.blocked as blocked
import lossgui.session.evaluation as evaluation
import lossgui.session.lazy_probabilities as lazy_probabilities
from lossgui.engine import LOSSES
from lossgui.session.blocked import EvaluationCancelled, compute_in_blocks
from lossgui.session.document import SessionDocument
from lossgui.session.row_blocks import row_separable
from tests.test_session_incremental import _documents, assert_same, random_batch


def _one_call(doc: SessionDocument, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as m:
        m.setattr(evaluation, "BLOCKED_MIN_SIZE", 10**12)
        return doc.evaluate()


def _in_blocks(doc: SessionDocument, monkeypatch: pytest.MonkeyPatch, values: int):
    taken = []
    real = blocked.compute_in_blocks

    def spy(*args, **kwargs):
        out = real(*args, **kwargs)
        taken.append(out is not None)
        return out

    with monkeypatch.context() as m:
        m.setattr(evaluation, "BLOCKED_MIN_SIZE", 1)
        m.setattr(blocked, "BLOCK_VALUES", values)
        m.setattr(lazy_probabilities, "LAZY_MIN_SIZE", 1)
        m.setattr(blocked, "compute_in_blocks", spy)
        return doc.evaluate(), bool(taken and taken[0])


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_blocks_equal_one_call_for_every_loss(name, monkeypatch):
    for base in _documents(name):
        for reduction in dict.fromkeys((base.reduction, "none", "sum", "mean")):
            if reduction not in LOSSES[name].reductions:
                continue
            doc = base.copy()
            doc.reduction = reduction
            full = _one_call(doc, monkeypatch)
            for values in (1, 97, 4096):
                got, took = _in_blocks(doc, monkeypatch, values)
                if full.error is not None:
                    assert got.error is not None
                    assert str(got.error) == str(full.error)
                elif took:  # (otherwise it was the one call itself)
                    assert_same(got, full)


@pytest.mark.parametrize(
    ("name", "reduction"),
    [
        ("CrossEntropyLoss", "mean"),
        ("CrossEntropyLoss", "sum"),
        ("BCEWithLogitsLoss", "none"),
        ("MSELoss", "sum"),
        ("MultiMarginLoss", "none"),
    ],
)
def test_row_local_losses_take_the_blocked_path(name, reduction, monkeypatch):
    doc = random_batch(name, 8, reduction)
    assert row_separable(doc)
    got, took = _in_blocks(doc, monkeypatch, 4096)
    assert took
    assert_same(got, _one_call(doc, monkeypatch))


@pytest.mark.parametrize(
    "name",
    # Poly1: one loss per row and no weights, so its divisor is the row count
    ["MSELoss", "BCEWithLogitsLoss", "KLDivLoss", "Poly1CrossEntropyLoss"],
)
def test_mean_of_an_elementwise_loss_takes_blocks(name, monkeypatch):
    """The element count is learnt from the first block, then given to each."""
    doc = random_batch(name, 9, "mean")
    got, took = _in_blocks(doc, monkeypatch, 4096)
    assert took
    assert_same(got, _one_call(doc, monkeypatch))


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", ["CrossEntropyLoss", "NLLLoss"])
def test_mean_of_class_indices_in_blocks_uses_the_batch_w(
    name, weighted, dtype, monkeypatch
):
    """``W`` (the kept rows, or ``Σ w[y_n]``) is formed before the first block."""
    doc = random_batch(name, 5)
    doc.dtype = dtype
    doc.reduction = "mean"
    target = doc.tensors["target"]
    target[::7] = -100  # ignored rows change W
    if weighted:
        doc.tensor_params["weight"][...] = np.linspace(0.1, 3.0, 40)
        doc.enabled["weight"] = True
    full = _one_call(doc, monkeypatch)
    got, took = _in_blocks(doc, monkeypatch, 4096)
    assert took
    assert_same(got, full)
    assert got.result is not None and got.result.loss.denominator is not None


def test_a_block_that_torch_rejects_gives_the_one_call_error(monkeypatch):
    doc = random_batch("CrossEntropyLoss", 5)
    doc.tensors["target"][250] = 99
    full = _one_call(doc, monkeypatch)
    got, took = _in_blocks(doc, monkeypatch, 4096)
    assert full.error is not None and not took
    assert str(got.error) == str(full.error)


def test_progress_can_cancel_between_blocks(monkeypatch):
    doc = random_batch("CrossEntropyLoss", 5)
    monkeypatch.setattr(blocked, "BLOCK_VALUES", 4096)
    seen: list[float] = []

    def progress(fraction: float) -> bool:
        seen.append(fraction)
        return len(seen) < 2

    inputs = doc.evaluate().inputs
    kwargs = dict(doc.evaluate().kwargs)
    with pytest.raises(EvaluationCancelled):
        compute_in_blocks(doc, inputs, kwargs, progress)
    assert seen[0] == 0.0 and len(seen) == 2
