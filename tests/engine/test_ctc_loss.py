"""CTCLoss: values, torch's gradient convention, errors, and live torch parity.

The hand-checked cases enumerate every alignment path (``C ** T`` of them),
so they test the recursion against the definition, not against itself.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

import numpy as np
import pytest
from _ctc_parity import assert_ctc_matches_torch

from lossgui.engine import LOSSES, LossInputError, compute
from lossgui.engine.activations import log_softmax, log_softmax_backward


def log_probs(rng: np.random.Generator, shape: tuple[int, ...], scale: float = 2.0):
    return log_softmax(rng.normal(size=shape) * scale, axis=-1)


def brute_force(lp: np.ndarray, target: list[int], blank: int) -> tuple[float, Any]:
    """Loss and torch's gradient ``exp(lp) - γ`` of one (T, C) sample, by paths."""
    steps, classes = lp.shape
    total, occupancy = 0.0, np.zeros_like(lp)
    for path in itertools.product(range(classes), repeat=steps):
        merged = [k for i, k in enumerate(path) if i == 0 or k != path[i - 1]]
        if [k for k in merged if k != blank] == target:
            p = float(np.exp(sum(lp[t, k] for t, k in enumerate(path))))
            total += p
            for t, k in enumerate(path):
                occupancy[t, k] += p
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.log(total), np.exp(lp) - occupancy / total


# --------------------------------------------------------------------------- #
# Hand-checked values (alignment enumeration)
# --------------------------------------------------------------------------- #


def test_single_frame_single_label() -> None:
    lp = np.log(np.array([[[0.2, 0.5, 0.3]]]))
    r = compute("CTCLoss", lp, [[1]], [1], [1], reduction="none")
    np.testing.assert_allclose(r.value, [-np.log(0.5)], rtol=1e-15)
    # torch's convention: exp(lp) - γ, with γ = 1 on the only path's label.
    np.testing.assert_allclose(r.grad, [[[0.2, 0.5 - 1.0, 0.3]]], rtol=1e-15)


def test_two_frames_one_label_by_hand() -> None:
    p = np.array([[0.6, 0.3, 0.1], [0.2, 0.7, 0.1]])
    # Alignments of "1" in two frames: (1,1), (∅,1), (1,∅).
    paths = p[0, 1] * p[1, 1] + p[0, 0] * p[1, 1] + p[0, 1] * p[1, 0]
    r = compute("CTCLoss", np.log(p), [1], [2], [1], reduction="none")
    assert r.value.shape == ()
    np.testing.assert_allclose(r.value, -np.log(paths), rtol=1e-14)
    gamma_1_at_0 = (p[0, 1] * p[1, 1] + p[0, 1] * p[1, 0]) / paths
    np.testing.assert_allclose(r.grad[0, 1], p[0, 1] - gamma_1_at_0, rtol=1e-14)


@pytest.mark.parametrize("seed", range(12))
def test_matches_alignment_enumeration(seed: int) -> None:
    rng = np.random.default_rng(seed)
    steps, classes = int(rng.integers(1, 5)), int(rng.integers(2, 4))
    blank = int(rng.integers(0, classes))
    labels = [k for k in range(classes) if k != blank]
    target = [int(k) for k in rng.choice(labels, size=rng.integers(0, 3))]
    lp = log_probs(rng, (steps, classes))
    loss, grad = brute_force(lp, target, blank)
    r = compute("CTCLoss", lp, target, steps, len(target), blank=blank, reduction="sum")
    np.testing.assert_allclose(r.value, loss, rtol=1e-12)
    np.testing.assert_allclose(r.grad, grad, rtol=1e-12, atol=1e-14, equal_nan=True)


def test_empty_target_is_all_blank() -> None:
    lp = log_probs(np.random.default_rng(1), (4, 1, 3))
    r = compute("CTCLoss", lp, np.zeros((1, 0), np.int64), [3], [0], reduction="none")
    np.testing.assert_allclose(r.value, [-lp[:3, 0, 0].sum()], rtol=1e-14)
    expected = np.exp(lp[:, 0, :])
    expected[:3, 0] -= 1.0
    expected[3] = 0.0  # frames past input_length get no gradient
    np.testing.assert_allclose(r.grad[:, 0, :], expected, atol=1e-15)


