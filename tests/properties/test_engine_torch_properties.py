"""Property-based parity: the engine against a live torch on hypothesis-drawn calls.

Every example is one call: a loss, random shapes (empty batches included),
random parameters (in and out of torch's ranges), a reduction (sometimes an
invalid one), float32 or float64, and values mixing ordinary numbers with
±inf, NaN, huge and tiny magnitudes. Torch runs it (``tools/torch_reference``'s
``run_torch``) and the engine must agree exactly as the committed reference
data is checked (``tests/engine/test_torch_reference_data.py``): values and
gradients under ``tests/torch_parity.py``'s rule (a few ulps, plus a few ε
times the inputs' scale), NaN and ±inf at the same places, the same warnings,
and for an input torch rejects the same exception type and message.

Beyond the torch.nn losses: ``CTCLoss`` (random ``T, N, C, S``, padded and
concatenated targets, any blank, extreme log-probs, wrong lengths and
dtypes); the four losses beyond torch against torch autograd of the formula
their docstrings state (:data:`EXTRA_CALLS`); the legacy
``size_average``/``reduce`` arguments; integer and bool tensors in every
position.

Profiles (registered in ``tests/conftest.py``): ``ci`` by default,
``--hypothesis-profile=soak`` for thousands of examples per loss.
"""

from __future__ import annotations

import math
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from script_modules import load_module

from lossgui.engine import LOSSES

torch = pytest.importorskip("torch")
hypothesis = pytest.importorskip("hypothesis")

from hypothesis import event, given, note  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra import numpy as hnp  # noqa: E402
from torch_parity import ToleranceExceeded  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


maker = load_module(
    "_lossgui_make_torch_reference", ROOT / "tools" / "make_torch_reference.py"
)
reference = load_module(
    "_lossgui_torch_reference_checks",
    ROOT / "tests" / "engine" / "test_torch_reference_data.py",
)
Spec = sys.modules["torch_reference"].Spec  # on sys.path once maker is loaded
CUSTOM_CALLS = sys.modules["torch_reference.core"].CUSTOM_CALLS

F32, F64, I64 = np.dtype(np.float32), np.dtype(np.float64), np.dtype(np.int64)
STD = ("none", "mean", "sum")
BAD = ("foo", "Mean", "batchmean", "elementwise_mean")
SPECIAL = (0.0, -0.0, np.inf, -np.inf, np.nan, 1e30, -1e30, 1e-30, -1e-30)
SPECIAL += (1e4, -1e4, 88.5, -88.5, 30.0, -30.0, 1e-7, 3e-39, 1.0, -1.0)


# --------------------------------------------------------------------------- #
# Strategies
# --------------------------------------------------------------------------- #


def floats(dtype: np.dtype[Any], lo: float = -12.0, hi: float = 12.0, wild=True):
    """Ordinary values, with ±inf, NaN, huge and tiny ones mixed in when ``wild``."""
    width = 32 if dtype == F32 else 64
    plain = st.floats(lo, hi, width=width)
    if not wild:
        return plain
    return st.one_of(plain, plain, plain, st.sampled_from(SPECIAL))


def array(draw, shape, dtype, lo=-12.0, hi=12.0, wild=None):
    if wild is None:
        wild = draw(st.booleans())
    return draw(
        hnp.arrays(
            dtype, shape, elements=floats(dtype, lo, hi, wild), fill=st.nothing()
        )
    )


def probs(draw, shape, dtype, wild=False):
    """Values in [0, 1] (edges included); ``wild`` lets some escape the range."""
    width = 32 if dtype == F32 else 64
    inside = st.one_of(
        st.floats(0.0, 1.0, width=width), st.sampled_from((0.0, 1.0, 1e-13, 0.5))
    )
    if wild:
        inside = st.one_of(inside, st.sampled_from((-0.5, 1.5, np.nan, np.inf)))
    return draw(hnp.arrays(dtype, shape, elements=inside, fill=st.nothing()))


def dims(draw, lo=0, hi=3):
    return draw(st.integers(lo, hi))


def shape_any(draw, max_ndim=3):
    return tuple(draw(st.lists(st.integers(0, 3), max_size=max_ndim)))


def reduction(draw, allowed=STD, bad=BAD):
    """A reduction keyword: usually valid, sometimes torch's default or a bad one."""
    pick = draw(st.integers(0, 19))
    if pick == 0:
        return {}
    if pick == 1:
        return {"reduction": draw(st.sampled_from(bad))}
    return {"reduction": draw(st.sampled_from(allowed))}


