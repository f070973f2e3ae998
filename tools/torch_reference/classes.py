"""Reference cases for CrossEntropyLoss (indices and probabilities) and NLLLoss."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from .core import DTYPES, F32, F64, I64, INF, NAN, STD, Maker, common_tail

# --------------------------------------------------------------------------- #
# CrossEntropyLoss, NLLLoss
# --------------------------------------------------------------------------- #

#: (input shape, target shape) for class-index targets.
INDEX_LAYOUTS = (
    ((4,), ()),
    ((3,), (1,)),
    ((5, 4), (5,)),
    ((1, 3), (1,)),
    ((3, 4, 2), (3, 2)),
    ((2, 3, 2, 3), (2, 2, 3)),
    ((2, 2, 2, 1, 2), (2, 2, 1, 2)),
    ((0, 3), (0,)),
    ((0, 3, 2), (0, 2)),
    ((3, 1), (3,)),
)
PROB_SHAPES = ((4,), (5, 4), (3, 4, 2), (2, 3, 2, 3), (0, 3), (1, 1))


def _class_dim(shape: tuple[int, ...]) -> int:
    return 1 if len(shape) >= 2 else 0


def _class_weight(m: Maker, c: int, dtype: Any, negative: bool = False) -> Any:
    w = m.uniform((c,), dtype, 0.1, 3.0)
    if m.coin(0.2):
        w = m.sprinkle(w, (0.0,), 0.3)
    if negative and m.coin(0.3):
        w = m.sprinkle(w, (-1.0, -0.25), 0.4)
    return w


def _index_target(
    m: Maker, c: int, tshape: tuple[int, ...], mode: str
) -> tuple[Any, dict[str, Any]]:
    """Class indices and an ignore_index keyword: none/present/absent/all."""
    t = np.asarray(m.rng.integers(0, c, size=tshape)).astype(I64)
    if mode == "none":
        return t, {}
    if mode == "absent":
        return t, {"ignore_index": m.choice((-100, c + 2, -1))}
    ignore = int(m.rng.integers(0, c))
    if mode == "all":
        return np.full(tshape, ignore, I64), {"ignore_index": ignore}
    if t.size:
        t.flat[int(m.rng.integers(t.size))] = ignore
    if mode == "default":
        if t.size:
            t.flat[int(m.rng.integers(t.size))] = -100
        return t, {}
    return t, {"ignore_index": ignore}


def gen_class_index(m: Maker, loss: str) -> None:
    is_ce = loss == "CrossEntropyLoss"
    modes = ("none", "present", "absent", "all", "default")
    for dtype in DTYPES:
        for xs, ts in INDEX_LAYOUTS:
            c = xs[_class_dim(xs)]
            for red in STD:
                if is_ce:
                    x = m.logits(xs, dtype, extreme=m.coin(0.3))
                elif m.coin(0.6):
                    x = m.normal(xs, dtype, 2.0) - 2.0  # not log-probabilities
                else:
                    z = m.logits(xs, dtype, False)
                    x = torch.log_softmax(torch.from_numpy(z), _class_dim(xs)).numpy()
                mode = m.choice(modes)
                t, kw = _index_target(m, c, ts, mode)
                if m.coin(0.5):
                    kw["weight"] = _class_weight(m, c, dtype, negative=not is_ce)
                if is_ce and m.coin(0.5):
                    kw["label_smoothing"] = m.choice((0.0, 0.1, 0.25, 0.5, 1.0, -0.2))
                kw["reduction"] = red
                label = "index" if mode == "none" else f"index-ignore-{mode}"
                m.add(loss, [x, t], label, **kw)
    # uint8 targets with ignore_index=255.
    x = m.logits((4, 3), F32, False)
    t = np.array([0, 255, 2, 1], np.uint8)
    for red in STD:
        m.add(loss, [x, t], "uint8-ignore255", ignore_index=255, reduction=red)
    # All weights of present targets zero: 0/0; weights summing to zero.
    x, t = m.logits((3, 3), F64, False), np.array([0, 0, 2], I64)
    m.add(loss, [x, t], "zero-weights", weight=np.array([0.0, 1.0, 0.0]))
    x, t = m.logits((2, 2), F64, False), np.array([0, 1], I64)
    for red in STD:
        m.add(
            loss, [x, t], "weights-sum-0", weight=np.array([1.0, -1.0]), reduction=red
        )
    # Every position ignored, K-dim, weighted (and smoothed for CE).
    for dtype in DTYPES:
        x = m.logits((2, 3, 2), dtype, False)
        t = np.full((2, 2), 1, I64)
        kw: dict[str, Any] = {"ignore_index": 1, "weight": _class_weight(m, 3, dtype)}
        if is_ce:
            kw["label_smoothing"] = 0.3
        for red in STD:
            m.add(loss, [x, t], "all-ignored-kdim", reduction=red, **kw)
    # Extreme logits.
    for dtype in DTYPES:
        x = np.array(
            [
                [1e4, -1e4, 0.0],
                [-INF, 0.0, 1.0],
                [0.0, -INF, 1.0],
                [-INF, -INF, -INF],
                [0.5, NAN, 0.0],
                [1e4, 1e4, -1e4],
                [INF, 0.0, 1.0],
            ],
            dtype,
        )
        if not is_ce:
            x = np.where(np.isnan(x), x, np.minimum(x, 0))
        t = np.array([1, 1, 2, 0, 2, 0, 0], I64)
        for red in STD:
            m.add(loss, [x, t], "extremes", reduction=red)
        if is_ce:
            m.add(loss, [x, t], "extremes-smooth", label_smoothing=0.2)
    # Legacy arguments and reductions.
    make = lambda: [m.logits((4, 3), F64, False), m.rng.integers(0, 3, 4).astype(I64)]  # noqa: E731
    common_tail(m, loss, make)
    x, t = make()
    w = np.array([1.0, 2.0, 0.5])
    m.add(loss, [x, t], "legacy-weight", weight=w, size_average=False, ignore_index=1)
    _class_errors(m, loss)


def _class_errors(m: Maker, loss: str) -> None:
    is_ce = loss == "CrossEntropyLoss"
    x = m.logits((4, 3), F32, False)
    for bad in (3, -1, 7):
        t = np.array([0, bad, 1, 2], I64)
        m.add(loss, [x, t], "err-target-oob")
    t = np.array([0, -100, 1, 2], I64)
    m.add(loss, [x, t], "err-target-oob-ignore", ignore_index=1)
    m.add(loss, [x, t], "ignore-default", reduction="sum")
    for dt in (F32, np.dtype(np.int32), np.dtype(np.bool_), np.dtype(np.int16)):
        t = np.array([0, 1, 1, 0]).astype(dt)
        m.add(loss, [x, t], f"err-target-{dt.name}")
    m.add(loss, [x, np.array([0, 1, 2], I64)], "err-batch")
    m.add(loss, [x[:2], np.array([0, 1, 2], I64)], "err-batch")
    m.add(
        loss,
        [x, np.array([0, 1, 2, 0], I64)],
        "err-weight-size",
        weight=np.ones(2, F32),
    )
    m.add(
        loss,
        [x, np.array([0, 1, 2, 0], I64)],
        "err-weight-size",
        weight=np.ones(4, F32),
    )
    m.add(loss, [x, np.array([0, 1, 2, 0], I64)], "err-weight-dtype", weight=np.ones(3))
    x64 = x.astype(F64)
    m.add(
        loss,
        [x64, np.array([0, 1, 2, 0], I64)],
        "err-weight-dtype",
        weight=np.ones(3, F32),
    )
    x3, t3 = m.logits((2, 3, 5), F32, False), np.zeros((2, 4), I64)
    m.add(loss, [x3, t3], "err-kdim-target")
    x4, t4 = m.logits((2, 3, 5, 5), F32, False), np.zeros((2, 5, 4), I64)
    m.add(loss, [x4, t4], "err-kdim-target")
    x5, t5 = m.logits((2, 3, 2, 2, 2), F32, False), np.zeros((2, 2, 2, 3), I64)
    m.add(loss, [x5, t5], "err-kdim-target")
    m.add(loss, [x4, np.zeros((2, 5), I64)], "err-kdim-target")
    m.add(loss, [m.logits((3,), F32, False), np.array([0, 1], I64)], "err-1d-target")
    m.add(loss, [x, np.zeros((4, 2), I64)], "err-multi-target")
    m.add(loss, [x, np.zeros((4, 3, 1), I64)], "err-multi-target")
    xi = m.rng.integers(-3, 3, size=(4, 3)).astype(I64)
    m.add(loss, [xi, np.array([0, 1, 2, 0], I64)], "err-long-input")
    if not is_ce:
        m.add(loss, [np.array(0.5, F32), np.array(0, I64)], "err-0d-input")
        m.add(loss, [np.array(0.5, F32), np.array([0], I64)], "err-0d-input")


def gen_ce_probs(m: Maker) -> None:
    loss = "CrossEntropyLoss"
    for dtype in DTYPES:
        for shape in PROB_SHAPES:
            cd = _class_dim(shape)
            c = shape[cd]
            for red in STD:
                x = m.logits(shape, dtype, extreme=m.coin(0.3))
                z = torch.from_numpy(m.normal(shape, F64, 2.0))
                t = torch.softmax(z, cd).numpy().astype(dtype)
                kind = m.choice(("softmax", "zeros", "unnormalised"))
                if kind == "zeros":
                    t = m.sprinkle(t, (0.0,), 0.4)
                elif kind == "unnormalised":
                    t = m.normal(shape, dtype, 1.0)
                kw: dict[str, Any] = {"reduction": red}
                if m.coin(0.5):
                    kw["weight"] = _class_weight(m, c, dtype)
                if m.coin(0.5):
                    kw["label_smoothing"] = m.choice((0.0, 0.1, 0.5, 1.0, -0.3))
                if m.coin(0.2):
                    kw["ignore_index"] = m.choice((-100, -1, -7))
                m.add(loss, [x, t], f"probs-{kind}", **kw)
    # Promotion and extremes.
    x = m.logits((3, 4), F32, False)
    t64 = torch.softmax(torch.from_numpy(m.normal((3, 4), F64)), 1).numpy()
    for red in STD:
        m.add(loss, [x, t64], "probs-mixed-dtype", reduction=red)
    m.add(loss, [x, t64], "probs-weight-f64", weight=np.ones(4))
    xe = np.array([[-INF, 0.0, 1.0], [-INF, 0.0, 1.0], [1e4, -1e4, 0.0]], F32)
    te = np.array([[0.0, 0.5, 0.5], [0.2, 0.3, 0.5], [0.0, 1.0, 0.0]], F32)
    for red in STD:
        m.add(loss, [xe, te], "probs-extremes", reduction=red)
    # Errors.
    m.add(loss, [x, t64.astype(F32)], "err-probs-ignore", ignore_index=0)
    m.add(loss, [x, t64.astype(F32)], "err-probs-ignore", ignore_index=2)
    m.add(loss, [x, np.zeros((3, 4), I64)], "err-probs-long")
    m.add(loss, [np.array(0.3, F32), np.array(0, I64)], "err-probs-0d-long")
    m.add(loss, [x, t64.astype(F32)], "err-probs-weight-size", weight=np.ones(3, F32))
    for eps in (1.5, 2.0, 1.0000001):
        m.add(loss, [x, t64.astype(F32)], "err-smoothing", label_smoothing=eps)
        xi, ti = m.logits((3, 4), F32, False), np.array([0, 1, 3], I64)
        m.add(loss, [xi, ti], "err-smoothing", label_smoothing=eps)
