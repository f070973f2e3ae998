"""Reference cases for LinearCrossEntropyLoss (torch 2.13).

The module owns its ``Linear``; the engine takes the layer's parameters as the
tensor keywords ``linear_weight`` ``(C, d1, ..., dK, in_features)`` and
``linear_bias`` ``(C, d1, ..., dK)``. :func:`call_linear_cross_entropy` builds
``torch.nn.LinearCrossEntropyLoss`` from them (``in_features``, ``num_classes``,
``out_features``, ``bias``, ``dtype``), and runs it with those tensors as its
``linear.weight``/``linear.bias`` through ``torch.func.functional_call`` (the
module's parameters flattened, exactly as it stores them), so its own
constructor checks and ``forward`` run and autograd reaches the given tensors:
their gradients are recorded as the case's ``"param_grads"``. Tensors that no
module can hold (a ``linear_weight`` with fewer than 2 dimensions or an
integer dtype, a ``linear_bias`` of another shape or dtype) go to
``torch.nn.functional.linear_cross_entropy``, which the module's ``forward``
calls with them.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from .core import (
    CUSTOM_CALLS,
    DTYPES,
    F32,
    F64,
    I64,
    INF,
    NAN,
    STD,
    Maker,
    reduction_tail,
)

LOSS = "LinearCrossEntropyLoss"


def _module_can_hold(weight: torch.Tensor, bias: torch.Tensor | None) -> bool:
    if weight.dim() < 2 or not weight.is_floating_point():
        return False
    if bias is None:
        return True
    return bias.dtype == weight.dtype and tuple(bias.shape) == tuple(weight.shape[:-1])


def call_linear_cross_entropy(
    input: torch.Tensor,
    target: torch.Tensor,
    *,
    linear_weight: torch.Tensor,
    linear_bias: torch.Tensor | None = None,
    **kwargs: Any,
) -> torch.Tensor:
    """``nn.LinearCrossEntropyLoss(**kwargs)(input, target)`` with the given Linear."""
    for t in (linear_weight, linear_bias):
        if t is not None and t.is_floating_point():
            t.requires_grad_(True)
    if not _module_can_hold(linear_weight, linear_bias):
        return F.linear_cross_entropy(
            input, linear_weight, target, linear_bias=linear_bias, **kwargs
        )
    in_features, classes = int(linear_weight.shape[-1]), int(linear_weight.shape[0])
    with warnings.catch_warnings():  # Linear's own init (zero-size no-op notes)
        warnings.simplefilter("ignore")
        module = torch.nn.LinearCrossEntropyLoss(
            in_features,
            classes,
            out_features=tuple(int(d) for d in linear_weight.shape[1:-1]),
            bias=linear_bias is not None,
            dtype=linear_weight.dtype,
            **kwargs,
        )
    rows = math.prod(linear_weight.shape[:-1])
    params = {"linear.weight": linear_weight.reshape(rows, in_features)}
    if linear_bias is not None:
        params["linear.bias"] = linear_bias.reshape(-1)
    return torch.func.functional_call(module, params, (input, target))


CUSTOM_CALLS[LOSS] = ("torch.nn.LinearCrossEntropyLoss", call_linear_cross_entropy)

#: (input shape, out_features): batched, unbatched, empty, K-dimensional.
LAYOUTS = (
    ((5, 4), ()),
    ((1, 3), ()),
    ((3, 1), ()),
    ((4,), ()),
    ((6, 8), ()),
    ((0, 4), ()),
    ((3, 0), ()),
    ((3, 4), (2,)),
    ((2, 3), (2, 3)),
    ((0, 2), (3,)),
)


def _head(
    m: Maker, shape: tuple[int, ...], out: tuple[int, ...], dtype: Any, extreme: bool
) -> tuple[Any, Any, Any, int]:
    """Hidden states, a weight ``(C, *out, H)`` and maybe a bias; and ``C``."""
    classes = int(m.choice((1, 2, 3, 5, 8)))
    hidden = shape[-1]
    x = m.normal(shape, dtype, m.choice((0.5, 1.0, 3.0)))
    w = m.normal((classes, *out, hidden), dtype, m.choice((0.3, 1.0, 2.0)))
    if extreme:
        w = m.sprinkle(w, (1e3, -1e3, 50.0, -50.0), 0.3)
    b = m.normal((classes, *out), dtype, 1.0) if m.coin(0.5) else None
    return x, w, b, classes


def _index_target(
    m: Maker, shape: tuple[int, ...], out: tuple[int, ...], classes: int
) -> tuple[Any, dict[str, Any]]:
    """Class indices ``(*batch, *out)`` and an ``ignore_index`` keyword."""
    t = np.asarray(m.rng.integers(0, classes, size=(*shape[:-1], *out))).astype(I64)
    mode = m.choice(("none", "default", "present", "absent", "explicit-default"))
    if mode == "none":
        return t, {}
    if mode == "absent":
        return t, {"ignore_index": m.choice((-1, classes + 3))}
    if mode == "explicit-default":
        if t.size:
            t.flat[int(m.rng.integers(t.size))] = -100
        return t, {"ignore_index": -100}
    if mode == "default":  # None means -100
        if t.size:
            t.flat[int(m.rng.integers(t.size))] = -100
        return t, {}
    ignore = int(m.rng.integers(0, classes))
    if t.size:
        t.flat[int(m.rng.integers(t.size))] = ignore
    return t, {"ignore_index": ignore}


def _probabilities(
    m: Maker, shape: tuple[int, ...], out: tuple[int, ...], classes: int, dtype: Any
) -> Any:
    logits_shape = (*shape[:-1], classes, *out)
    axis = 1 if len(shape) == 2 else 0
    z = torch.from_numpy(m.normal(logits_shape, F64, 2.0))
    t = torch.softmax(z, axis).numpy().astype(dtype)
    if m.coin(0.3):
        t = m.uniform(logits_shape, dtype)  # unnormalised, as OpInfo samples are
    return t


def _options(m: Maker, classes: int, dtype: Any) -> dict[str, Any]:
    kw: dict[str, Any] = {}
    if m.coin(0.4):
        kw["weight"] = m.uniform((classes,), dtype, 0.1, 3.0)
    if m.coin(0.4):
        kw["label_smoothing"] = m.choice((0.1, 0.25, 1.0, 0.0))
    return kw


def gen_linear_cross_entropy(m: Maker) -> None:
    for dtype in DTYPES:
        for shape, out in LAYOUTS:
            for red in (*STD, "default"):
                for probs in (False, True):
                    x, w, b, classes = _head(m, shape, out, dtype, m.coin(0.2))
                    kw = _options(m, classes, dtype)
                    if probs:
                        t = _probabilities(m, shape, out, classes, dtype)
                        label = "probs"
                    else:
                        t, ignore = _index_target(m, shape, out, classes)
                        kw.update(ignore)
                        label = "index"
                    if red != "default":
                        kw["reduction"] = red
                    if b is not None:
                        kw["linear_bias"] = b
                    m.add(LOSS, [x, t], label, linear_weight=w, **kw)
    _special(m)
    _errors(m)


def _special(m: Maker) -> None:
    """Ignored everything, uint8 targets, non-finite values, a language-model head."""
    for dtype in DTYPES:
        x, w = m.normal((3, 4), dtype), m.normal((5, 4), dtype)
        t = np.full(3, 2, I64)
        for red in STD:
            m.add(
                LOSS,
                [x, t],
                "all-ignored",
                linear_weight=w,
                ignore_index=2,
                reduction=red,
            )
            m.add(
                LOSS,
                [x, t],
                "all-ignored-smooth",
                linear_weight=w,
                ignore_index=2,
                label_smoothing=0.3,
                weight=m.uniform((5,), dtype, 0.5, 2.0),
                reduction=red,
            )
        t8 = np.array([0, 255, 4], np.uint8)
        m.add(LOSS, [x, t8], "uint8", linear_weight=w, ignore_index=255)
        m.add(LOSS, [x, t8], "err-uint8-oob", linear_weight=w)
        xe = np.array([[1.0, NAN, 0.0, 2.0], [INF, 0.0, 0.0, 1.0], [0, 0, 0, 0]], dtype)
        for red in STD:
            m.add(
                LOSS,
                [xe, np.array([1, 0, 2], I64)],
                "non-finite",
                linear_weight=w,
                reduction=red,
            )
        big = (m.normal((3, 4), dtype) * 1e3).astype(dtype)
        m.add(
            LOSS,
            [big, np.array([1, 0, 2], I64)],
            "large-logits",
            linear_weight=w,
            linear_bias=m.normal((5,), dtype),
        )
        # A tiny language-model head: vocabulary 8, hidden 4, 6 tokens.
        h, e = m.normal((6, 4), dtype), m.normal((8, 4), dtype, 0.7)
        tokens = m.rng.integers(0, 8, 6).astype(I64)
        for red in STD:
            m.add(
                LOSS,
                [h, tokens],
                "lm-head",
                linear_weight=e,
                reduction=red,
                label_smoothing=0.1,
            )
    # Deprecated spellings and bad reductions (the constructor has no legacy pair).
    x, w = m.normal((4, 3), F64), m.normal((5, 3), F64)
    make = lambda: [m.normal((4, 3), F64), m.rng.integers(0, 5, 4).astype(I64)]  # noqa: E731
    reduction_tail(m, LOSS, make, legacy=False, linear_weight=w)


def _errors(m: Maker) -> None:
    """Inputs torch rejects, at every check in the order torch makes them."""
    x, w, t = m.normal((3, 4), F32), m.normal((5, 4), F32), np.array([0, 1, 4], I64)
    add = lambda label, tensors, **kw: m.add(LOSS, tensors, f"err-{label}", **kw)  # noqa: E731
    # Constructor: weight shape, label_smoothing range and type.
    add("weight-shape", [x, t], linear_weight=w, weight=np.ones(4, F32))
    add("weight-shape", [x, t], linear_weight=w, weight=np.ones((1, 5), F32))
    add("weight-shape", [x, t], linear_weight=w, weight=np.array(1.0, F32))
    for eps in (1.5, -0.2, 1.0000001):
        add("smoothing", [x, t], linear_weight=w, label_smoothing=eps)
    add("smoothing-type", [x, t], linear_weight=w, label_smoothing=None)
    add(
        "smoothing-and-reduction",
        [x, t],
        linear_weight=w,
        label_smoothing=2.0,
        reduction="foo",
    )
    # F.linear_cross_entropy's shape checks, also before a bad reduction.
    for red in ("mean", "foo"):
        add("input-3d", [m.normal((2, 3, 4), F32), t], linear_weight=w, reduction=red)
        add(
            "input-0d",
            [np.array(1.0, F32), np.array(1, I64)],
            linear_weight=w,
            reduction=red,
        )
        add("weight-1d", [x, t], linear_weight=m.normal((4,), F32), reduction=red)
        add("in-features", [x, t], linear_weight=m.normal((5, 3), F32), reduction=red)
        add(
            "bias-shape",
            [x, t],
            linear_weight=w,
            linear_bias=np.ones(4, F32),
            reduction=red,
        )
        add(
            "kdim-unbatched",
            [x[0], np.array(1, I64)],
            linear_weight=m.normal((5, 2, 4), F32),
            reduction=red,
        )
        add(
            "probs-ignore",
            [x, m.uniform((3, 5), F32)],
            linear_weight=w,
            ignore_index=-100,
            reduction=red,
        )
        add("dtype", [x.astype(F64), t], linear_weight=w, reduction=red)
    add(
        "bias-shape-kdim",
        [x, np.zeros((3, 2), I64)],
        linear_weight=m.normal((5, 2, 4), F32),
        linear_bias=np.ones(5, F32),
    )
    add(
        "probs-ignore-long", [x, np.zeros((3, 5), I64)], linear_weight=w, ignore_index=1
    )
    # linear's dtype checks: mm without a bias, addmm with one.
    for xd, wd, bd in (
        (F32, F64, None),
        (F64, F32, None),
        (I64, F32, None),
        (F32, I64, None),
        (F32, F32, F64),
        (F32, F64, F64),
        (F64, F64, F32),
        (I64, F64, F64),
        (F32, I64, F32),
    ):
        kw: dict[str, Any] = {"linear_weight": w.astype(wd)}
        if bd is not None:
            kw["linear_bias"] = np.ones(5, bd)
        add("linear-dtype", [x.astype(xd), t], **kw)
    add("long-logits", [x.astype(I64), t], linear_weight=w.astype(I64))
    # cross_entropy's own checks on the logits.
    for bad in (5, -1, 9):
        add("target-oob", [x, np.array([0, bad, 1], I64)], linear_weight=w)
    add("target-float", [x, np.array([0.0, 1.0, 2.0], F32)], linear_weight=w)
    add("target-int32", [x, t.astype(np.int32)], linear_weight=w)
    add("batch", [x, np.array([0, 1], I64)], linear_weight=w)
    add(
        "kdim-target",
        [x, np.zeros((3, 3), I64)],
        linear_weight=m.normal((5, 2, 4), F32),
    )
    add("weight-dtype", [x, t], linear_weight=w, weight=np.ones(5))
    add("ignore-type", [x, t], linear_weight=w, ignore_index=1.5)
    add("ignore-bool", [x, t], linear_weight=w, ignore_index=True)
    add("smoothing-str", [x, t], linear_weight=w, label_smoothing="a")
    add(
        "unbatched-smooth-1",
        [x[0], np.array([1], I64)],
        linear_weight=w,
        label_smoothing=0.2,
    )
    add("size-average", [x, t], linear_weight=w, size_average=True)
    for eps in (0.0, 0.3):
        add(
            "empty-classes",
            [x, np.zeros(3, I64)],
            linear_weight=np.zeros((0, 4), F32),
            label_smoothing=eps,
        )
