"""Generate the torch reference cases that pin the lossgui engine to PyTorch.

Run from the repository root::

    uv run python tools/make_torch_reference.py

It needs real torch (2.13.0, the CPU build) in the environment; the tests that
read its output do not. It writes one file per loss,
``tests/data/torch_reference/<LossName>.json``, and is deterministic: the inputs
come from a seeded NumPy ``Generator`` (``SEED``), torch runs single-threaded,
so running it twice gives byte-identical files (on the same NumPy and torch).

File format (``"format": "lossgui-torch-reference"``, ``"version": 1``)
------------------------------------------------------------------------
A JSON object: ``torch_version``, ``numpy_version``, ``seed``, ``loss`` and
``cases``, one case per line. A case is::

    {"id": "CrossEntropyLoss-017-kdim-weight-f32-2x3x4-mean",
     "loss": "CrossEntropyLoss",
     "call": "torch.nn.CrossEntropyLoss",  # torch.nn.functional.l1_loss (etc.)
                                        # for the functional-only weight=
     "tensors": [<tensor>, ...],        # forward's positional tensors
     "kwargs": {"weight": <tensor>, "ignore_index": 1, "reduction": "mean"},
     "value": <tensor>,                 # what torch returned
     "grad": <tensor> or null,          # d sum(value) / d tensors[0]; null when
                                        # the first tensor is not floating, or
                                        # when torch's backward itself fails:
     "grad_error": {"type", "message"}, # (only then) what that backward raised
     "warnings": ["..."],               # torch's warning texts, in order, unique
     # or, instead of value/grad/warnings, for an input torch rejects:
     "error": {"type": "IndexError", "message": "Target 3 is out of bounds."}}

A ``<tensor>`` is ``{"dtype": "float32", "shape": [2, 3], "data": [...]}`` with
``data`` flattened in C order (so empty shapes such as ``[0, 3]`` survive).
Floats that are not finite are the strings ``"nan"``, ``"inf"`` and ``"-inf"``
(strict JSON has no literal for them); every other float is a JSON number
that parses back to the exact value (float32 values are written with the
shortest text that round-trips through float32, checked when writing). A
non-tensor keyword that is a non-finite float is ``{"float": "inf"}``. The
tensors are what torch received, so a reader rebuilds them with
``np.asarray(data, float64).astype(dtype).reshape(shape)``.

``tests/engine/test_torch_live_parity.py`` imports ``build_specs`` and
``run_torch`` from this file to compare fresh random cases live.
"""

from __future__ import annotations

import argparse
import json
import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

SEED = 20261125
FORMAT = "lossgui-torch-reference"
VERSION = 1
OUT_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "torch_reference"

LOSS_NAMES = (
    "BCELoss",
    "BCEWithLogitsLoss",
    "CrossEntropyLoss",
    "NLLLoss",
    "KLDivLoss",
    "L1Loss",
    "MSELoss",
    "SmoothL1Loss",
    "HuberLoss",
    "MultiLabelSoftMarginLoss",
)

F32 = np.dtype(np.float32)
F64 = np.dtype(np.float64)
I64 = np.dtype(np.int64)
DTYPES = (F32, F64)
STD = ("none", "mean", "sum")
INF = math.inf
NAN = math.nan

#: Legacy (size_average, reduce) pairs; each overrides ``reduction``.
LEGACY = ((True, None), (False, None), (None, False), (False, True), (True, False))
#: Reduction values torch rejects (``None`` is passed explicitly).
BAD_REDUCTIONS = ("foo", "Mean", None, "batchmean")


# --------------------------------------------------------------------------- #
# Case specifications (inputs only)
# --------------------------------------------------------------------------- #


@dataclass
class Spec:
    """One call: ``torch.nn.<loss>(**kwargs)(*tensors)``."""

    loss: str
    tensors: list[np.ndarray]
    kwargs: dict[str, Any] = field(default_factory=dict)
    label: str = ""
    #: Call ``torch.nn.functional.<functional>`` instead of the module (for the
    #: functional-only ``weight=`` of L1/MSE/Huber).
    functional: str | None = None