def dtype_of(draw):
    return draw(st.sampled_from((F32, F64)))


def target_shape(draw, shape):
    """Usually ``shape``; sometimes a broadcastable or a mismatched one."""
    pick = draw(st.integers(0, 9))
    if pick == 0 and shape:
        return shape[1:]
    if pick == 1 and shape:
        return (*shape[:-1], 1)
    if pick == 2:
        return (*shape, 2)[-max(1, len(shape)) :] if shape else (2,)
    return shape


def other_dtype(draw, dtype):
    return draw(st.sampled_from((dtype,) * 9 + ((F64 if dtype == F32 else F32),)))


# --------------------------------------------------------------------------- #
# One builder per loss: ``draw -> Spec``
# --------------------------------------------------------------------------- #

Builder = Callable[[Any], Any]
BUILDERS: dict[str, Builder] = {}


def builder(*names: str) -> Callable[[Builder], Builder]:
    def deco(fn: Builder) -> Builder:
        for name in names:
            BUILDERS[name] = fn
        return fn

    return deco


def _regression(draw, loss: str):
    dtype = dtype_of(draw)
    shape = shape_any(draw)
    x = array(draw, shape, dtype)
    y = array(draw, target_shape(draw, shape), other_dtype(draw, dtype))
    kw = reduction(draw)
    if loss == "SmoothL1Loss":
        kw["beta"] = draw(st.sampled_from((1.0, 0.0, 0.5, 1e-3, 2.0, 1e4, -1.0)))
    if loss == "HuberLoss":
        kw["delta"] = draw(st.sampled_from((1.0, 0.5, 1e-3, 2.0, 1e4, 0.0, -1.0)))
    functional = None
    if loss != "SmoothL1Loss" and draw(st.integers(0, 4)) == 0 and x.shape == y.shape:
        functional = {"L1Loss": "l1_loss", "MSELoss": "mse_loss"}.get(loss)
        functional = functional or "huber_loss"
        kw["weight"] = probs(draw, target_shape(draw, shape), dtype)
    return Spec(loss, [x, y], kw, "hyp", functional)


@builder("L1Loss", "MSELoss", "SmoothL1Loss", "HuberLoss")
def _regression_any(draw, loss):
    return _regression(draw, loss)


@builder("BCELoss")
def _bce(draw, loss):
    dtype = dtype_of(draw)
    shape = shape_any(draw)
    x = probs(draw, shape, dtype, wild=draw(st.integers(0, 5)) == 0)
    y = probs(draw, target_shape(draw, shape), other_dtype(draw, dtype), wild=False)
    kw = reduction(draw)
    if draw(st.booleans()) and shape:
        kw["weight"] = probs(draw, shape[-1:], dtype) * 3
    return Spec(loss, [x, y], kw, "hyp")


@builder("BCEWithLogitsLoss")
def _bce_logits(draw, loss):
    dtype = dtype_of(draw)
    shape = shape_any(draw)
    x = array(draw, shape, dtype, -40, 40)
    y = probs(draw, target_shape(draw, shape), other_dtype(draw, dtype))
    kw = reduction(draw)
    if draw(st.booleans()) and shape:
        kw["weight"] = probs(draw, shape[-1:], dtype) * 3
    if draw(st.booleans()) and shape:
        kw["pos_weight"] = array(draw, shape[-1:], dtype, 0, 5, wild=False)
    return Spec(loss, [x, y], kw, "hyp")


def _class_input(draw, dtype):
    """(N, C), (C,) or (N, C, d) logits and the shape of an index target."""
    n, c = draw(st.integers(0, 4)), draw(st.integers(1, 4))
    form = draw(st.sampled_from(("nc", "nc", "c", "ncd")))
    if form == "c":
        shape, tshape = (c,), ()
    elif form == "ncd":
        d = draw(st.integers(0, 3))
        shape, tshape = (n, c, d), (n, d)
    else:
        shape, tshape = (n, c), (n,)
    return array(draw, shape, dtype, -30, 30), c, tshape


def _indices(draw, tshape, c, ignore):
    pool = list(range(c)) * 3 + [ignore]
    if draw(st.integers(0, 9)) == 0:
        pool += [c, -1]
    return draw(hnp.arrays(I64, tshape, elements=st.sampled_from(pool)))


