"""Reference cases for PoissonNLLLoss and GaussianNLLLoss."""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import DTYPES, F32, F64, I64, INF, NAN, STD, Maker, reduction_tail

ELEMENTWISE_SHAPES = ((), (1,), (5,), (3, 4), (2, 3, 2), (0,), (0, 3))


def _counts(m: Maker, shape: tuple[int, ...], dtype: Any) -> Any:
    y = m.rng.poisson(m.choice((0.5, 2.0, 6.0)), size=shape).astype(dtype)
    if m.coin(0.2):  # non-integer and negative targets are not checked
        y = m.sprinkle(y, (0.5, 1.0, 1.5, -1.0), 0.3)
    return y


def gen_poisson_nll(m: Maker) -> None:
    loss = "PoissonNLLLoss"
    for dtype in DTYPES:
        for shape in ELEMENTWISE_SHAPES:
            for red in STD:
                log_input = m.coin(0.6)
                if log_input:
                    x = m.normal(shape, dtype, 2.0)
                    if m.coin(0.25):
                        x = m.sprinkle(x, (30.0, -30.0, 1e4, -1e4), 0.3)
                else:
                    x = m.uniform(shape, dtype, 0.0, 6.0)
                    if m.coin(0.3):
                        x = m.sprinkle(x, (0.0, 1e-9, -0.5), 0.3)
                kw: dict[str, Any] = {"reduction": red}
                if not log_input or m.coin(0.3):
                    kw["log_input"] = log_input
                if m.coin(0.5):
                    kw["full"] = m.coin()
                if m.coin(0.3):
                    kw["eps"] = m.choice((1e-3, 0.0, 1.0, 1e-8))
                m.add(loss, [x, _counts(m, shape, dtype)], "random", **kw)
    # Overflow (float32 exp(x) is inf from x ~ 88.7), NaN and inf; the
    # Stirling term at its y == 1 edge.
    for dtype in DTYPES:
        x = np.array([88.0, 89.0, 100.0, 1e4, -1e4, NAN, INF, -INF, 0.0, 0.0], dtype)
        y = np.array([1.0, 2.0, 0.0, 3.0, 5.0, 1.0, 1.0, 1.0, NAN, INF], dtype)
        for full in (False, True):
            m.add(loss, [x, y], "extremes", full=full, reduction="none")
            m.add(loss, [x, y], "extremes", full=full, reduction="sum")
        rate = np.array([0.0, 1e-9, 1.0, 2.0, -1e-9, -1.0, NAN, INF], dtype)
        y = np.array([1.0, 1.0, 1.0, 1.0000001, 2.0, 1.0, 1.0, 3.0], dtype)
        for full in (False, True):
            m.add(
                loss, [rate, y], "rates", log_input=False, full=full, reduction="none"
            )
        m.add(loss, [rate, y], "rates", log_input=False, eps=0.0, reduction="none")
    # Silent broadcasting in both directions.
    for xs, ys in (((3, 1), (3,)), ((3,), (2, 3)), ((2, 3), (3,)), ((4,), ())):
        x, y = m.normal(xs, F64), _counts(m, ys, F64)
        for red in STD:
            m.add(loss, [x, y], "broadcast", reduction=red, full=True)
    m.add(loss, [m.normal((3,), F32), _counts(m, (4,), F32)], "err-size-mismatch")
    # dtypes: mixed floats, integer input and target (promoted to float).
    m.add(loss, [m.normal((2, 3), F32), _counts(m, (2, 3), F64)], "mixed-dtype")
    m.add(loss, [m.normal((2, 3), F64), _counts(m, (2, 3), F32)], "mixed-dtype")
    xi = m.rng.integers(-2, 3, size=(2, 3)).astype(I64)
    for log_input in (True, False):
        kw = {"log_input": log_input, "reduction": "none"}
        m.add(loss, [xi, _counts(m, (2, 3), I64)], "long", **kw)
        m.add(
            loss, [m.normal((2, 3), F32), _counts(m, (2, 3), I64)], "long-target", **kw
        )
    m.add(loss, [xi, _counts(m, (2, 3), F32)], "long-input", full=True, reduction="sum")
    reduction_tail(m, loss, lambda: [m.normal((3, 2), F64), _counts(m, (3, 2), F64)])