class Maker:
    """Random inputs from one seeded generator, and the list of specs made."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.specs: list[Spec] = []

    def add(
        self,
        loss: str,
        tensors: list[Any],
        label: str,
        functional: str | None = None,
        **kwargs: Any,
    ) -> None:
        # np.array, not np.ascontiguousarray: that one turns 0-d into (1,).
        arrays = [np.array(t, order="C") for t in tensors]
        kw = {
            k: (np.array(v, order="C") if isinstance(v, np.ndarray | np.generic) else v)
            for k, v in kwargs.items()
        }
        self.specs.append(Spec(loss, arrays, kw, label, functional))

    # -- value helpers ------------------------------------------------------ #
    def choice(self, options: Any) -> Any:
        return options[int(self.rng.integers(len(options)))]

    def coin(self, p: float = 0.5) -> bool:
        return bool(self.rng.random() < p)

    def normal(self, shape: tuple[int, ...], dtype: Any, scale: float = 1.0) -> Any:
        return np.asarray(self.rng.standard_normal(shape) * scale).astype(dtype)

    def uniform(
        self, shape: tuple[int, ...], dtype: Any, lo: float = 0.0, hi: float = 1.0
    ) -> Any:
        return np.asarray(self.rng.uniform(lo, hi, size=shape)).astype(dtype)

    def sprinkle(self, a: Any, values: tuple[float, ...], p: float) -> Any:
        """Replace a fraction ``p`` of ``a``'s elements by picks from ``values``."""
        a = np.array(a, copy=True)
        mask = self.rng.random(a.shape) < p
        picks = self.rng.integers(len(values), size=int(mask.sum()))
        a[mask] = np.asarray(values, dtype=np.float64)[picks].astype(a.dtype)
        return a

    def logits(self, shape: tuple[int, ...], dtype: Any, extreme: bool) -> Any:
        x = self.normal(shape, dtype, 3.0)
        if extreme:
            big = (1e4, -1e4, 100.0, -100.0, 30.0, -30.0, 20.0, -20.0, 88.0, -88.0)
            x = self.sprinkle(x, big, 0.35)
        return x

    def probs(self, shape: tuple[int, ...], dtype: Any, exact: bool) -> Any:
        p = self.uniform(shape, dtype)
        if exact:
            edges = (0.0, 1.0, 0.0, 1.0, 1e-13, 1e-7, 1.0 - 2.0**-20, 0.5)
            p = self.sprinkle(p, edges, 0.4)
        return p

    def hard(self, shape: tuple[int, ...], dtype: Any) -> Any:
        return np.asarray(self.rng.integers(0, 2, size=shape)).astype(dtype)

    def reduction(self, allowed: tuple[str, ...] = STD) -> dict[str, Any]:
        """A random reduction keyword, sometimes left to torch's default."""
        if self.coin(0.15):
            return {}
        return {"reduction": self.choice(allowed)}


def _tag(shape: tuple[int, ...]) -> str:
    return "x".join(map(str, shape)) if shape else "scalar"


# --------------------------------------------------------------------------- #
# Regression: L1Loss, MSELoss, SmoothL1Loss, HuberLoss
# --------------------------------------------------------------------------- #

PARAM = {
    "SmoothL1Loss": ("beta", (0.0, 0.5, 1.0, 2.0, 1e-3, INF)),
    "HuberLoss": ("delta", (0.5, 1.0, 1.5, 3.0, 1e-3, 100.0)),
}
REGRESSION_SHAPES = ((), (1,), (5,), (3, 4), (2, 3, 2), (2, 1, 3, 2), (0,), (0, 3))