@builder("CrossEntropyLoss", "NLLLoss")
def _ce(draw, loss):
    dtype = dtype_of(draw)
    x, c, tshape = _class_input(draw, dtype)
    kw = reduction(draw)
    ignore = draw(st.sampled_from((-100, -100, 0, 1)))
    if ignore != -100:
        kw["ignore_index"] = ignore
    if loss == "CrossEntropyLoss" and draw(st.integers(0, 2)) == 0:
        y = probs(draw, x.shape, other_dtype(draw, dtype))
    else:
        y = _indices(draw, tshape, c, ignore)
    if draw(st.booleans()):
        size = c if draw(st.integers(0, 9)) else c + 1
        kw["weight"] = array(draw, (size,), other_dtype(draw, dtype), 0, 3, wild=False)
    if loss == "CrossEntropyLoss" and draw(st.booleans()):
        kw["label_smoothing"] = draw(st.sampled_from((0.1, 0.5, 1.0, 0.0, 1.5)))
    return Spec(loss, [x, y], kw, "hyp")


@builder("KLDivLoss")
def _kldiv(draw, loss):
    dtype = dtype_of(draw)
    shape = shape_any(draw)
    x = array(draw, shape, dtype, -30, 5)
    log_target = draw(st.booleans())
    tshape = target_shape(draw, shape)
    if log_target:
        y = array(draw, tshape, other_dtype(draw, dtype), -30, 2)
    else:
        y = probs(draw, tshape, other_dtype(draw, dtype), wild=draw(st.booleans()))
    kw = reduction(draw, (*STD, "batchmean"), ("foo", "Mean"))
    kw["log_target"] = log_target
    return Spec(loss, [x, y], kw, "hyp")


@builder("MultiLabelSoftMarginLoss")
def _mlsm(draw, loss):
    dtype = dtype_of(draw)
    n, c = draw(st.integers(0, 4)), draw(st.integers(1, 4))
    shape = draw(st.sampled_from(((n, c), (c,), (n, 2, c))))
    x = array(draw, shape, dtype, -30, 30)
    y = probs(draw, target_shape(draw, shape), other_dtype(draw, dtype))
    kw = reduction(draw)
    if draw(st.booleans()):
        kw["weight"] = array(draw, (c,), dtype, 0, 3, wild=False)
    return Spec(loss, [x, y], kw, "hyp")


def _signs(draw, shape, dtype):
    return draw(hnp.arrays(dtype, shape, elements=st.sampled_from((1.0, -1.0))))


@builder("SoftMarginLoss", "HingeEmbeddingLoss")
def _soft_hinge(draw, loss):
    dtype = dtype_of(draw)
    shape = shape_any(draw)
    x = array(draw, shape, dtype, -100, 100)
    y = _signs(draw, target_shape(draw, shape), other_dtype(draw, dtype))
    kw = reduction(draw)
    if loss == "HingeEmbeddingLoss":
        kw["margin"] = draw(st.sampled_from((1.0, 0.0, -1.0, 2.5)))
    return Spec(loss, [x, y], kw, "hyp")


@builder("PoissonNLLLoss")
def _poisson(draw, loss):
    dtype = dtype_of(draw)
    shape = shape_any(draw)
    log_input = draw(st.booleans())
    x = array(draw, shape, dtype, -20 if log_input else 0, 20)
    y = array(draw, target_shape(draw, shape), other_dtype(draw, dtype), 0, 20)
    kw = reduction(draw)
    kw |= {"log_input": log_input, "full": draw(st.booleans())}
    kw["eps"] = draw(st.sampled_from((1e-8, 1e-3, 1.0)))
    return Spec(loss, [x, y], kw, "hyp")


@builder("GaussianNLLLoss")
def _gaussian(draw, loss):
    dtype = dtype_of(draw)
    n, d = draw(st.integers(0, 3)), draw(st.integers(1, 3))
    x = array(draw, (n, d), dtype)
    y = array(draw, (n, d), other_dtype(draw, dtype))
    vshape = draw(st.sampled_from(((n, d), (n, 1), (n,), (n, d + 1))))
    lo = -1.0 if draw(st.integers(0, 9)) == 0 else 0.0
    var = array(draw, vshape, dtype, lo, 5, wild=False)
    kw = reduction(draw) | {"full": draw(st.booleans())}
    kw["eps"] = draw(st.sampled_from((1e-6, 1e-2)))
    return Spec(loss, [x, y, var], kw, "hyp")


