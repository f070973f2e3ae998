"""The logits pipeline: activation first, gradient carried back to the logits.

Expected activations come from plain-Python ``math`` (:func:`sigmoid_of`,
:func:`log_softmax_of`), not from the engine's own activation functions.
"""

import math

import numpy as np
import pytest

from lossgui.engine import compute
from lossgui.engine.pipeline import compute_from_logits, probabilities


def sigmoid_of(z: np.ndarray) -> np.ndarray:
    """``1 / (1 + e^-z)`` per element, in float64 by ``math``."""
    return np.array([1.0 / (1.0 + math.exp(-float(v))) for v in z.ravel()]).reshape(
        z.shape
    )


def log_softmax_of(z: np.ndarray) -> np.ndarray:
    """``z - log Σ e^z`` along the last axis of a 2-D array, by ``math.fsum``."""
    rows = []
    for row in z.tolist():
        top = max(row)
        lse = top + math.log(math.fsum(math.exp(v - top) for v in row))
        rows.append([v - lse for v in row])
    return np.array(rows)


LOGITS = np.array([-0.8, 0.7, 0.5], dtype=np.float32)
LABELS = np.array([1.0, 0.0, 0.0], dtype=np.float32)


def test_bce_on_logits_equals_bce_with_logits():
    through = compute_from_logits("BCELoss", LOGITS, LABELS)
    direct = compute("BCEWithLogitsLoss", LOGITS, LABELS)
    assert through.activation == "sigmoid"
    np.testing.assert_allclose(through.loss.value, direct.value, rtol=1e-6)
    np.testing.assert_allclose(through.grad, direct.grad, rtol=1e-5)
    assert through.activated.dtype == np.float32
    np.testing.assert_allclose(through.activated, sigmoid_of(LOGITS), rtol=2e-7)


def test_raw_mode_passes_the_grid_unchanged_and_keeps_torch_errors():
    probs = np.array([0.2, 0.9], dtype=np.float64)
    result = compute_from_logits(
        "BCELoss", probs, np.array([0.0, 1.0]), input_mode="raw"
    )
    assert result.activation is None
    np.testing.assert_array_equal(result.grad, result.loss.grad)
    from lossgui.engine import LossInputError

    with pytest.raises(LossInputError, match="between 0 and 1"):
        compute_from_logits("BCELoss", [1.5], [1.0], input_mode="raw")


def test_nll_on_logits_equals_cross_entropy():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(4, 5))
    y = np.array([0, 3, 1, 4])
    through = compute_from_logits("NLLLoss", z, y, weight=np.arange(1.0, 6.0))
    direct = compute("CrossEntropyLoss", z, y, weight=np.arange(1.0, 6.0))
    np.testing.assert_allclose(through.loss.value, direct.value, rtol=1e-12)
    np.testing.assert_allclose(through.grad, direct.grad, rtol=1e-10, atol=1e-15)


def test_kl_divergence_takes_log_softmax_over_the_class_dim():
    z = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]])
    teacher = np.array([[0.2, 0.5, 0.3], [0.1, 0.1, 0.8]])
    result = compute_from_logits("KLDivLoss", z, teacher, reduction="batchmean")
    # z - lse cancels: a few ε of |z| ≤ 3 absolute.
    want = log_softmax_of(z)
    np.testing.assert_allclose(result.activated, want, rtol=1e-15, atol=1e-14)
    # d/dz of batchmean KL(teacher || softmax(z)) is (softmax(z) - teacher) / N
    softmax = np.array([[math.exp(v) for v in row] for row in log_softmax_of(z)])
    expected = (softmax - teacher) / 2
    np.testing.assert_allclose(result.grad, expected, rtol=1e-12)


def test_ctc_softmax_runs_over_the_last_dimension():
    rng = np.random.default_rng(1)
    logits = rng.normal(size=(6, 2, 4))
    targets = np.array([[1, 2], [3, 3]])
    lengths = np.array([6, 5]), np.array([2, 2])
    result = compute_from_logits("CTCLoss", logits, targets, *lengths, reduction="sum")
    np.testing.assert_allclose(np.exp(result.activated).sum(axis=-1), 1.0, rtol=1e-12)
    # Finite differences of the loss w.r.t. one logit.
    step = 1e-6
    bumped = logits.copy()
    bumped[2, 1, 3] += step
    moved = compute_from_logits("CTCLoss", bumped, targets, *lengths, reduction="sum")
    numeric = (float(moved.loss.value) - float(result.loss.value)) / step
    assert result.grad[2, 1, 3] == pytest.approx(numeric, rel=1e-4, abs=1e-6)


def test_probabilities_for_display():
    assert probabilities("MSELoss", LOGITS) is None
    shown = probabilities("BCEWithLogitsLoss", LOGITS)
    assert shown.dtype == np.float32
    np.testing.assert_allclose(shown, sigmoid_of(LOGITS), rtol=2e-7)
    rows = probabilities("CrossEntropyLoss", np.zeros((2, 4)))
    np.testing.assert_allclose(rows, 0.25)
    np.testing.assert_array_equal(probabilities("BCELoss", LOGITS, "raw"), LOGITS)