def gen_regression(m: Maker, loss: str) -> None:
    param = PARAM.get(loss)
    legacy_ok = loss != "HuberLoss"

    def pkw() -> dict[str, Any]:
        if param is None or m.coin(0.25):
            return {}
        return {param[0]: m.choice(param[1])}

    # Random values over shapes, dtypes and reductions.
    for dtype in DTYPES:
        for shape in REGRESSION_SHAPES:
            for red in STD:
                scale = m.choice((1.0, 2.0, 5.0))
                x = m.normal(shape, dtype, scale)
                y = m.normal(shape, dtype, scale)
                if x.size and m.coin(0.4):  # exact ties x == y
                    tie = m.rng.random(shape) < 0.3
                    y[tie] = x[tie]
                m.add(loss, [x, y], "random", reduction=red, **pkw())
    # Exactly on the kink: |d| == beta / delta, d == 0, and either side.
    if param is not None:
        for value in param[1]:
            for dtype in DTYPES:
                b = float(np.asarray(value, dtype=dtype))
                if math.isinf(b):
                    d = np.array([0.0, 1.0, -3.0, 1e30], dtype=dtype)
                else:
                    d = np.array([0, b, -b, b / 2, -b / 2, 2 * b, -2 * b, 0], dtype)
                x = np.array([0.5, 0.25, -1.0, 2.0, 0.0, -0.75, 1.5, 0.0])[: d.size]
                x = x.astype(dtype)
                y = (x - d).astype(dtype)
                for red in ("none", "mean"):
                    kw = {param[0]: value, "reduction": red}
                    m.add(loss, [x, y], "kink", **kw)
    # NaN and inf, large values.
    for dtype in DTYPES:
        x = np.array([NAN, INF, -INF, 1.0, INF, 0.0, NAN], dtype=dtype)
        y = np.array([0.0, 0.0, 0.0, NAN, INF, -INF, NAN], dtype=dtype)
        for red in STD:
            m.add(loss, [x, y], "nan-inf", reduction=red, **pkw())
        x = m.sprinkle(m.normal((4, 3), dtype, 3.0), (1e4, -1e4), 0.5)
        y = m.sprinkle(m.normal((4, 3), dtype, 3.0), (1e4, -1e4), 0.3)
        for red in STD:
            m.add(loss, [x, y], "large", reduction=red, **pkw())
    # Broadcasting target vs input (torch warns, then broadcasts).
    pairs = (
        ((3, 1), (3,)),
        ((3,), (2, 3)),
        ((2, 3), (3,)),
        ((1,), (4,)),
        ((4,), ()),
        ((), (3,)),
    )
    for xs, ys in pairs:
        dtype = m.choice(DTYPES)
        x, y = m.normal(xs, dtype, 2.0), m.normal(ys, dtype, 2.0)
        for red in STD:
            m.add(loss, [x, y], "broadcast", reduction=red, **pkw())
    x, y = m.normal((3,), F32), m.normal((4,), F32)
    m.add(loss, [x, y], "err-size-mismatch")
    x, y = m.normal((2, 3), F32), m.normal((3, 2), F32)
    m.add(loss, [x, y], "err-size-mismatch", reduction="sum")
    # Mixed float dtypes promote.
    for xd, yd in ((F32, F64), (F64, F32)):
        x, y = m.normal((2, 3), xd, 2.0), m.normal((2, 3), yd, 2.0)
        for red in STD:
            m.add(loss, [x, y], "mixed-dtype", reduction=red, **pkw())
    # Integer tensors.
    xi = m.rng.integers(-5, 6, size=(2, 3)).astype(I64)
    yi = m.rng.integers(-5, 6, size=(2, 3)).astype(I64)
    for red in STD:
        m.add(loss, [xi, yi], "int64", reduction=red)
    m.add(
        loss, [xi, m.normal((2, 3), F32)], "int64-input-float-target", reduction="none"
    )
    # Legacy size_average / reduce, deprecated and invalid reductions.
    for sa, rd in LEGACY:
        x, y = m.normal((3, 2), F64, 2.0), m.normal((3, 2), F64, 2.0)
        kw: dict[str, Any] = {"reduction": m.choice(STD)}
        if sa is not None:
            kw["size_average"] = sa
        if rd is not None:
            kw["reduce"] = rd
        m.add(loss, [x, y], "legacy" if legacy_ok else "err-legacy", **kw, **pkw())
    x, y = m.normal((2, 2), F32), m.normal((2, 2), F32)
    m.add(loss, [x, y], "elementwise-mean", reduction="elementwise_mean")
    for bad in BAD_REDUCTIONS:
        m.add(loss, [x, y], "err-reduction", reduction=bad)
    if loss in FUNCTIONAL:
        gen_functional_weight(m, loss, pkw)
    # Parameter range checks.
    if loss == "SmoothL1Loss":
        for beta in (-0.5, -1e-9):
            m.add(loss, [x, y], "err-beta", beta=beta)
        m.add(loss, [x, y], "beta-int", beta=2)
    if loss == "HuberLoss":
        for delta in (0.0, -1.0):
            m.add(loss, [x, y], "err-delta", delta=delta)
        m.add(loss, [x, y], "delta-int", delta=2)
        m.add(loss, [x, y], "err-delta-type", delta="1.0")
        m.add(loss, [x, y], "err-delta-type", delta=None)