@builder("MarginRankingLoss")
def _ranking(draw, loss):
    dtype = dtype_of(draw)
    shape = shape_any(draw, 2)
    a, b = array(draw, shape, dtype), array(draw, shape, dtype)
    y = _signs(draw, target_shape(draw, shape), dtype)
    kw = reduction(draw) | {"margin": draw(st.sampled_from((0.0, 0.5, -1.0)))}
    return Spec(loss, [a, b, y], kw, "hyp")


@builder("CosineEmbeddingLoss")
def _cosine(draw, loss):
    dtype = dtype_of(draw)
    n, d = draw(st.integers(0, 3)), draw(st.integers(1, 4))
    a = array(draw, (n, d), dtype)
    b = array(draw, (n, d), dtype)
    y = _signs(draw, (n,), dtype)
    kw = reduction(draw) | {"margin": draw(st.sampled_from((0.0, 0.5, -0.5)))}
    return Spec(loss, [a, b, y], kw, "hyp")


@builder("MultiMarginLoss", "MultiLabelMarginLoss")
def _multi_margin(draw, loss):
    dtype = dtype_of(draw)
    # An empty batch under 'mean'/'sum' makes torch return uninitialised memory.
    n, c = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    x = array(draw, (n, c), dtype, -5, 5)
    kw = reduction(draw)
    if loss == "MultiMarginLoss":
        y = draw(hnp.arrays(I64, (n,), elements=st.integers(0, c - 1)))
        kw["p"] = draw(st.sampled_from((1, 2)))
        kw["margin"] = draw(st.sampled_from((1.0, 0.0, 2.0)))
        if draw(st.booleans()):
            kw["weight"] = array(draw, (c,), dtype, 0, 3, wild=False)
    else:
        y = draw(hnp.arrays(I64, (n, c), elements=st.integers(-1, c - 1)))
    return Spec(loss, [x, y], kw, "hyp")


@builder("TripletMarginLoss", "TripletMarginWithDistanceLoss")
def _triplet(draw, loss):
    dtype = dtype_of(draw)
    n, d = draw(st.integers(0, 3)), draw(st.integers(1, 4))
    a, p, q = (array(draw, (n, d), dtype, -5, 5) for _ in range(3))
    kw = reduction(draw) | {"margin": draw(st.sampled_from((1.0, 0.5, 2.0)))}
    kw["swap"] = draw(st.booleans())
    if loss == "TripletMarginLoss":
        kw["p"] = draw(st.sampled_from((2.0, 1.0, 3.0)))
    else:
        choices = ("pairwise_distance", "cosine_distance", "l1", "squared_euclidean")
        kw["distance_function"] = draw(st.sampled_from(choices))
    return Spec(loss, [a, p, q], kw, "hyp")


@builder("sigmoid_focal_loss")
def _focal(draw, loss):
    dtype = dtype_of(draw)
    shape = shape_any(draw)
    x = array(draw, shape, dtype, -30, 30)
    y = probs(draw, shape, dtype)
    kw = reduction(draw, STD, ("foo",))
    kw["alpha"] = draw(st.sampled_from((0.25, -1.0, 0.5, 1.0)))
    kw["gamma"] = draw(st.sampled_from((2.0, 0.0, 1.0, 0.5)))
    return Spec(loss, [x, y], kw, "hyp")


I32 = np.dtype(np.int32)


def _log_softmax(z: np.ndarray) -> np.ndarray:
    """``log_softmax`` over the last dim in float64 (NaN/inf pass through)."""
    with np.errstate(all="ignore"):
        top = np.max(z, axis=-1, keepdims=True, initial=-np.inf)
        top = np.where(np.isfinite(top), top, 0.0)
        shifted = z - top
        return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def rare(draw, n: int) -> bool:
    """True about once in ``n`` (the middle pick: hypothesis favours the ends)."""
    return draw(st.sampled_from(range(n))) == n // 2


def _ctc_lengths(draw, count, lo, hi, bad):
    """``count`` lengths in ``[lo, hi]``; with ``bad``, one may be out of range."""
    values = [draw(st.integers(lo, max(lo, hi))) for _ in range(count)]
    if bad and values and rare(draw, 25):
        values[draw(st.integers(0, count - 1))] = draw(st.sampled_from((-1, hi + 1)))
    return values


