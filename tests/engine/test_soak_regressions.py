"""Engine/torch divergences the hypothesis soak found, pinned to torch 2.13's numbers.

Each case records torch's value and the gradient of its sum w.r.t. the first
tensor (``tests/properties``' convention). The torch-free test checks the
engine against the recorded numbers; the live test (skipped without torch)
checks that the recorded numbers are still torch's.

* ``PoissonNLLLoss(log_input=False)``: autograd sends ``g`` (``1 / N`` under
  ``'mean'``) down *before* the backward formulas and divides the product's
  gradient by ``x + eps`` last: ``g + ((-g) · y) / (x + eps)``. A subnormal
  ``g · y`` underflows to 0, so ``0 / 0`` gives NaN where ``1 - y / (x + eps)``
  gives ``-inf``; a broadcast target is summed before the division (``-inf``,
  not ``NaN + -inf``); ``g · y`` keeps a finite gradient where ``y / (x + eps)``
  overflows.
* ``TripletMarginWithDistanceLoss`` with ``1 - F.cosine_similarity``: the
  norm's clamp is a no-grad in-place edit (its backward uses the unclamped
  norm) and the anchor's four terms (``d(a, n)``'s, then ``d(a, p)``'s) are
  added in autograd's order after scaling by ``1 / N``: for ``a = 1e-9`` the
  float32 terms ``±3.3e7`` do not cancel to 0 under ``'mean'`` (but do under
  ``'sum'``).
* Integer tensors: ``PoissonNLLLoss`` promotes op by op (an ``int64`` input
  with a 0-d ``float64`` target is float32); the triplet distances subtract
  (and square) two integer tensors in their integer dtype, wrapping as torch
  does (``uint8`` 0 - 1 = 255).
* Integer and bool tensors elsewhere: an integer ``HingeEmbeddingLoss`` sums
  to int64, and its ``margin`` must fit the input's dtype (``margin - x`` is
  ``fill_`` then ``sub_``); ``SoftMarginLoss``'s backward negates an integer
  target in its own dtype (``uint8`` 1 becomes 255); ``CosineEmbeddingLoss``
  squares integers in their dtype (wrapping) and sums them into int64; a bool
  ``BCEWithLogitsLoss`` target fails on ``1 - target``.
* Errors (:data:`ERROR_CASES`): a constructor's ``TypeError`` comes before
  any tensor check; Poly-1's cross-entropy is the unreduced one (its target
  checks are ``reduction='none'``'s) and its ``log_softmax`` names the kernel
  of the class dim and lets an empty integer input through to ``nll_loss``;
  for a 0-d input it fails as ``cross_entropy`` does (a 0-d target is read as
  class probabilities, anything else reaches ``log_softmax(x, 1)``).
* ``CosineEmbeddingLoss`` ``'mean'``: autograd sends ``1 / N`` down before the
  backward formulas, which matters in float32 when a row's terms cancel.
* ``CrossEntropyLoss`` with ``label_smoothing``: torch sums the smoothing term
  (and the NLL term) before scaling it, so ``'sum'``/``'mean'`` overflow to
  ``inf`` where the scaled elementwise loss sums to a finite number.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from torch_parity import assert_matches_torch, input_scale, working_precision

from lossgui.engine import LossInputError, compute
from lossgui.engine.distances import cosine_distance

F32, F64 = np.float32, np.float64
NAN, INF = math.nan, math.inf

_ANCHOR = np.array([[0.0], [0.0], [1e-9]], F32)
_UNIT = np.array([[0.0], [0.0], [1.0]], F32)
_U8_ZERO = np.zeros((1, 2), np.uint8)

#: (id, loss, tensors, kwargs, torch's value, torch's gradient).
CASES: list[tuple[str, str, list[Any], dict[str, Any], Any, Any]] = [
    (
        "poisson-subnormal-target-mean",
        "PoissonNLLLoss",
        [np.array([-1.0, 0.0, 0.0], F64), np.array([5e-324, 1.0, 1.0], F64)],
        {"log_input": False, "eps": 1.0, "reduction": "mean"},
        np.array(INF, F64),
        np.array([NAN, 0.0, 0.0], F64),
    ),
    (
        "poisson-subnormal-target-none",
        "PoissonNLLLoss",
        [np.array([-1.0], F64), np.array([5e-324], F64)],
        {"log_input": False, "eps": 1.0, "reduction": "none"},
        np.array([INF], F64),
        np.array([-INF], F64),
    ),
    (
        "poisson-broadcast-target-summed-before-division",
        "PoissonNLLLoss",
        [np.array([-1.0], F64), np.array([5e-324, 0.0], F64)],
        {"log_input": False, "eps": 1.0, "reduction": "sum"},
        np.array(NAN, F64),
        np.array([-INF], F64),
    ),
    (
        "poisson-mean-scales-before-dividing",
        "PoissonNLLLoss",
        [np.array([-1.0], F64), np.array([1e308, 1.0], F64)],
        {"log_input": False, "eps": 1.5, "reduction": "mean"},
        np.array(3.465735902799726e307, F64),
        np.array([-1e308], F64),
    ),
    (
        "poisson-int-input-0d-float64-target-is-float32",
        "PoissonNLLLoss",
        [np.array([1, 2], np.int64), np.array(3.0, F64)],
        {"log_input": False, "reduction": "none"},
        np.array([1.0, -0.07944154739379883], F32),
        None,
    ),
    (
        "poisson-int-input-exp-is-torchs-float32-exp",
        "PoissonNLLLoss",
        [np.array([1], np.int64), np.array([0.0], F64)],
        {"reduction": "none"},
        np.array([2.7182817459106445], F64),  # float32(e), not its neighbour
        None,
    ),
    (
        "triplet-uint8-difference-wraps",
        "TripletMarginLoss",
        [_U8_ZERO, np.array([[0, 1]], np.uint8), _U8_ZERO.copy()],
        {"reduction": "none"},
        np.array([256.0], F32),
        None,
    ),
    (
        "triplet-uint8-square-wraps",
        "TripletMarginWithDistanceLoss",
        [_U8_ZERO, np.array([[0, 20]], np.uint8), _U8_ZERO.copy()],
        {"distance_function": "squared_euclidean", "reduction": "none"},
        np.array([145.0], F32),  # 1 + (236² mod 256 = 144) - 0
        None,
    ),
    (
        "triplet-cosine-tiny-anchor-mean",
        "TripletMarginWithDistanceLoss",
        [_ANCHOR, _UNIT, _UNIT.copy()],
        {"distance_function": "cosine_distance", "reduction": "mean"},
        np.array(1.0, F32),
        np.array([[0.0], [0.0], [-0.5]], F32),
    ),
    (
        "triplet-cosine-tiny-anchor-sum",
        "TripletMarginWithDistanceLoss",
        [_ANCHOR, _UNIT, _UNIT.copy()],
        {"distance_function": "cosine_distance", "reduction": "sum"},
        np.array(3.0, F32),
        np.array([[0.0], [0.0], [0.0]], F32),
    ),
    (
        "hinge-int32-sum-is-int64",
        "HingeEmbeddingLoss",
        [np.array([0, 2], np.int32), np.array([1.0, -1.0], F32)],
        {"reduction": "sum"},
        np.array(0, np.int64),
        None,
    ),
    (
        "hinge-int32-none-keeps-int32",
        "HingeEmbeddingLoss",
        [np.array([0, 2], np.int32), np.array([1.0, -1.0], F32)],
        {"reduction": "none"},
        np.array([0, 0], np.int32),
        None,
    ),
    (
        "soft-margin-uint8-target-negation-wraps",
        "SoftMarginLoss",
        [np.array([-1.0, 1.0], F64), np.array([2, 1], np.uint8)],
        {"reduction": "sum"},
        np.array(2.4401896985611957, F64),
        np.array([-9.777584822639315e-111, -1.0], F64),  # -2 e^-254, -e^255/(1+e^255)
    ),
    (
        "cosine-int8-squares-sum-into-int64",
        "CosineEmbeddingLoss",
        [np.array([[0, 0], [3, 11]], np.int8), np.zeros((2, 2), F32), np.array([1, 1])],
        {"margin": 0, "reduction": "none"},
        np.array([1.0, 1.0], F32),  # 9 + 121 = 130 does not wrap to -126
        None,
    ),
    (
        "cosine-int8-square-wraps",
        "CosineEmbeddingLoss",
        [np.array([[16]], np.int8), np.array([[1]], np.int8), np.array([1])],
        {"reduction": "none"},
        np.array([-15999999.0], F32),  # 16² wraps to 0: cos = 16 / sqrt(1e-12)
        None,
    ),
    (
        "cosine-float32-mean-scales-before-backward",
        "CosineEmbeddingLoss",
        [
            np.array([[0.0, 2**-9], [0.0, 0.0], [0.0, 0.0]], F32),
            np.array([[0.0, 1.0], [0.0, 0.0], [0.0, 0.0]], F32),
            np.ones(3, F32),
        ],
        {"margin": 0.0, "reduction": "mean"},
        np.array(0.6666666865348816, F32),
        np.array([[0.0, -4.57763671875e-05], [0.0, 0.0], [0.0, 0.0]], F32),
    ),
    (
        "ce-smoothing-sum-overflows-before-scaling",
        "CrossEntropyLoss",
        [np.array([[0.0, -1e308], [0.0, -1e308]], F64), np.array([0, 0])],
        {"label_smoothing": 0.1, "reduction": "sum"},
        np.array(INF, F64),  # Σ smooth = 2e308 overflows before · ε / C
        np.array([[0.04999999999999993, -0.05], [0.04999999999999993, -0.05]], F64),
    ),
    (
        "ce-smoothing-mean-overflows-before-scaling",
        "CrossEntropyLoss",
        [np.array([[0.0, -1e308], [0.0, -1e308]], F64), np.array([0, 0])],
        {"label_smoothing": 0.1, "reduction": "mean"},
        np.array(INF, F64),
        np.array([[0.024999999999999967, -0.025], [0.024999999999999967, -0.025]], F64),
    ),
    (
        "ce-smoothing-huge-weight-sum-overflows",
        "CrossEntropyLoss",
        [np.zeros((2, 2), F64), np.array([0, 1])],
        {
            "weight": np.array([1e308, 1e308]),
            "label_smoothing": 0.1,
            "reduction": "sum",
        },
        np.array(INF, F64),
        np.array(
            [[-4.5e307, 4.500000000000001e307], [4.500000000000001e307, -4.5e307]]
        ),
    ),
]

IDS = [case[0] for case in CASES]


def rule(tensors: list[Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    """:func:`assert_matches_torch`'s precision and input scale for one call."""
    arguments = [*tensors, *kwargs.values()]
    return {
        "precision": working_precision(*arguments),
        "scale": input_scale(*arguments),
    }