#: Losses whose functional form takes ``weight=`` (the module does not).
FUNCTIONAL = {"L1Loss": "l1_loss", "MSELoss": "mse_loss", "HuberLoss": "huber_loss"}


def gen_functional_weight(m: Maker, loss: str, pkw: Any) -> None:
    """``F.l1_loss`` / ``F.mse_loss`` / ``F.huber_loss`` with ``weight=``."""
    fn = FUNCTIONAL[loss]
    for dtype in DTYPES:
        for shape in ((5,), (3, 4), (0, 2)):
            for red in STD:
                x, y = m.normal(shape, dtype, 2.0), m.normal(shape, dtype, 2.0)
                w = m.sprinkle(m.uniform(shape, dtype, 0.0, 3.0), (0.0,), 0.2)
                kw = {"weight": w, "reduction": red, **pkw()}
                m.add(loss, [x, y], "fn-weight", functional=fn, **kw)
    x, y = m.normal((3, 1), F64), m.normal((3,), F64)
    for red in STD:
        w = m.uniform((3, 1), F64)
        m.add(loss, [x, y], "fn-weight-bcast", functional=fn, weight=w, reduction=red)
    x, y = m.normal((2, 3), F32), m.normal((2, 3), F32)
    m.add(loss, [x, y], "fn-weight-zero", functional=fn, weight=np.zeros((2, 3), F32))
    for red in STD:
        w = m.uniform((2, 3), F64)
        m.add(loss, [x, y], "fn-weight-f64", functional=fn, weight=w, reduction=red)
    w = m.uniform((2, 3), F32)
    m.add(loss, [x, y], "err-fn-weight-size", functional=fn, weight=w[0])
    m.add(loss, [x, y], "err-fn-weight-size", functional=fn, weight=w[:, :1])
    for bad in ("foo", "elementwise_mean", "batchmean"):
        m.add(loss, [x, y], "err-fn-reduction", functional=fn, weight=w, reduction=bad)
    if loss != "HuberLoss":
        for sa, rd in LEGACY[:3]:
            kw: dict[str, Any] = {"weight": w}
            if sa is not None:
                kw["size_average"] = sa
            if rd is not None:
                kw["reduce"] = rd
            m.add(loss, [x, y], "fn-weight-legacy", functional=fn, **kw)


# --------------------------------------------------------------------------- #
# BCELoss, BCEWithLogitsLoss
# --------------------------------------------------------------------------- #

BINARY_SHAPES = ((), (1,), (4,), (3, 4), (2, 3, 2), (2, 3, 2, 2), (0,), (0, 3))


def _elementwise_weight(m: Maker, shape: tuple[int, ...], dtype: Any) -> Any:
    """A weight that broadcasts to ``shape`` without enlarging it (or None)."""
    options: list[tuple[int, ...] | None] = [None, shape, ()]
    if len(shape) >= 1:
        options.append(shape[-1:])
    if len(shape) >= 2:
        options.append((shape[0],) + (1,) * (len(shape) - 1))
        options.append(shape[1:])
    wshape = m.choice(options)
    if wshape is None:
        return None
    w = m.uniform(wshape, dtype, 0.0, 2.0)
    if m.coin(0.2):
        w = m.sprinkle(w, (0.0, -0.5), 0.3)
    return w