@builder("CTCLoss")
def _ctc(draw, loss):
    """Random ``T, N, C, S``: padded or concatenated targets, any blank, extremes.

    Labels stay in ``[0, C)``: torch's CPU kernel does not check them and
    reads outside ``log_probs`` otherwise. Lengths, the blank, the layout and
    the dtypes are sometimes wrong, for torch's errors.
    """
    dtype = dtype_of(draw)
    steps = 0 if rare(draw, 40) else draw(st.integers(1, 6))
    classes = draw(st.integers(1, 5))
    batched = not rare(draw, 5)
    batch = (0 if rare(draw, 40) else draw(st.integers(1, 3))) if batched else 1
    blank = draw(st.integers(0, classes - 1))
    if rare(draw, 40):
        blank = draw(st.sampled_from((classes, -1)))
    shape = (steps, batch, classes) if batched else (steps, classes)
    z = array(draw, shape, F64, -20, 20)
    kind = draw(st.sampled_from(("log_softmax", "log_softmax", "raw")))
    lp = _log_softmax(z) if kind == "log_softmax" else z
    if lp.size and draw(st.booleans()):  # impossible emissions
        mask = draw(hnp.arrays(np.bool_, lp.shape, elements=st.booleans()))
        lp = np.where(mask & (z < 0), -np.inf, lp)
    lp = lp.astype(dtype)
    labels = [c for c in range(classes) if c != blank or rare(draw, 10)]
    if not labels:
        labels = [min(max(blank, 0), classes - 1)]
    il = _ctc_lengths(draw, batch, 0, steps, True)
    tl = _ctc_lengths(draw, batch, 0, steps + 1, True)
    padded = batched and draw(st.booleans())
    if padded:
        width = max([0, *tl]) + draw(st.integers(0, 2))
        if rare(draw, 25):
            width = max(width - 3, 0)
        tshape: tuple[int, ...] = (batch, width)
    else:
        total = sum(max(t, 0) for t in tl)
        if rare(draw, 25):
            total = max(total - 1, 0)
        tshape = (total,)
    targets = draw(hnp.arrays(I64, tshape, elements=st.sampled_from(labels)))
    tdtype = I64
    if rare(draw, 4):
        tdtype = draw(st.sampled_from((I32, F32, np.dtype(np.bool_), I64)))
    ldtype = I64
    if rare(draw, 5):
        ldtype = draw(st.sampled_from((I32, F32, I32)))
    lengths = [np.asarray(v, dtype=I64) for v in (il, tl)]
    if not batched:
        lengths = [v.reshape(()) for v in lengths]
    lengths = [v.astype(ldtype) for v in lengths]
    kw = reduction(draw)
    if blank or draw(st.booleans()):
        kw["blank"] = blank
    if draw(st.booleans()):
        kw["zero_infinity"] = draw(st.booleans())
    event(f"CTC {'padded' if padded else 'concatenated'}, {kind}")
    return Spec(loss, [lp, targets.astype(tdtype), *lengths], kw, "hyp")


# --------------------------------------------------------------------------- #
# Losses beyond torch: torch autograd of the formula each docstring states
# --------------------------------------------------------------------------- #

_TORCH_TYPE_NAMES = {
    "torch.int64": "Long",
    "torch.int32": "Int",
    "torch.int16": "Short",
    "torch.int8": "Char",
    "torch.uint8": "Byte",
    "torch.bool": "Bool",
}


def _check_reduction(reduction: Any) -> None:
    """The extras validate ``reduction`` before looking at the tensors."""
    if not isinstance(reduction, str) or reduction not in STD:
        raise ValueError(f"{reduction} is not a valid value for reduction")


def _reduce(loss: Any, reduction: Any) -> Any:
    if reduction == "none":
        return loss
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    raise ValueError(f"{reduction} is not a valid value for reduction")


def _need_float(x: Any, kernel: str) -> None:
    """lossgui's documented error for a non-floating input of its own losses."""
    if not x.is_floating_point():
        name = _TORCH_TYPE_NAMES[str(x.dtype)]
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{name}'")