def test_zero_input_and_target_length_gives_negative_zero() -> None:
    r = compute("CTCLoss", np.zeros((2, 1, 3)), [[1]], [0], [0], reduction="none")
    assert r.value[0] == 0.0 and np.signbit(r.value[0])
    assert not r.grad.any()


# --------------------------------------------------------------------------- #
# Infeasible alignments and zero_infinity
# --------------------------------------------------------------------------- #


def _infeasible() -> tuple[np.ndarray, ...]:
    lp = log_probs(np.random.default_rng(2), (4, 3, 3))
    targets = np.array([[1, 1], [1, 2], [1, 2]])  # "11" needs 3 frames
    return lp, targets, np.array([2, 4, 0]), np.array([2, 2, 2])


def test_infeasible_gives_inf_and_nan_gradient() -> None:
    lp, tg, il, tl = _infeasible()
    r = compute("CTCLoss", lp, tg, il, tl, reduction="none")
    assert r.value[0] == np.inf and np.isfinite(r.value[1]) and r.value[2] == np.inf
    assert np.isnan(r.grad[:2, 0]).all() and not r.grad[2:, 0].any()
    assert np.isfinite(r.grad[:, 1]).all()
    # Input length 0: inf loss but torch writes no gradient at all (zeros).
    assert not r.grad[:, 2].any()
    assert compute("CTCLoss", lp, tg, il, tl).value == np.inf


def test_zero_infinity_zeroes_loss_and_gradient_but_keeps_the_count() -> None:
    lp, tg, il, tl = _infeasible()
    none = compute("CTCLoss", lp, tg, il, tl, reduction="none", zero_infinity=True)
    assert none.value[0] == 0.0 and none.value[2] == 0.0
    assert not none.grad[:, 0].any() and not none.grad[:, 2].any()
    mean = compute("CTCLoss", lp, tg, il, tl, zero_infinity=True)
    np.testing.assert_allclose(mean.value, none.value[1] / 2 / 3, rtol=1e-15)
    assert mean.denominator == 3.0


# --------------------------------------------------------------------------- #
# Layouts, reductions, dtypes
# --------------------------------------------------------------------------- #


def test_padded_and_concatenated_targets_agree() -> None:
    lp = log_probs(np.random.default_rng(3), (6, 2, 4))
    padded = np.array([[1, 2, 3], [3, 3, -7]])  # padding is never read
    concatenated = np.array([1, 2, 3, 3, 3])
    for reduction in ("none", "sum", "mean"):
        a = compute("CTCLoss", lp, padded, (6, 5), (3, 2), reduction=reduction)
        b = compute("CTCLoss", lp, concatenated, [6, 5], [3, 2], reduction=reduction)
        np.testing.assert_array_equal(a.value, b.value)
        np.testing.assert_array_equal(a.grad, b.grad)


def test_unbatched_equals_batch_of_one() -> None:
    lp = log_probs(np.random.default_rng(4), (5, 3))
    for reduction in ("none", "sum", "mean"):
        u = compute("CTCLoss", lp, [1, 2], 5, 2, reduction=reduction)
        b = compute("CTCLoss", lp[:, None], [[1, 2]], [5], [2], reduction=reduction)
        assert u.value.shape == () and u.grad.shape == (5, 3)
        np.testing.assert_array_equal(u.value, b.value.reshape(()))
        np.testing.assert_array_equal(u.grad, b.grad[:, 0])


def test_mean_divides_each_sample_by_its_target_length() -> None:
    lp = log_probs(np.random.default_rng(5), (6, 3, 4))
    tg, il, tl = np.array([[1, 2, 3], [2, 0, 0], [3, 3, 0]]), [6, 4, 5], [3, 0, 2]
    none = compute("CTCLoss", lp, tg, il, tl, reduction="none", blank=0)
    mean = compute("CTCLoss", lp, tg, il, tl)
    per = np.array([3.0, 1.0, 2.0])
    np.testing.assert_allclose(mean.value, np.mean(none.value / per), rtol=1e-15)
    np.testing.assert_allclose(mean.grad, none.grad / (3 * per)[:, None], rtol=1e-15)
    np.testing.assert_array_equal(mean.elementwise, none.value)
    assert mean.denominator == 3.0
    assert mean.numerator == pytest.approx(np.sum(none.value / per), rel=1e-15)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_follows_log_probs(dtype: type) -> None:
    lp = log_probs(np.random.default_rng(6), (4, 2, 3)).astype(dtype)
    for reduction in ("none", "mean"):
        r = compute("CTCLoss", lp, [[1], [2]], [4, 3], [1, 1], reduction=reduction)
        assert r.value.dtype == dtype and r.grad.dtype == dtype