def gen_bce(m: Maker) -> None:
    loss = "BCELoss"
    for dtype in DTYPES:
        for shape in BINARY_SHAPES:
            for red in STD:
                x = m.probs(shape, dtype, exact=m.coin(0.6))
                y = m.hard(shape, dtype) if m.coin() else m.probs(shape, dtype, True)
                kw: dict[str, Any] = {"reduction": red}
                w = _elementwise_weight(m, shape, dtype)
                if w is not None:
                    kw["weight"] = w
                m.add(loss, [x, y], "random", **kw)
    # The edge table of spec section 3.1.
    xs = [0.0, 0.0, 1.0, 1.0, 0.5, 1e-13, 1e-60, 1e-10, 1.0 - 1e-7]
    ys = [0.0, 1.0, 0.0, 1.0, 0.5, 0.0, 1.0, 0.0, 1.0]
    for dtype in DTYPES:
        x, y = np.array(xs, dtype), np.array(ys, dtype)
        for red in STD:
            m.add(loss, [x, y], "edges", reduction=red)
    # Weight broadcasting and dtype.
    x, y = m.probs((2, 3), F32, True), m.hard((2, 3), F32)
    m.add(loss, [x, y], "weight-f64", weight=m.uniform((3,), F64))
    x64, y64 = x.astype(F64), y.astype(F64)
    for red in STD:
        m.add(
            loss, [x64, y64], "weight-f32", weight=m.uniform((2, 1), F32), reduction=red
        )
    m.add(loss, [x, y], "err-weight-ndim", weight=m.uniform((2, 2, 3), F32))
    m.add(loss, [x, y], "err-weight-shape", weight=m.uniform((2,), F32))
    m.add(loss, [x, y], "err-weight-shape", weight=m.uniform((3, 1), F32))
    # Range, size and dtype errors.
    for bad in (1.5, -0.1, NAN, INF):
        xb = np.array([0.2, bad, 0.7], F32)
        m.add(loss, [xb, np.array([0.0, 1.0, 1.0], F32)], "err-input-range")
    for bad in (NAN, 2.0, -0.5):
        yb = np.array([0.0, bad, 1.0], F64)
        m.add(loss, [np.array([0.2, 0.4, 0.7], F64), yb], "err-target-range")
    m.add(loss, [m.probs((1, 3), F32, False), m.hard((1,), F32)], "err-size")
    m.add(loss, [m.probs((3,), F32, False), m.hard((3, 1), F32)], "err-size")
    x = m.probs((2, 3), F32, False)
    m.add(loss, [x, m.hard((2, 3), F64)], "err-dtype")
    m.add(loss, [x.astype(F64), m.hard((2, 3), F32)], "err-dtype")
    m.add(loss, [x, m.hard((2, 3), I64)], "err-dtype-long")
    m.add(loss, [m.hard((2, 3), I64), m.hard((2, 3), I64)], "err-long")
    _common_tail(m, loss, lambda: [m.probs((3, 2), F64, True), m.hard((3, 2), F64)])