def _expand(y: Any, shape: Any) -> Any:
    """The target expanded to the input's shape, with lossgui's documented errors."""
    shape = tuple(shape)
    if y.ndim > len(shape):
        full = list(torch.broadcast_shapes(shape, y.shape))
        raise RuntimeError(
            f"output with shape {list(shape)} doesn't match the broadcast shape {full}"
        )
    for offset in range(1, y.ndim + 1):
        size, want = y.shape[-offset], shape[-offset]
        if size not in (1, want):
            raise RuntimeError(
                f"Attempting to broadcast a dimension of length {size} at -{offset}! "
                f"Mismatching argument at index 1 had {y.shape}; but expected shape "
                f"should be broadcastable to {list(shape)}"
            )
    return y.expand(shape)


def _bool_subtraction(x: Any, y: Any) -> None:
    """Torch's own error for ``x - y`` with a bool operand (shape-free)."""
    torch.empty(0, dtype=x.dtype) - torch.empty(0, dtype=y.dtype)


def torch_log_cosh(x: Any, y: Any, reduction: str = "mean") -> Any:
    """``log(cosh(d))`` as the docstring computes it, ``d = x - y``.

    ``log1p(2 sinh²(d/2))`` for ``|d| < 1``, ``|d| + log1p(exp(-2|d|)) - log 2``
    otherwise (each branch fed only its own elements, so the other branch's
    overflow cannot leak NaN into autograd).
    """
    _check_reduction(reduction)
    _bool_subtraction(x, y)
    _need_float(x, "log_cosh")
    _expand(y, x.shape)  # then as written: a 0-d target does not widen
    d = x - y
    a = d.abs()
    near = a < 1
    d_near = torch.where(near, d, torch.zeros_like(d))
    a_far = torch.where(near, torch.ones_like(a), a)
    loss = torch.where(
        near,
        torch.log1p(2 * torch.sinh(d_near / 2) ** 2),
        a_far + torch.log1p(torch.exp(-2 * a_far)) - math.log(2),
    )
    return _reduce(loss, reduction)


def torch_squared_hinge(x: Any, y: Any, margin: float = 1.0, reduction="mean"):
    """``clamp(margin - y x, min=0) ** 2`` (``tests/benchmarks``' formula)."""
    _check_reduction(reduction)
    _need_float(x, "squared_hinge")
    _expand(y, x.shape)  # then as written: a 0-d target does not widen
    loss = torch.clamp(float(margin) - y * x, min=0).pow(2)
    return _reduce(loss, reduction)


def torch_soft_dice(p: Any, t: Any, smooth: float = 1.0, reduction="mean"):
    """``1 - (2 Σ p t + s) / (Σ p + Σ t + s)`` per sample (dim 0)."""
    _check_reduction(reduction)
    if t.shape != p.shape:
        raise ValueError(
            f"Target size ({t.shape}) must be the same as input size ({p.shape})"
        )
    _need_float(p, "soft_dice")
    dims = tuple(range(1, p.ndim)) if p.ndim >= 2 else tuple(range(p.ndim))
    inter = (p * t).sum(dims)
    den = p.sum(dims) + t.sum(dims) + float(smooth)
    return _reduce(1 - (2 * inter + float(smooth)) / den, reduction)


def torch_poly1(x: Any, y: Any, epsilon: float = 1.0, reduction="mean"):
    """``CE + ε (1 - p_t)``, ``p_t = softmax(x)[y]`` over the class dim."""
    _check_reduction(reduction)
    # No ignore_index: every target is checked (torch's default -100 is not).
    ce = torch.nn.functional.cross_entropy(
        x, y, reduction="none", ignore_index=-(2**63)
    )
    dim = 0 if x.ndim == 1 else 1
    # CE accepts uint8 targets, gather only int64: ``p_t = softmax(x)[y]``.
    index = y.long().unsqueeze(dim)
    p_t = torch.softmax(x, dim).gather(dim, index).squeeze(dim)
    return _reduce(ce + float(epsilon) * (1 - p_t), reduction)


EXTRA_CALLS = {
    "LogCoshLoss": torch_log_cosh,
    "SquaredHingeLoss": torch_squared_hinge,
    "SoftDiceLoss": torch_soft_dice,
    "Poly1CrossEntropyLoss": torch_poly1,
}
for _name, _fn in EXTRA_CALLS.items():
    CUSTOM_CALLS.setdefault(_name, (f"{_fn.__name__} (tests/properties)", _fn))