def test_target_dtypes_are_cast_like_torch() -> None:
    lp = log_probs(np.random.default_rng(7), (5, 2, 3))
    ref = compute("CTCLoss", lp, np.array([[1, 2], [1, 0]]), [5, 5], [2, 1])
    for tg in (
        np.array([[1.7, 2.2], [1.0, 9.0]]),  # truncated; the 9.0 is padding
        np.array([[1, 2], [1, 0]], dtype=np.int32),
    ):
        r = compute("CTCLoss", lp, tg, [5, 5], [2, 1])
        np.testing.assert_array_equal(r.value, ref.value)


def _central_difference(f: Any, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    out = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[idx] = h
        out[idx] = (f(x + step) - f(x - step)) / (2 * h)
    return out


def test_gradient_convention_is_torchs_not_the_plain_derivative() -> None:
    """grad = exp(lp) - γ: the true d loss / d lp is -γ, and grad is exact after
    a log_softmax backward (it is the gradient w.r.t. the logits)."""
    rng = np.random.default_rng(8)
    logits = rng.normal(size=(5, 2, 4))
    lp = log_softmax(logits, 2)
    args = ([[1, 3], [2, 2]], [5, 5], [2, 2])

    def loss(x: np.ndarray) -> float:
        return float(compute("CTCLoss", x, *args, reduction="sum").value)

    grad = compute("CTCLoss", lp, *args, reduction="sum").grad
    true_grad = _central_difference(loss, lp)  # log_probs as free variables
    np.testing.assert_allclose(grad - np.exp(lp), true_grad, atol=1e-7)
    assert np.max(np.abs(grad - true_grad)) > 0.1
    logit_grad = _central_difference(lambda z: loss(log_softmax(z, 2)), logits)
    np.testing.assert_allclose(log_softmax_backward(grad, lp, 2), logit_grad, atol=1e-7)
    np.testing.assert_allclose(grad, logit_grad, atol=1e-7)


def test_fast_enough_for_live_editing() -> None:
    rng = np.random.default_rng(9)
    lp = log_probs(rng, (200, 32, 30))
    tg = rng.integers(1, 30, size=(32, 50))
    il, tl = rng.integers(150, 201, size=32), rng.integers(10, 51, size=32)
    start = time.process_time()  # CPU time: robust against a busy machine
    r = compute("CTCLoss", lp, tg, il, tl)
    assert time.process_time() - start < 1.0
    assert np.isfinite(r.value) and np.isfinite(r.grad).all()


def test_registry_entry() -> None:
    spec = LOSSES["CTCLoss"]
    assert spec.family == "sequence" and not spec.legacy_args
    assert spec.activation == "log_softmax_last"
    assert [(a.name, a.kind) for a in spec.forward] == [
        ("log_probs", "float"),
        ("targets", "index"),
        ("input_lengths", "length"),
        ("target_lengths", "length"),
    ]
    assert spec.defaults == {"blank": 0, "zero_infinity": False, "reduction": "mean"}
    lp = np.zeros((4, 1, 3))
    r = compute("CTCLoss", lp, [[1]], [4], [1], reduction="elementwise_mean")
    assert r.reduction == "mean" and "elementwise_mean" in r.warnings[0]


# --------------------------------------------------------------------------- #
# Errors: torch's exception type and text
# --------------------------------------------------------------------------- #

_W = " (while checking arguments for ctc_loss_allocate_outputs)"
_LP = np.zeros((4, 2, 3))
_TG = np.array([[1, 2], [1, 1]])

ERRORS: list[tuple[str, tuple[Any, ...], dict[str, Any], str, str]] = [
    ("blank-high", (_LP, _TG, [4, 4], [2, 2]), {"blank": 3}, "RuntimeError",
     "blank must be in label range"),
    ("blank-negative", (_LP, _TG, [4, 4], [2, 2]), {"blank": -1}, "RuntimeError",
     "blank must be in label range"),
    ("input-too-long", (_LP, _TG, [4, 7], [2, 2]), {}, "RuntimeError",
     f"Expected input_lengths to have value at most 4, but got value 7{_W}"),
    ("input-negative", (_LP, _TG, [-1, 4], [2, 2]), {}, "RuntimeError",
     f"Expected input_lengths to have value at least 0, but got value -1{_W}"),
    ("target-negative", (_LP, _TG, [4, 4], [2, -1]), {}, "RuntimeError",
     f"Expected target_lengths to have value at least 0, but got value -1{_W}"),
    ("target-longer-than-S", (_LP, _TG, [4, 4], [3, 2]), {}, "RuntimeError",
     "Expected tensor to have size at least 3 at dimension 1, but got size 2 for "
     f"argument #2 'targets'{_W}"),
    ("target-rows", (_LP, np.ones((3, 2), np.int64), [4, 4], [2, 2]), {},
     "RuntimeError", "Expected tensor to have size 2 at dimension 0, but got size "
     f"3 for argument #2 'targets'{_W}"),
    ("concatenated-size", (_LP, np.array([1, 2, 1, 1]), [4, 4], [2, 3]), {},
     "RuntimeError", "Expected tensor to have size 5 at dimension 0, but got size "
     f"4 for argument #2 'targets'{_W}"),
    ("targets-3d", (_LP, np.ones((2, 2, 1), np.int64), [4, 4], [2, 2]), {},
     "RuntimeError", "Expected 1 to 2 dimensions, but got 3-dimensional tensor "
     f"for argument #2 'targets'{_W}"),
    ("input-lengths-size", (_LP, _TG, [4, 4, 4], [2, 2]), {}, "RuntimeError",
     "input_lengths must be of size batch_size"),
    ("target-lengths-size", (_LP, _TG, [4, 4], [2]), {}, "RuntimeError",
     "target_lengths must be of size batch_size"),
    ("float-lengths", (_LP, _TG, np.array([4.0, 4.0]), [2, 2]), {}, "RuntimeError",
     "input_lengths must be integral"),
    ("bool-lengths", (_LP, _TG, [4, 4], np.array([True, True])), {},
     "RuntimeError", "target_lengths must be integral"),
    ("integer-log-probs", (np.zeros((4, 2, 3), np.int64), _TG, [4, 4], [2, 2]), {},
     "NotImplementedError", "\"ctc_loss_cpu\" not implemented for 'Long'"),
    ("half-log-probs", (np.zeros((4, 2, 3), np.float16), _TG, [4, 4], [2, 2]), {},
     "NotImplementedError", "\"ctc_loss_cpu\" not implemented for 'Half'"),
    ("empty", (np.zeros((0, 2, 3)), _TG, [0, 0], [2, 2]), {}, "RuntimeError",
     "log_probs tensor must not be empty"),
    ("log-probs-4d", (np.zeros((4, 2, 3, 1)), _TG, [4, 4], [2, 2]), {},
     "RuntimeError", "Expected 3-dimensional tensor, but got 5-dimensional tensor "
     f"for argument #1 'log_probs'{_W}"),
    ("log-probs-0d", (np.float64(0.0), _TG, [4, 4], [2, 2]), {}, "IndexError",
     "Dimension out of range (expected to be in range of [-1, 0], but got 1)"),
    ("unbatched-target-size", (np.zeros((4, 3)), np.array([1, 2, 1]), [4], [2]),
     {}, "RuntimeError", "Expected tensor to have size 2 at dimension 0, but got "
     f"size 3 for argument #2 'targets'{_W}"),
    ("bad-reduction", (_LP, _TG, [4, 4], [2, 2]), {"reduction": "foo"},
     "ValueError", "foo is not a valid value for reduction"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "kwargs", "kind", "message"),
    [case[1:] for case in ERRORS],
    ids=[case[0] for case in ERRORS],
)
def test_errors_carry_torch_text(
    args: tuple[Any, ...], kwargs: dict[str, Any], kind: str, message: str
) -> None:
    with pytest.raises(LossInputError) as info:
        compute("CTCLoss", *args, **kwargs)
    assert (info.value.torch_type, str(info.value)) == (kind, message)


def test_lossgui_only_errors() -> None:
    with pytest.raises(LossInputError, match="Target 3 is out of bounds") as info:
        compute("CTCLoss", _LP, [[1, 3], [1, 1]], [4, 4], [2, 2])
    assert info.value.torch_type == "IndexError"
    with pytest.raises(LossInputError, match="unexpected keyword argument"):
        compute("CTCLoss", _LP, _TG, [4, 4], [2, 2], size_average=True)
    with pytest.raises(LossInputError, match="'blank' must be int, not float"):
        compute("CTCLoss", _LP, _TG, [4, 4], [2, 2], blank=1.5)


# --------------------------------------------------------------------------- #
# Live comparison with torch
# --------------------------------------------------------------------------- #


@pytest.fixture
def torch() -> Any:
    """Torch on one thread: its CTC kernel's thread pool is slow on small cases."""
    module = pytest.importorskip("torch")
    threads = module.get_num_threads()
    module.set_num_threads(1)
    yield module
    module.set_num_threads(threads)


@pytest.mark.parametrize(
    ("args", "kwargs", "kind", "message"),
    [case[1:] for case in ERRORS],
    ids=[case[0] for case in ERRORS],
)
def test_error_texts_are_torchs(
    torch: Any, args: tuple[Any, ...], kwargs: dict[str, Any], kind: str, message: str
) -> None:
    tensors = [torch.as_tensor(np.asarray(a)) for a in args]
    with pytest.raises(Exception) as info:
        torch.nn.CTCLoss(**kwargs)(*tensors)
    assert (type(info.value).__name__, str(info.value)) == (kind, message)


def _random_case(seed: int) -> tuple[tuple[Any, ...], int]:
    rng = np.random.default_rng(1000 + seed)
    steps, batch = int(rng.integers(1, 25)), int(rng.integers(1, 5))
    classes, width = int(rng.integers(1, 7)), int(rng.integers(0, 7))
    lp = log_probs(rng, (steps, batch, classes), scale=3.0)
    if seed % 5 == 0:
        lp[rng.random(lp.shape) < 0.1] = -np.inf
    if seed % 11 == 4:
        lp[rng.random(lp.shape) < 0.05] = np.nan
    blank = int(rng.integers(0, classes))
    tl = rng.integers(0, width + 1, size=batch)
    il = rng.integers(0, steps + 1, size=batch)
    tg = rng.integers(0, classes, size=(batch, width))  # blank in targets too
    if seed % 2:
        tg = np.concatenate([tg[b, : tl[b]] for b in range(batch)]).astype(np.int64)
    if seed % 7 == 3:
        tg = tg.astype(np.int32)
    if batch == 1 and seed % 3 == 0:
        return (lp[:, 0], tg, il[:1], tl[:1]), blank
    return (lp, tg, il, tl), blank


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("seed", range(30))
def test_matches_live_torch(torch: Any, seed: int, dtype: type) -> None:
    (lp, tg, il, tl), blank = _random_case(seed)
    lp = lp.astype(dtype)
    assert_ctc_matches_torch(torch, (lp, tg, il, tl), blank)


def test_mean_gradient_scales_in_autograds_order() -> None:
    """'mean' sends ``(1/N) / max(L_b, 1)`` down to the kernel's ``core``.

    With N = 3 that differs in the last bit from ``(core / L_b) · (1/N)``
    for some entries; the engine must form the former, as torch does.
    """
    rng = np.random.default_rng(7)
    lp = log_probs(rng, (20, 3, 6), scale=3.0).astype(np.float32)
    tg = rng.integers(1, 6, size=(3, 5))
    il, tl = np.array([20, 17, 12]), np.array([5, 3, 4])
    core = compute("CTCLoss", lp, tg, il, tl, reduction="none").grad
    mean = compute("CTCLoss", lp, tg, il, tl, reduction="mean").grad
    dtype = np.float32
    per = np.maximum(tl, 1).astype(lp.dtype)
    upstream = (dtype(1) / dtype(3)) / per
    assert mean.tobytes() == (core * upstream[None, :, None]).tobytes()
    other = (core * (dtype(1) / per)[None, :, None]) * (dtype(1) / dtype(3))
    assert other.tobytes() != mean.tobytes()
