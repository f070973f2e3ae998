"""Compare table and gradient step: every number is compute()'s."""

from __future__ import annotations

import numpy as np
import pytest

from lossgui.engine import compute
from lossgui.engine.activations import log_softmax, sigmoid
from lossgui.session import new_document, startup_document
from lossgui.session.loss_compare import compare, data_kind, ranks
from lossgui.session.sgd import sgd_step


def rows_by_loss(comparison):
    return {row.label: row for row in comparison.rows}


def test_binary_comparison_equals_compute():
    doc = startup_document()
    z = np.float32([-0.8, 0.7, 0.5])
    y = np.float32([1.0, 0.0, 0.0])
    rows = rows_by_loss(compare(doc))
    want = float(compute("BCEWithLogitsLoss", z, y).value)
    assert rows["BCEWithLogitsLoss (session)"].value == want
    assert rows["BCELoss ∘ σ"].value == float(compute("BCELoss", sigmoid(z), y).value)
    mlsm = compute("MultiLabelSoftMarginLoss", z[:, None], y[:, None])
    assert rows["MultiLabelSoftMargin"].value == float(mlsm.value)
    focal = compute("sigmoid_focal_loss", z, y, reduction="mean")
    assert rows["focal (α=0.25, γ=2)"].value == float(focal.value)
    soft = compute("SoftMarginLoss", z, 2 * y - 1)
    assert rows["SoftMargin on 2y − 1"].value == float(soft.value)
    two = np.stack([np.zeros(3, np.float32), z], axis=1)
    ce = compute("CrossEntropyLoss", two, np.array([1, 0, 0]))
    assert rows["CE on [0, z]"].value == float(ce.value)
    # BCELoss∘sigmoid = BCEWithLogitsLoss = MultiLabelSoftMarginLoss (seed 000)
    for label in (
        "BCELoss ∘ σ",
        "MultiLabelSoftMargin",
        "CE on [0, z]",
    ):
        assert rows[label].value == pytest.approx(want, rel=1e-6)
    np.testing.assert_allclose(
        rows["BCEWithLogitsLoss (session)"].per_sample,
        compute("BCEWithLogitsLoss", z, y, reduction="none").value,
    )


def test_multiclass_comparison_equals_compute():
    doc = new_document("CrossEntropyLoss")
    z = doc.tensors["input"].astype(np.float32)
    y = doc.tensors["target"]
    onehot = np.eye(5, dtype=np.float32)[y]
    rows = rows_by_loss(compare(doc))
    ce = float(compute("CrossEntropyLoss", z, y).value)
    assert rows["CrossEntropyLoss (session)"].value == ce
    assert rows["NLLLoss ∘ log_softmax"].value == float(
        compute("NLLLoss", log_softmax(z, 1), y).value
    )
    assert rows["CE, smoothing 0.1"].value == float(
        compute("CrossEntropyLoss", z, y, label_smoothing=0.1).value
    )
    assert rows["CE on one-hot probabilities"].value == float(
        compute("CrossEntropyLoss", z, onehot).value
    )
    kl = compute("KLDivLoss", log_softmax(z, 1), onehot, reduction="batchmean")
    assert rows["KLDiv vs one-hot"].value == float(kl.value)
    assert rows["KLDiv vs one-hot"].value == pytest.approx(ce, rel=1e-6)
    assert rows["Poly-1 (ε=1)"].value == float(
        compute("Poly1CrossEntropyLoss", z, y).value
    )
    assert rows["MultiMargin (hinge)"].value == float(
        compute("MultiMarginLoss", z, y).value
    )
    per_class = rows["BCE per class (one-hot)"]
    assert per_class.value == float(compute("BCEWithLogitsLoss", z, onehot).value)
    assert rows["focal per class (one-hot)"].value == float(
        compute("sigmoid_focal_loss", z, onehot, reduction="mean").value
    )


def test_regression_comparison_and_ranking():
    doc = new_document("MSELoss")
    comparison = compare(doc)
    assert comparison.kind == "regression"
    x = doc.tensors["input"].astype(np.float32)
    t = doc.tensors["target"].astype(np.float32)
    for row in comparison.rows:
        assert row.value == float(compute(row.loss, x, t).value)
        np.testing.assert_array_equal(row.ranks, ranks(row.per_sample))
    assert ranks(np.array([0.1, 3.0, np.nan, 1.0])).tolist() == [3, 1, 4, 2]


def test_focal_changes_the_ranking():
    rows = rows_by_loss(compare(startup_document()))
    assert rows["BCEWithLogitsLoss (session)"].ranks.tolist() == [1, 2, 3]
    assert rows["focal (α=0.25, γ=2)"].ranks.tolist() == [3, 1, 2]


def test_one_step_change_is_the_loss_after_an_sgd_step():
    doc = startup_document()
    row = compare(doc, lr=0.5).rows[0]
    after = sgd_step(doc, 0.5)
    z = after.tensors["input"].astype(np.float32)
    want = compute(
        "BCEWithLogitsLoss", z, np.float32([1, 0, 0]), reduction="none"
    ).value
    np.testing.assert_allclose(row.change, want - row.per_sample, rtol=1e-6)
    assert (row.change < 0).all()


def test_sgd_step_moves_the_logits_against_the_gradient():
    doc = startup_document()
    grad = doc.evaluate().result.grad.astype(np.float64)
    stepped = sgd_step(doc, 2.0)
    np.testing.assert_allclose(stepped.tensors["input"], [-0.8, 0.7, 0.5] - 2.0 * grad)
    assert float(stepped.evaluate().value) < float(doc.evaluate().value)
    assert doc.tensors["input"].tolist() == [-0.8, 0.7, 0.5]  # untouched


def test_sgd_step_refuses_an_error_session():
    doc = new_document("CrossEntropyLoss")
    doc.tensors["target"] = np.array([9, 0, 1])
    with pytest.raises(ValueError, match="out of bounds"):
        sgd_step(doc, 1.0)


def test_other_kinds_show_just_the_session():
    doc = new_document("TripletMarginLoss")
    assert data_kind(doc) == "other"
    assert len(compare(doc).rows) == 1