def gen_bce_logits(m: Maker) -> None:
    loss = "BCEWithLogitsLoss"
    for dtype in DTYPES:
        for shape in BINARY_SHAPES:
            for red in STD:
                x = m.logits(shape, dtype, extreme=m.coin(0.5))
                y = m.hard(shape, dtype) if m.coin() else m.probs(shape, dtype, True)
                if m.coin(0.15):
                    y = m.sprinkle(y, (2.0, -1.0), 0.3)  # not range-checked
                kw: dict[str, Any] = {"reduction": red}
                w = _elementwise_weight(m, shape, dtype)
                if w is not None:
                    kw["weight"] = w
                pw = _elementwise_weight(m, shape, dtype)
                if pw is not None:
                    kw["pos_weight"] = pw * 3
                m.add(loss, [x, y], "random", **kw)
    # pos_weight broadcasting as the docs show: (C,) and (C, 1, 1).
    for dtype in DTYPES:
        x, y = m.logits((2, 3, 2, 2), dtype, True), m.hard((2, 3, 2, 2), dtype)
        pw = m.uniform((3, 1, 1), dtype, 0.2, 4.0)
        m.add(loss, [x, y], "pos-weight-c11", pos_weight=pw, reduction="none")
        x, y = m.logits((4, 3), dtype, False), m.hard((4, 3), dtype)
        pw = np.array([1.0, 3.0, -0.5], dtype)
        for red in STD:
            m.add(loss, [x, y], "pos-weight-neg", pos_weight=pw, reduction=red)
    # Extreme logits: fingerprints of the stable form, +-inf, NaN.
    xs = [30.0, -20.0, 1e4, -1e4, 1e4, -1e4, INF, INF, -INF, -INF, NAN, 0.0, 40.0]
    ys = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.5, 1.0]
    for dtype in DTYPES:
        x, y = np.array(xs, dtype), np.array(ys, dtype)
        for red in STD:
            m.add(loss, [x, y], "extremes", reduction=red)
        pw = np.array([2.5], dtype)
        m.add(loss, [x, y], "extremes-pw", reduction="none", pos_weight=pw)
    # Mixed dtypes: the loss takes the target's dtype (in-place kernel).
    for xd, yd, wd, pwd in (
        (F32, F64, None, None),
        (F64, F32, None, None),
        (F32, F32, None, F64),
        (F32, F32, F64, None),
        (F64, F64, F32, F32),
        (F32, F64, F32, F64),
        (F64, F32, F64, F32),
    ):
        x, y = m.logits((2, 3), xd, False), m.probs((2, 3), yd, True)
        kw = {}
        if wd is not None:
            kw["weight"] = m.uniform((2, 1), wd)
        if pwd is not None:
            kw["pos_weight"] = m.uniform((3,), pwd, 0.5, 3.0)
        for red in STD:
            m.add(loss, [x, y], "mixed-dtype", reduction=red, **kw)
    x = m.logits((2, 3), F32, False)
    # Errors.
    m.add(loss, [m.logits((1, 3), F32, False), m.hard((1,), F32)], "err-size")
    m.add(loss, [m.logits((3, 1), F32, False), m.hard((3,), F32)], "err-size")
    m.add(loss, [m.hard((2, 3), I64), m.hard((2, 3), F32)], "err-long-input")
    m.add(loss, [m.hard((2, 3), I64), m.hard((2, 3), I64)], "err-long-input")
    m.add(loss, [x, m.hard((2, 3), I64)], "err-long-target")
    y = m.hard((2, 3), F32)
    m.add(loss, [x[0], y[0]], "err-weight-bigger", weight=m.uniform((2, 3), F32))
    m.add(loss, [x[0], y[0]], "err-pw-bigger", pos_weight=m.uniform((2, 3), F32))
    m.add(loss, [x, y], "err-weight-shape", weight=m.uniform((2,), F32))
    m.add(loss, [x, y], "err-pw-shape", pos_weight=m.uniform((4,), F32))
    _common_tail(m, loss, lambda: [m.logits((3, 2), F64, True), m.hard((3, 2), F64)])


def _common_tail(m: Maker, loss: str, make: Any) -> None:
    """Legacy arguments, 'elementwise_mean' and bad reductions."""
    for sa, rd in LEGACY:
        kw: dict[str, Any] = {"reduction": m.choice(STD)}
        if sa is not None:
            kw["size_average"] = sa
        if rd is not None:
            kw["reduce"] = rd
        m.add(loss, make(), "legacy", **kw)
    m.add(loss, make(), "elementwise-mean", reduction="elementwise_mean")
    for bad in BAD_REDUCTIONS:
        m.add(loss, make(), "err-reduction", reduction=bad)


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
    _common_tail(m, loss, make)
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
    _common_tail(m, loss, make)
    m.add(loss, make(), "legacy-mean", size_average=True, reduction="batchmean")