@pytest.mark.parametrize(
    ("name", "loss", "tensors", "kwargs", "value", "grad"), CASES, ids=IDS
)
def test_engine_matches_recorded_torch(
    name: str,
    loss: str,
    tensors: list[Any],
    kwargs: dict[str, Any],
    value: Any,
    grad: Any,
) -> None:
    result = compute(loss, *tensors, **kwargs)
    same = rule(tensors, kwargs)
    assert_matches_torch(result.value, value, what=f"{name} value", **same)
    if grad is not None:  # None: an integer input, which torch cannot differentiate
        assert_matches_torch(result.grad, grad, what=f"{name} grad", **same)


def _torch_call(torch: Any, loss: str, kwargs: dict[str, Any]) -> Any:
    kwargs = dict(kwargs)
    if kwargs.get("distance_function") == "cosine_distance":
        cosine = torch.nn.functional.cosine_similarity
        kwargs["distance_function"] = lambda x, y: 1.0 - cosine(x, y, dim=-1)
    elif kwargs.get("distance_function") == "squared_euclidean":
        kwargs["distance_function"] = lambda x, y: (x - y).pow(2).sum(-1)
    kwargs = {
        k: torch.from_numpy(v.copy()) if isinstance(v, np.ndarray) else v
        for k, v in kwargs.items()
    }
    return getattr(torch.nn, loss)(**kwargs)


