"""Reference cases for KLDivLoss."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from .core import DTYPES, F32, F64, I64, INF, NAN, Maker, common_tail

# --------------------------------------------------------------------------- #
# KLDivLoss
# --------------------------------------------------------------------------- #

KL_SHAPES = ((), (4,), (3, 4), (2, 3, 4), (0,), (0, 3))
KL_REDUCTIONS = ("none", "mean", "sum", "batchmean")


def _log_probs(m: Maker, shape: tuple[int, ...], dtype: Any) -> Any:
    z = torch.from_numpy(m.normal(shape, F64, 2.0))
    out = torch.log_softmax(z, -1).numpy() if z.ndim else z.numpy()
    return out.astype(dtype)


def gen_kl(m: Maker) -> None:
    loss = "KLDivLoss"
    for dtype in DTYPES:
        for shape in KL_SHAPES:
            for red in KL_REDUCTIONS:
                log_target = m.coin()
                x = (
                    _log_probs(m, shape, dtype)
                    if m.coin(0.7)
                    else m.normal(shape, dtype)
                )
                t = np.exp(_log_probs(m, shape, F64)).astype(dtype)
                if m.coin(0.5):
                    t = m.sprinkle(t, (0.0,), 0.3)
                if log_target:
                    with np.errstate(divide="ignore"):
                        t = np.log(t)
                kw: dict[str, Any] = {"reduction": red}
                if log_target or m.coin(0.3):
                    kw["log_target"] = log_target
                m.add(loss, [x, t], "random", **kw)
    # NaN cases: t=0 with x=-inf, t<0, log_target with t=-inf, NaN input.
    for dtype in DTYPES:
        x = np.array([-INF, -1.0, -2.0, NAN, -0.5, -INF], dtype)
        t = np.array([0.0, -0.25, 0.5, 0.2, 0.0, 0.3], dtype)
        for red in KL_REDUCTIONS:
            m.add(loss, [x, t], "nan-inf", reduction=red)
        tl = np.array([-INF, -1.0, INF, 0.0, NAN, -2.0], dtype)
        for red in ("none", "sum"):
            m.add(loss, [x, tl], "nan-inf-log-target", reduction=red, log_target=True)
    # Silent broadcasting in both directions.
    for xs, ts in (
        ((2, 3), (3,)),
        ((3,), (2, 3)),
        ((2, 1, 3), (4, 1)),
        ((4, 1), (4, 3)),
    ):
        x, t = _log_probs(m, xs, F64), np.exp(_log_probs(m, ts, F64))
        for red in KL_REDUCTIONS:
            m.add(loss, [x, t], "broadcast", reduction=red)
    x, t = _log_probs(m, (3,), F32), np.exp(_log_probs(m, (4,), F32))
    m.add(loss, [x, t], "err-size-mismatch", reduction="sum")
    # Mixed dtypes, integers.
    x, t = _log_probs(m, (2, 3), F32), np.exp(_log_probs(m, (2, 3), F64))
    for red in KL_REDUCTIONS:
        m.add(loss, [x, t], "mixed-dtype", reduction=red)
    m.add(loss, [t, x], "mixed-dtype-f64-input", reduction="batchmean")
    ti = np.array([[0, 1, 0], [1, 0, 0]], I64)
    m.add(loss, [ti, ti], "err-int", reduction="sum")
    m.add(loss, [ti, t], "err-int-input", reduction="sum")
    m.add(loss, [x, ti], "err-int-target", reduction="sum")
    make = lambda: [_log_probs(m, (3, 2), F64), np.exp(_log_probs(m, (3, 2), F64))]  # noqa: E731
    common_tail(m, loss, make)
    m.add(loss, make(), "legacy-mean", size_average=True, reduction="batchmean")