# --------------------------------------------------------------------------- #
# MultiLabelSoftMarginLoss
# --------------------------------------------------------------------------- #

MLSM_SHAPES = ((4,), (1, 3), (5, 4), (2, 3, 4), (0, 3), (3, 1))


def gen_mlsm(m: Maker) -> None:
    loss = "MultiLabelSoftMarginLoss"
    for dtype in DTYPES:
        for shape in MLSM_SHAPES:
            c = shape[-1]
            for red in STD:
                x = m.logits(shape, dtype, extreme=m.coin(0.4))
                kind = m.choice(("hard", "soft", "int"))
                if kind == "hard":
                    y = m.hard(shape, dtype)
                elif kind == "soft":
                    y = m.probs(shape, dtype, False)
                else:
                    y = m.hard(shape, I64)
                kw: dict[str, Any] = {"reduction": red}
                wshape = m.choice((None, (c,), shape, (*shape[:-1], 1)))
                if wshape is not None:
                    kw["weight"] = m.uniform(wshape, dtype, 0.0, 2.0)
                m.add(loss, [x, y], f"random-{kind}", **kw)
    for dtype in DTYPES:
        x = np.array([[NAN, 1.0, -1e4], [1e4, INF, -INF]], dtype)
        y = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]], dtype)
        for red in STD:
            m.add(loss, [x, y], "nan-inf", reduction=red)
    x = m.logits((3, 4), F32, False)
    m.add(loss, [x, m.hard((4,), F32)], "target-broadcast", reduction="none")
    m.add(loss, [x, m.hard((3, 4), F64)], "mixed-dtype", reduction="sum")
    m.add(loss, [x, m.hard((3, 4), F32)], "weight-f64", weight=m.uniform((4,), F64))
    m.add(loss, [x, m.hard((3, 5), F32)], "err-size-mismatch")
    m.add(loss, [x, m.hard((3, 4), F32)], "err-weight-size", weight=np.ones(3, F32))
    for sa, rd in LEGACY:
        kw = {"reduction": m.choice(STD)}
        if sa is not None:
            kw["size_average"] = sa
        if rd is not None:
            kw["reduce"] = rd
        m.add(loss, [m.logits((3, 2), F64, True), m.hard((3, 2), F64)], "legacy", **kw)
    for bad in ("elementwise_mean", *BAD_REDUCTIONS):
        m.add(loss, [x, m.hard((3, 4), F32)], "err-reduction", reduction=bad)


def build_specs(seed: int = SEED) -> dict[str, list[Spec]]:
    """Every case's inputs, per loss, from one seeded generator."""
    m = Maker(seed)
    gen_bce(m)
    gen_bce_logits(m)
    gen_class_index(m, "CrossEntropyLoss")
    gen_ce_probs(m)
    gen_class_index(m, "NLLLoss")
    gen_kl(m)
    for loss in ("L1Loss", "MSELoss", "SmoothL1Loss", "HuberLoss"):
        gen_regression(m, loss)
    gen_mlsm(m)
    out: dict[str, list[Spec]] = {name: [] for name in LOSS_NAMES}
    for spec in m.specs:
        out[spec.loss].append(spec)
    return out


# --------------------------------------------------------------------------- #
# Running torch and encoding
# --------------------------------------------------------------------------- #


def _enc_float(v: float, dtype: np.dtype[Any]) -> float | str:
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if dtype == F32:
        short = float(str(np.float32(v)))
        if np.float32(short) == np.float32(v):
            return short
    return float(v)


def encode_array(a: Any) -> dict[str, Any]:
    """A tensor as ``{"dtype", "shape", "data"}`` (see the module docstring)."""
    a = np.asarray(a)
    flat = a.reshape(-1)
    if a.dtype.kind == "f":
        data: list[Any] = [_enc_float(float(v), a.dtype) for v in flat]
    elif a.dtype.kind == "b":
        data = [bool(v) for v in flat]
    elif a.dtype.kind in "iu":
        data = [int(v) for v in flat]
    else:
        raise TypeError(f"cannot encode dtype {a.dtype}")
    return {"dtype": a.dtype.name, "shape": list(a.shape), "data": data}