@pytest.mark.parametrize(
    ("name", "loss", "tensors", "kwargs", "value", "grad"), CASES, ids=IDS
)
def test_recorded_numbers_are_torchs(
    name: str,
    loss: str,
    tensors: list[Any],
    kwargs: dict[str, Any],
    value: Any,
    grad: Any,
) -> None:
    torch = pytest.importorskip("torch")
    inputs = [torch.from_numpy(t.copy()) for t in tensors]
    inputs[0].requires_grad_(grad is not None)
    out = _torch_call(torch, loss, kwargs)(*inputs)
    same = rule(tensors, kwargs)
    assert_matches_torch(out, value, what=f"{name} value", **same)
    if grad is not None:
        out.sum().backward()
        assert_matches_torch(inputs[0].grad, grad, what=f"{name} grad", **same)


def test_cosine_norm_backward_sees_the_unclamped_norm() -> None:
    """``d/dx (1 - cos(x, 1))`` at ``x = 1e-9``: ``-(1e8 - 1e7)``, not ``-1e8``.

    ``F.cosine_similarity`` clamps ``‖x‖ = 1e-9`` to ``1e-8`` in place under
    ``no_grad``, so the quotient's backward uses ``1e-8`` but the norm's
    backward divides by the true ``1e-9``.
    """
    x, y = np.array([[1e-9]], F32), np.array([[1.0]], F32)
    distance = cosine_distance(x, y)
    assert_matches_torch(distance.value, np.array([0.9], F32), what="value")
    grad = distance.backward(np.ones(1, F32))
    assert_matches_torch(grad, np.array([[-9e7]], F32), what="grad")