@builder("LogCoshLoss")
def _log_cosh(draw, loss):
    dtype = dtype_of(draw)
    shape = shape_any(draw)
    lo, hi = draw(st.sampled_from(((-12.0, 12.0), (-1.5, 1.5), (-1e3, 1e3))))
    x = array(draw, shape, dtype, lo, hi)
    y = array(draw, target_shape(draw, shape), other_dtype(draw, dtype), lo, hi)
    return Spec(loss, [x, y], reduction(draw), "hyp")


@builder("SquaredHingeLoss")
def _squared_hinge(draw, loss):
    dtype = dtype_of(draw)
    shape = shape_any(draw)
    x = array(draw, shape, dtype, -5, 5)
    y = _signs(draw, target_shape(draw, shape), other_dtype(draw, dtype))
    kw = reduction(draw)
    if draw(st.booleans()):
        kw["margin"] = draw(st.sampled_from((1.0, 0.0, 0.5, 2.0, -1.0)))
    return Spec(loss, [x, y], kw, "hyp")


@builder("SoftDiceLoss")
def _soft_dice(draw, loss):
    dtype = dtype_of(draw)
    shape = shape_any(draw)
    x = probs(draw, shape, dtype, wild=draw(st.integers(0, 5)) == 0)
    tshape = shape if draw(st.integers(0, 9)) else target_shape(draw, shape)
    t = probs(draw, tshape, other_dtype(draw, dtype))
    kw = reduction(draw)
    if draw(st.booleans()):
        kw["smooth"] = draw(st.sampled_from((1.0, 0.0, 1e-6, 10.0)))
    return Spec(loss, [x, t], kw, "hyp")


@builder("Poly1CrossEntropyLoss")
def _poly1(draw, loss):
    dtype = dtype_of(draw)
    x, c, tshape = _class_input(draw, dtype)
    y = _indices(draw, tshape, c, -100 if draw(st.integers(0, 9)) == 0 else 0)
    kw = reduction(draw)
    if draw(st.booleans()):
        kw["epsilon"] = draw(st.sampled_from((1.0, 0.0, -1.0, 2.0, 0.5)))
    return Spec(loss, [x, y], kw, "hyp")


EXTRAS = tuple(EXTRA_CALLS)

CORE = (
    "BCELoss",
    "BCEWithLogitsLoss",
    "CrossEntropyLoss",
    "NLLLoss",
    "KLDivLoss",
    "MultiLabelSoftMarginLoss",
    "L1Loss",
    "MSELoss",
    "SmoothL1Loss",
    "HuberLoss",
)


# --------------------------------------------------------------------------- #
# The property
# --------------------------------------------------------------------------- #


#: Finite inputs at least this large make sums ill-conditioned (see :func:`check`).
HUGE = 1e20


def _ill_conditioned(spec: Any) -> bool:
    arrays = [*spec.tensors, *(v for v in spec.kwargs.values() if hasattr(v, "dtype"))]
    for a in arrays:
        a = np.asarray(a, dtype=np.float64)
        if np.any(np.isfinite(a) & (np.abs(a) >= HUGE)):
            return True
    return False


def check(spec: Any) -> None:
    """Torch's answer for ``spec``, then the engine's must match it.

    One allowance: when finite inputs reach ``HUGE`` (±1e30), terms like
    ``1e30 - 1e30 + 1`` make a reduced value or a summed-back gradient depend
    on the summation order (torch's autograd sums ``∂(x - y·log x)`` as
    ``Σ1 - Σ y/x``, the engine per element), so a *finite* value that differs
    beyond the tolerance is accepted there and counted as an event. Errors,
    dtypes, shapes, NaN and ±inf positions must still agree exactly.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        case = maker.run_torch(spec)
    note(f"case: {case!r}")
    event(
        f"torch raises {case['error']['type']}" if "error" in case else "torch computes"
    )
    try:
        reference.check_case(case)
    except ToleranceExceeded as exc:  # finite values beyond the tolerance
        if "error" in case or not _ill_conditioned(spec):
            raise
        event("finite difference accepted on ill-conditioned input")
        note(f"accepted: {exc}")
    if "error" not in case:
        reference.check_warnings(case)


@pytest.mark.parametrize("loss", sorted(BUILDERS))
@given(data=st.data())
def test_engine_agrees_with_torch(loss: str, data: st.DataObject) -> None:
    check(data.draw(st.composite(lambda draw: BUILDERS[loss](draw, loss))()))


def test_core_losses_and_catalogue_are_covered() -> None:
    assert set(CORE) <= set(BUILDERS)
    assert len(set(BUILDERS) - set(CORE)) >= 8


# --------------------------------------------------------------------------- #
# Legacy size_average/reduce, and integer tensors
# --------------------------------------------------------------------------- #

#: (size_average, reduce) pairs; ``None`` leaves the argument out.
LEGACY = ((True, None), (False, None), (None, False), (None, True), (False, True))
LEGACY += ((True, False), (False, False), (True, True))
#: Torch losses whose module call the legacy arguments go to (the custom calls
#: are functions with other signatures).
LEGACY_LOSSES = tuple(sorted(set(BUILDERS) - set(CUSTOM_CALLS)))
INT_DTYPES = tuple(np.dtype(t) for t in (np.int64, np.int32, np.uint8, np.int8))
INT_DTYPES += (np.dtype(np.bool_),)


def _fraction(share: float) -> Any:
    """A share of the active profile's example budget (``ci`` stays fast)."""
    from hypothesis import settings

    return settings(max_examples=max(10, int(settings.default.max_examples * share)))