def encode_kwarg(v: Any) -> Any:
    if isinstance(v, np.ndarray):
        return encode_array(v)
    if isinstance(v, float) and not math.isfinite(v):
        return {"float": _enc_float(v, F64)}
    return v


def _case_id(index: int, spec: Spec) -> str:
    first = spec.tensors[0]
    parts = [spec.loss, f"{index:03d}", spec.label]
    parts.append(
        {"float32": "f32", "float64": "f64"}.get(first.dtype.name, first.dtype.name)
    )
    parts.append(_tag(first.shape))
    for key in ("size_average", "reduce"):
        if key in spec.kwargs:
            parts.append(f"{key}={spec.kwargs[key]}")
    parts.append(str(spec.kwargs.get("reduction", "default")))
    return "-".join(parts)


def run_torch(spec: Spec, index: int = 0) -> dict[str, Any]:
    """Run ``spec`` through ``torch.nn`` and encode what torch returned or raised."""
    case: dict[str, Any] = {
        "id": _case_id(index, spec),
        "loss": spec.loss,
        "call": f"torch.nn.{spec.loss}"
        if spec.functional is None
        else f"torch.nn.functional.{spec.functional}",
        "tensors": [encode_array(t) for t in spec.tensors],
        "kwargs": {k: encode_kwarg(v) for k, v in spec.kwargs.items()},
    }
    tensors = [torch.from_numpy(t.copy()) for t in spec.tensors]
    first = tensors[0]
    if first.is_floating_point():
        first.requires_grad_(True)
    kwargs = {
        k: torch.from_numpy(v.copy()) if isinstance(v, np.ndarray) else v
        for k, v in spec.kwargs.items()
    }
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            if spec.functional is not None:
                out = getattr(torch.nn.functional, spec.functional)(*tensors, **kwargs)
            else:
                out = getattr(torch.nn, spec.loss)(**kwargs)(*tensors)
        except Exception as exc:  # torch's exception is the data
            case["error"] = {"type": type(exc).__name__, "message": str(exc)}
            return case
        grad = grad_error = None
        if out.requires_grad:
            try:
                out.sum().backward()
            except RuntimeError as exc:  # torch's backward can fail on its own
                grad_error = {"type": type(exc).__name__, "message": str(exc)}
            else:
                if first.grad is not None:
                    grad = first.grad.numpy()
    case["value"] = encode_array(out.detach().numpy())
    case["grad"] = None if grad is None else encode_array(grad)
    if grad_error is not None:
        case["grad_error"] = grad_error
    texts: list[str] = []
    for w in caught:
        text = str(w.message)
        if text not in texts:
            texts.append(text)
    case["warnings"] = texts
    return case


def dump(loss: str, cases: list[dict[str, Any]], seed: int) -> str:
    """The file text: a header and one case per line."""
    header = {
        "format": FORMAT,
        "version": VERSION,
        "torch_version": torch.__version__,
        "numpy_version": np.__version__,
        "seed": seed,
        "loss": loss,
        "generator": "tools/make_torch_reference.py",
    }
    lines = [json.dumps(header, allow_nan=False)[:-1] + ', "cases": [']
    body = [json.dumps(c, allow_nan=False, separators=(",", ":")) for c in cases]
    lines.append(",\n".join(body))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    args.out.mkdir(parents=True, exist_ok=True)
    total = 0
    for loss, specs in build_specs(args.seed).items():
        cases = [run_torch(spec, i) for i, spec in enumerate(specs)]
        text = dump(loss, cases, args.seed)
        (args.out / f"{loss}.json").write_text(text, encoding="utf-8")
        errors = sum("error" in c for c in cases)
        print(
            f"{loss:26s} {len(cases):4d} cases ({errors} errors) {len(text):8d} bytes"
        )
        total += len(cases)
    print(f"{total} cases, torch {torch.__version__}")


if __name__ == "__main__":
    main()