def test_soft_margin_uint8_target_gradient_is_negative_zero() -> None:
    """``-target`` wraps to 255, so ``z = exp(-255)`` is 0 in float32: ``-0.0``."""
    result = compute("SoftMarginLoss", np.array(-1.0, F32), np.array(1, np.uint8))
    assert_matches_torch(result.value, np.array(1.31326162815094, F32), what="value")
    assert result.grad == 0 and np.signbit(result.grad)


_BOOL_SUB_TWO = (
    "Subtraction, the `-` operator, with two bool tensors is not supported. "
    "Use the `^` or `logical_xor()` operator instead."
)

#: (id, loss, tensors, kwargs, torch's exception type, torch's message).
ERROR_CASES: list[tuple[str, str, list[Any], dict[str, Any], str, str]] = [
    *(
        (
            f"{loss}-inherited-init-names-{owner}",
            loss,
            [np.zeros(2, F32), np.zeros(2, F32)],
            {"foo": 1},
            "TypeError",
            f"{owner}.__init__() got an unexpected keyword argument 'foo'",
        )
        for loss, owner in (
            ("L1Loss", "_Loss"),
            ("MSELoss", "_Loss"),
            ("SoftMarginLoss", "_Loss"),
            ("BCELoss", "_WeightedLoss"),
            ("MultiLabelSoftMarginLoss", "_WeightedLoss"),
        )
    ),
    (
        "CrossEntropyLoss-own-init-names-itself",
        "CrossEntropyLoss",
        [np.zeros((2, 3), F32), np.zeros(2, np.int64)],
        {"foo": 1},
        "TypeError",
        "CrossEntropyLoss.__init__() got an unexpected keyword argument 'foo'",
    ),
    (
        "huber-constructor-type-error-before-shapes",
        "HuberLoss",
        [np.zeros(2, F32), np.zeros(3, F32)],
        {"reduction": "mean", "size_average": True},
        "TypeError",
        "HuberLoss.__init__() got an unexpected keyword argument 'size_average'",
    ),
    (
        "huber-constructor-type-error-before-missing-target",
        "HuberLoss",
        [np.zeros(2, F32)],
        {"reduce": False},
        "TypeError",
        "HuberLoss.__init__() got an unexpected keyword argument 'reduce'",
    ),
    (
        "hinge-int32-mean",
        "HingeEmbeddingLoss",
        [np.array([0, 2], np.int32), np.array([1.0, -1.0], F32)],
        {"reduction": "mean"},
        "RuntimeError",
        "mean(): could not infer output dtype. Input dtype must be either a "
        "floating point or complex dtype. Got: Int",
    ),
    (
        "hinge-uint8-negative-margin-overflows",
        "HingeEmbeddingLoss",
        [np.array(0, np.uint8), np.array(1.0, F32)],
        {"margin": -1.0, "reduction": "none"},
        "RuntimeError",
        "value cannot be converted to type uint8_t without overflow",
    ),
    (
        "hinge-empty-int8-margin-overflows-before-mean",
        "HingeEmbeddingLoss",
        [np.zeros(0, np.int8), np.zeros(0, F32)],
        {"margin": 127.5, "reduction": "mean"},
        "RuntimeError",
        "value cannot be converted to type int8_t without overflow",
    ),
    (
        "bce-logits-bool-target",
        "BCEWithLogitsLoss",
        [np.array(0.0, F32), np.array(False)],
        {},
        "RuntimeError",
        _BOOL_SUB_TWO,
    ),
    (
        "bce-logits-pos-weight-before-integer-target",
        "BCEWithLogitsLoss",
        [np.array(0.0, F32), np.array(0)],
        {"pos_weight": np.ones(3, F32)},
        "RuntimeError",
        "output with shape [] doesn't match the broadcast shape [3]",
    ),
    (
        "focal-bool-target",
        "sigmoid_focal_loss",
        [np.array([0.0, 1.0], F32), np.array([False, True])],
        {"reduction": "mean"},
        "RuntimeError",
        _BOOL_SUB_TWO,
    ),
    (
        "poly1-empty-uint8-target-spatial",
        "Poly1CrossEntropyLoss",
        [np.zeros((0, 1, 0), F32), np.zeros((0, 0), np.uint8)],
        {"reduction": "mean"},
        "RuntimeError",
        "expected scalar type Long but found Byte",
    ),
    (
        "poly1-empty-integer-logits",
        "Poly1CrossEntropyLoss",
        [np.zeros((0, 1), np.int64), np.zeros(0, np.int64)],
        {},
        "NotImplementedError",
        "\"nll_loss_out_frame\" not implemented for 'Long'",
    ),
    (
        "poly1-integer-logits-classes-not-last",
        "Poly1CrossEntropyLoss",
        [np.zeros((1, 1, 1), np.int64), np.zeros((1, 1), np.int64)],
        {},
        "NotImplementedError",
        "\"log_softmax_kernel_impl\" not implemented for 'Long'",
    ),
    (
        "poly1-0d-input-0d-float-target-is-probabilities",
        "Poly1CrossEntropyLoss",
        [np.array(0.5, F32), np.array(0.3, F64)],
        {},
        "IndexError",
        "Dimension specified as 1 but tensor has no dimensions",
    ),
    (
        "poly1-0d-input-0d-integer-target-is-probabilities",
        "Poly1CrossEntropyLoss",
        [np.array(0.5, F64), np.array(0)],
        {"reduction": "none"},
        "RuntimeError",
        "Expected floating point type for target with class probabilities, got Long",
    ),
    (
        "poly1-0d-integer-input-0d-float-target",
        "Poly1CrossEntropyLoss",
        [np.array(2), np.array(0.3, F32)],
        {},
        "IndexError",
        "Dimension specified as 1 but tensor has no dimensions",
    ),
    (
        "poly1-0d-integer-input-0d-byte-target",
        "Poly1CrossEntropyLoss",
        [np.array(2, np.int32), np.array(0, np.uint8)],
        {},
        "RuntimeError",
        "Expected floating point type for target with class probabilities, got Byte",
    ),
    (
        "poly1-0d-input-1d-target-reaches-log-softmax",
        "Poly1CrossEntropyLoss",
        [np.array(0.5, F32), np.array([0])],
        {},
        "IndexError",
        "Dimension out of range (expected to be in range of [-1, 0], but got 1)",
    ),
]