#: (input shape, target shape, var shape) for GaussianNLLLoss.
GAUSSIAN_LAYOUTS = (
    ((5,), (5,), (5,)),
    ((4, 3), (4, 3), (4, 3)),
    ((4, 3), (4, 3), (4,)),
    ((4, 3), (4, 3), (4, 1)),
    ((4, 3), (4, 3), (1, 3)),
    ((4, 3), (4, 1), (4, 3)),
    ((2, 3, 2), (2, 3, 2), (2, 3)),
    ((2, 3, 2), (2, 3, 2), (2, 1, 2)),
    ((1,), (1,), (1,)),
    ((0, 3), (0, 3), (0,)),
)


def _variances(m: Maker, shape: tuple[int, ...], dtype: Any) -> Any:
    v = m.uniform(shape, dtype, 0.05, 4.0)
    if m.coin(0.3):  # zero and tiny variances are clamped to eps
        v = m.sprinkle(v, (0.0, 1e-8, 1e-6, 1e4), 0.3)
    return v


def gen_gaussian_nll(m: Maker) -> None:
    loss = "GaussianNLLLoss"
    for dtype in DTYPES:
        for xs, ys, vs in GAUSSIAN_LAYOUTS:
            for red in STD:
                x, y = m.normal(xs, dtype, 2.0), m.normal(ys, dtype, 2.0)
                if m.coin(0.2):
                    x = m.sprinkle(x, (1e4, -1e4), 0.3)
                kw: dict[str, Any] = {"reduction": red}
                if m.coin(0.5):
                    kw["full"] = m.coin()
                if m.coin(0.4):
                    kw["eps"] = m.choice((1e-3, 0.1, 1e-6, 0.0))
                m.add(loss, [x, y, _variances(m, vs, dtype)], "random", **kw)
    # NaN and inf in each tensor, variances at and below eps.
    for dtype in DTYPES:
        x = np.array([NAN, 1.0, 1.0, INF, 1.0, 1.0, 2.0, 1e4], dtype)
        y = np.array([0.0, NAN, 0.0, 0.0, INF, 0.0, 1.0, -1e4], dtype)
        v = np.array([1.0, 1.0, NAN, 1.0, 1.0, INF, 0.0, 1e-9], dtype)
        for red in STD:
            m.add(loss, [x, y, v], "nan-inf", reduction=red)
        m.add(loss, [x, y, v], "nan-inf", reduction="none", full=True, eps=0.5)
    # dtypes: a float64 var with float32 input and the other way round.
    x, y = m.normal((3, 2), F32), m.normal((3, 2), F32)
    m.add(loss, [x, y, _variances(m, (3, 2), F64)], "mixed-var", reduction="none")
    m.add(loss, [x, y.astype(F64), _variances(m, (3,), F32)], "mixed-target")
    m.add(loss, [x.astype(F64), y, _variances(m, (3, 1), F32)], "mixed-input")
    m.add(loss, [x, y, np.ones((3, 2), I64)], "err-long-var")
    # Shape and value errors.
    m.add(loss, [x, y, np.array(1.0, F32)], "err-var-0d")
    m.add(loss, [x, y, _variances(m, (2,), F32)], "err-var-size")
    m.add(loss, [x, y, _variances(m, (3, 2, 1), F32)], "err-var-size")
    m.add(loss, [x, y, _variances(m, (1, 1), F32)], "err-var-size")
    m.add(loss, [x, y, -_variances(m, (3, 2), F32)], "err-var-negative")
    m.add(loss, [x, y, np.array([1.0, -0.0, -1e-9], F32)[:, None]], "err-var-negative")
    m.add(loss, [x, m.normal((4, 2), F32), _variances(m, (3, 2), F32)], "err-target")
    v = _variances(m, (3, 2), F32)
    m.add(loss, [x, y, -v], "err-var-before-reduction", reduction="foo")

    def make() -> list[Any]:
        return [m.normal((3, 2), F64), m.normal((3, 2), F64), _variances(m, (3,), F64)]

    reduction_tail(m, loss, make, legacy=False)