def _with_legacy(draw, spec: Any) -> Any:
    """``spec`` with ``size_average``/``reduce`` (they override ``reduction``).

    A loss that does not take them must raise torch's ``TypeError``.
    """
    size_average, reduce = draw(st.sampled_from(LEGACY))
    kw = dict(spec.kwargs)
    if size_average is not None:
        kw["size_average"] = size_average
    if reduce is not None:
        kw["reduce"] = reduce
    event(f"size_average={size_average}, reduce={reduce}")
    return Spec(spec.loss, spec.tensors, kw, spec.label, spec.functional)


def _as_integer(a: np.ndarray, dtype: np.dtype[Any]) -> np.ndarray:
    """``a``'s values rounded into ``dtype`` (NaN -> 0, ±inf -> ±3, clipped)."""
    a = np.nan_to_num(np.asarray(a, dtype=np.float64), nan=0.0, posinf=3.0, neginf=-3.0)
    if dtype == np.bool_:
        return np.asarray(a != 0)
    info = np.iinfo(dtype)
    low, high = max(info.min, -1000), min(info.max, 1000)
    return np.asarray(np.clip(np.round(a), low, high)).astype(dtype)


def _with_integers(draw, spec: Any) -> Any:
    """``spec`` with one or more of its tensors turned into an integer or bool dtype."""
    count = len(spec.tensors)
    picks = draw(
        st.lists(st.integers(0, count - 1), min_size=1, max_size=count, unique=True)
    )
    tensors = list(spec.tensors)
    for i in picks:
        dtype = draw(st.sampled_from(INT_DTYPES))
        tensors[i] = _as_integer(tensors[i], dtype)
        event(f"tensor {i} as {dtype.name}")
    return Spec(spec.loss, tensors, spec.kwargs, spec.label, spec.functional)


@pytest.mark.parametrize("loss", LEGACY_LOSSES)
@_fraction(0.25)
@given(data=st.data())
def test_legacy_reduction_arguments_agree_with_torch(
    loss: str, data: st.DataObject
) -> None:
    """``size_average``/``reduce``: the effective reduction, torch's deprecation
    warning, or torch's ``TypeError`` for a loss that does not take them."""
    spec = data.draw(st.composite(lambda draw: BUILDERS[loss](draw, loss))())
    if spec.functional is not None:  # F.l1_loss(weight=...): no module
        spec = Spec(spec.loss, spec.tensors, dict(spec.kwargs), spec.label)
        spec.kwargs.pop("weight", None)
    check(data.draw(st.composite(lambda draw: _with_legacy(draw, spec))()))


@pytest.mark.parametrize("loss", sorted(BUILDERS))
@_fraction(0.25)
@given(data=st.data())
def test_integer_tensors_agree_with_torch(loss: str, data: st.DataObject) -> None:
    """Integer and bool inputs/targets: torch's result where it accepts them
    (promoted as torch promotes), its error where it does not."""
    spec = data.draw(st.composite(lambda draw: BUILDERS[loss](draw, loss))())
    check(data.draw(st.composite(lambda draw: _with_integers(draw, spec))()))


def test_new_families_are_covered() -> None:
    assert {"CTCLoss", *EXTRAS} <= set(BUILDERS)
    assert set(EXTRAS) == {n for n, s in LOSSES.items() if not s.in_torch}
    assert {n for n, s in LOSSES.items() if s.legacy_args} <= set(LEGACY_LOSSES)