ERROR_IDS = [case[0] for case in ERROR_CASES]


@pytest.mark.parametrize(
    ("name", "loss", "tensors", "kwargs", "kind", "message"), ERROR_CASES, ids=ERROR_IDS
)
def test_engine_raises_recorded_torch_error(
    name: str,
    loss: str,
    tensors: list[Any],
    kwargs: dict[str, Any],
    kind: str,
    message: str,
) -> None:
    with pytest.raises(LossInputError) as info:
        compute(loss, *tensors, **kwargs)
    assert (info.value.torch_type, str(info.value)) == (kind, message)


def _torch_error_call(torch: Any, loss: str, kwargs: dict[str, Any]) -> Any:
    """The torch call of an error case: the module, or the formula of a loss
    torch does not have (as ``tests/properties`` runs it)."""
    functional = torch.nn.functional
    if loss == "Poly1CrossEntropyLoss":

        def poly1(x: Any, y: Any, epsilon: float = 1.0, reduction: str = "mean"):
            ce = functional.cross_entropy(x, y, reduction="none", ignore_index=-(2**63))
            dim = 0 if x.ndim == 1 else 1
            p_t = torch.softmax(x, dim).gather(dim, y.long().unsqueeze(dim))
            loss = ce + float(epsilon) * (1 - p_t.squeeze(dim))
            return loss.mean() if reduction == "mean" else loss

        return lambda *t: poly1(*t, **kwargs)
    if loss == "sigmoid_focal_loss":  # torchvision's algorithm, line for line

        def focal(x: Any, y: Any, alpha=0.25, gamma=2.0, reduction="none"):
            p = torch.sigmoid(x)
            ce = functional.binary_cross_entropy_with_logits(x, y, reduction="none")
            p_t = p * y + (1 - p) * (1 - y)
            loss = ce * ((1 - p_t) ** gamma)
            if alpha >= 0:
                loss = (alpha * y + (1 - alpha) * (1 - y)) * loss
            return loss.mean() if reduction == "mean" else loss

        return lambda *t: focal(*t, **kwargs)
    return lambda *t: getattr(torch.nn, loss)(**kwargs)(*t)


@pytest.mark.parametrize(
    ("name", "loss", "tensors", "kwargs", "kind", "message"), ERROR_CASES, ids=ERROR_IDS
)
def test_recorded_errors_are_torchs(
    name: str,
    loss: str,
    tensors: list[Any],
    kwargs: dict[str, Any],
    kind: str,
    message: str,
) -> None:
    torch = pytest.importorskip("torch")
    inputs = [torch.from_numpy(t.copy()) for t in tensors]
    if inputs[0].is_floating_point():
        inputs[0].requires_grad_(True)
    kwargs = {
        k: torch.from_numpy(v.copy()) if isinstance(v, np.ndarray) else v
        for k, v in kwargs.items()
    }
    with pytest.raises(Exception) as info:
        _torch_error_call(torch, loss, kwargs)(*inputs)
    assert (type(info.value).__name__, str(info.value)) == (kind, message)


def test_soft_margin_uint8_target_gradient_is_torchs() -> None:
    torch = pytest.importorskip("torch")
    x = torch.tensor(-1.0, requires_grad=True)
    torch.nn.SoftMarginLoss()(x, torch.tensor(1, dtype=torch.uint8)).backward()
    assert x.grad.item() == 0 and bool(torch.signbit(x.grad))
