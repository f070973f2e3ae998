"""Mixed float32/float64 (and integer-target) calls: the engine against a live torch.

Torch promotes op by op, not once per call: ``KLDivLoss`` takes
``xlogy(target, target)`` in the target's dtype before subtracting the
product with a float64 input, ``BCEWithLogitsLoss`` keeps the target's
dtype, ``PoissonNLLLoss`` takes ``exp``/``log`` of the input in the input's
dtype, and so on. Every loss of :data:`lossgui.engine.LOSSES` with two or more
floating tensors (forward tensors and tensor parameters such as ``weight``)
is called here with every float32/float64 assignment of those tensors, on
seeded random inputs that mix ordinary values with hostile ones (zeros,
signed zeros, subnormals, ±1e30, values beyond float32's range in float64
slots, the edges of each loss's domain, ±inf and NaN), and with integer
targets where the loss takes a real-valued target. The four losses beyond
torch are checked against torch autograd of the formula their docstrings
state (``EXTRA_CALLS`` of ``tests/properties/test_engine_torch_properties.py``).

Comparison (a local helper, :func:`assert_close`): value and gradient with
respect to the first tensor must have torch's dtype and shape, NaN at the same
places and ±inf equal; finite elements agree within ``rtol`` of the dtype of
*torch's result* (float64 ``1e-10``, float32 ``1e-5``) plus an absolute floor
``4 · eps · S``, where ``eps`` belongs to the least precise floating input
and ``S`` is the input scale of the element (``max(1, |result|, |a|, |b|,
|a·b|)`` over its broadcast inputs; summed over what a reduction or a row
combines). The floor is what a float32 intermediate may carry into a float64
result when torch's float32 ``log``/``exp``/``sqrt`` and NumPy's round
differently (they do, by an ulp, on a few percent of arguments); anything
beyond a few float32 ulps of the intermediates (an intermediate computed in
the wrong dtype where it overflows, underflows or loses digits, a scale in
the wrong dtype, a wrong result dtype) fails. Where torch's backward itself
raises (``HuberLoss`` with mixed dtypes), only the value is compared.
"""

from __future__ import annotations

import importlib.util
import itertools
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from script_modules import load_module
from torch_parity import assert_matches_torch

from lossgui.engine import LOSSES, LossInputError, compute

torch = pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parents[2]
F32, F64, I64 = np.dtype(np.float32), np.dtype(np.float64), np.dtype(np.int64)
FLOATS = (F32, F64)
#: Random calls per loss and dtype assignment.
CALLS = 3


load_module("_lossgui_make_torch_reference", ROOT / "tools" / "make_torch_reference.py")
CUSTOM_CALLS: dict[str, tuple[str, Callable[..., Any]]] = sys.modules[
    "torch_reference.core"
].CUSTOM_CALLS
if importlib.util.find_spec("hypothesis") is not None:
    load_module(
        "_lossgui_engine_torch_properties",
        ROOT / "tests" / "properties" / "test_engine_torch_properties.py",
    )  # registers the torch formulas of the losses beyond torch in CUSTOM_CALLS


# --------------------------------------------------------------------------- #
# Hostile values
# --------------------------------------------------------------------------- #

#: Mixed into every real-valued tensor (finite in float32).
HOSTILE = (0.0, -0.0, 1.0, -1.0, 1e30, -1e30, 1e-30, 3e-39, 1e-7, 1e4, -1e4)
HOSTILE += (88.5, -88.5, 89.0, -104.0, 30.0, -30.0, 3e38, -3e38)
#: Only for float64 tensors: beyond float32's range or resolution.
WIDE = (1e200, -1e200, 1e-200, 1.0 + 1e-12, 1e-8)
NONFINITE = (np.inf, -np.inf, np.nan)


class Draw:
    """Seeded random tensors, ordinary values mixed with hostile ones."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)

    def pick(self, options: tuple[Any, ...]) -> Any:
        return options[int(self.rng.integers(len(options)))]

    def coin(self, p: float = 0.5) -> bool:
        return bool(self.rng.random() < p)

    def _mix(self, base: np.ndarray, dtype: np.dtype[Any], specials: tuple) -> Any:
        if dtype == F64:
            specials = specials + WIDE
        hostile = self.rng.random(base.shape) < 0.3
        chosen = self.rng.choice(np.array(specials, dtype=np.float64), base.shape)
        return np.where(hostile, chosen, base)

    def real(
        self, shape: tuple[int, ...], dtype: np.dtype[Any], scale: float = 5.0
    ) -> np.ndarray:
        """Ordinary ``N(0, scale)`` values, a third of them hostile."""
        base = self.rng.normal(0.0, scale, shape)
        specials = HOSTILE + (NONFINITE if self.coin(0.2) else ())
        return self._cast(self._mix(base, dtype, specials), dtype)

    def moderate(self, shape: tuple[int, ...], dtype: np.dtype[Any]) -> np.ndarray:
        """For losses that combine a row: zeros, tiny and edge values, |x| <= 1e4."""
        base = self.rng.normal(0.0, 3.0, shape)
        specials = (0.0, -0.0, 1e-30, 3e-39, 1e-7, 1e4, -1e4, 30.0, -30.0, 1.0)
        return self._cast(self._mix(base, F32, specials), dtype)

    def probs(self, shape: tuple[int, ...], dtype: np.dtype[Any]) -> np.ndarray:
        """Values in [0, 1], edges included."""
        base = self.rng.random(shape)
        edges = (0.0, 1.0, 1e-13, 0.5, 1e-7, 1 - 1e-7, 1e-30, 3e-39)
        hostile = self.rng.random(shape) < 0.35
        chosen = self.rng.choice(np.array(edges), shape)
        return self._cast(np.where(hostile, chosen, base), dtype)

    def weights(self, shape: tuple[int, ...], dtype: np.dtype[Any]) -> np.ndarray:
        """Nonnegative weights up to 3 (zeros and tiny ones included)."""
        return self._cast(self.probs(shape, F64) * 3, dtype)

    def positive(self, shape: tuple[int, ...], dtype: np.dtype[Any]) -> np.ndarray:
        return np.abs(self.real(shape, dtype))

    def signs(self, shape: tuple[int, ...], dtype: np.dtype[Any]) -> np.ndarray:
        return self._cast(self.rng.choice([-1.0, 1.0], shape), dtype)

    def counts(self, shape: tuple[int, ...], dtype: np.dtype[Any]) -> np.ndarray:
        return self._cast(self.rng.integers(0, 40, shape), dtype)

    @staticmethod
    def _cast(values: np.ndarray, dtype: np.dtype[Any]) -> np.ndarray:
        with np.errstate(over="ignore"):
            return np.asarray(np.asarray(values).astype(dtype))


def elementwise_shape(d: Draw) -> tuple[int, ...]:
    return d.pick(((6,), (3, 4), (), (2, 3, 2), (4, 1)))


def reduction(d: Draw) -> dict[str, Any]:
    return {"reduction": d.pick(("none", "sum", "mean"))}


# --------------------------------------------------------------------------- #
# One builder per loss: (draw, dtypes of the floating slots) -> call
# --------------------------------------------------------------------------- #


class Call:
    """One loss call: the forward tensors, the keywords, and how to judge it."""

    def __init__(
        self,
        tensors: list[np.ndarray],
        kwargs: dict[str, Any],
        elementwise: bool = True,
        functional: str | None = None,
    ) -> None:
        self.tensors = tensors
        self.kwargs = kwargs
        #: Whether each loss element depends only on the same element of the
        #: (broadcast) inputs; else the floor's scale is summed over the call.
        self.elementwise = elementwise
        self.functional = functional


Builder = Callable[[Draw, tuple[np.dtype[Any], ...]], Call]
#: loss -> (number of floating slots, builder).
BUILDERS: dict[str, tuple[int, Builder]] = {}


def builder(*names: str, slots: int) -> Callable[[Builder], Builder]:
    def deco(fn: Builder) -> Builder:
        for name in names:
            BUILDERS[name] = (slots, fn)
        return fn

    return deco


def _regression(name: str) -> Builder:
    def build(d: Draw, dt: tuple[np.dtype[Any], ...]) -> Call:
        shape = elementwise_shape(d)
        kw = reduction(d)
        x, y = d.real(shape, dt[0]), d.real(shape, dt[1])
        if name == "SmoothL1Loss":
            kw["beta"] = d.pick((1.0, 0.5, 1e-3, 2.0, 0.0))
        if name == "HuberLoss":
            kw["delta"] = d.pick((1.0, 0.5, 1e-3, 2.0))
        functional = None
        if name != "SmoothL1Loss" and d.coin(0.4):
            kw["weight"] = d.weights(shape, dt[2])
            functional = {"L1Loss": "l1_loss", "MSELoss": "mse_loss"}.get(
                name, "huber_loss"
            )
        return Call([x, y], kw, functional=functional)

    return build


for _name in ("L1Loss", "MSELoss", "HuberLoss"):
    BUILDERS[_name] = (3, _regression(_name))
BUILDERS["SmoothL1Loss"] = (2, _regression("SmoothL1Loss"))


@builder("LogCoshLoss", slots=2)
def _log_cosh(d: Draw, dt: tuple[np.dtype[Any], ...]) -> Call:
    shape = elementwise_shape(d)
    return Call([d.real(shape, dt[0]), d.real(shape, dt[1])], reduction(d))


@builder("BCELoss", slots=3)
def _bce(d: Draw, dt: tuple[np.dtype[Any], ...]) -> Call:
    shape = elementwise_shape(d)
    kw = reduction(d)
    if shape and d.coin():
        kw["weight"] = d.weights(shape[-1:], dt[2])
    return Call([d.probs(shape, dt[0]), d.probs(shape, dt[1])], kw)


@builder("BCEWithLogitsLoss", slots=4)
def _bce_logits(d: Draw, dt: tuple[np.dtype[Any], ...]) -> Call:
    shape = elementwise_shape(d)
    kw = reduction(d)
    if shape and d.coin():
        kw["weight"] = d.weights(shape[-1:], dt[2])
    if shape and d.coin():
        kw["pos_weight"] = d.weights(shape[-1:], dt[3])
    target = d.probs(shape, dt[1]) if d.coin(0.7) else d.real(shape, dt[1])
    return Call([d.real(shape, dt[0]), target], kw)


@builder("sigmoid_focal_loss", slots=2)
def _focal(d: Draw, dt: tuple[np.dtype[Any], ...]) -> Call:
    shape = elementwise_shape(d)
    kw = reduction(d)
    kw["gamma"] = d.pick((2.0, 0.0, 1.5, 0.5, 3.0))
    kw["alpha"] = d.pick((0.25, -1.0, 0.75))
    return Call([d.real(shape, dt[0]), d.probs(shape, dt[1])], kw)


@builder("KLDivLoss", slots=2)
def _kl(d: Draw, dt: tuple[np.dtype[Any], ...]) -> Call:
    shape = elementwise_shape(d)
    kw: dict[str, Any] = {"reduction": d.pick(("none", "sum", "mean", "batchmean"))}
    kw["log_target"] = d.coin()
    x = -d.positive(shape, dt[0])
    if kw["log_target"]:
        target = -d.positive(shape, dt[1]) if d.coin(0.7) else d.real(shape, dt[1])
    else:
        target = d.probs(shape, dt[1]) if d.coin(0.7) else d.positive(shape, dt[1])
    return Call([x, target], kw)


@builder("PoissonNLLLoss", slots=2)
def _poisson(d: Draw, dt: tuple[np.dtype[Any], ...]) -> Call:
    shape = elementwise_shape(d)
    kw = reduction(d)
    kw["log_input"] = d.coin()
    kw["full"] = d.coin()
    x = d.real(shape, dt[0]) if kw["log_input"] else d.positive(shape, dt[0])
    y = d.counts(shape, dt[1]) if d.coin() else d.positive(shape, dt[1])
    return Call([x, y], kw)


@builder("GaussianNLLLoss", slots=3)
def _gaussian(d: Draw, dt: tuple[np.dtype[Any], ...]) -> Call:
    shape = d.pick(((6,), (3, 4), (2, 3, 2)))
    kw = reduction(d)
    kw["full"] = d.coin()
    kw["eps"] = d.pick((1e-6, 1e-3, 1e-9))
    var_shape = shape if d.coin() else (*shape[:-1], 1)
    var = d.positive(var_shape, dt[2])
    return Call([d.real(shape, dt[0]), d.real(shape, dt[1]), var], kw)


@builder("SoftMarginLoss", "HingeEmbeddingLoss", "SquaredHingeLoss", slots=2)
def _signed(d: Draw, dt: tuple[np.dtype[Any], ...]) -> Call:
    shape = elementwise_shape(d)
    kw = reduction(d)
    target = d.signs(shape, dt[1]) if d.coin(0.7) else d.real(shape, dt[1])
    return Call([d.real(shape, dt[0]), target], kw)


@builder("MultiLabelSoftMarginLoss", slots=3)
def _mlsm(d: Draw, dt: tuple[np.dtype[Any], ...]) -> Call:
    shape = d.pick(((3, 4), (5,), (2, 6)))
    kw = reduction(d)
    if d.coin():
        kw["weight"] = d.weights(shape[-1:], dt[2])
    target = d.probs(shape, dt[1]).round() if d.coin(0.7) else d.probs(shape, dt[1])
    return Call([d.real(shape, dt[0]), target], kw, elementwise=False)


@builder("MarginRankingLoss", slots=3)
def _ranking(d: Draw, dt: tuple[np.dtype[Any], ...]) -> Call:
    shape = elementwise_shape(d)
    kw = reduction(d)
    kw["margin"] = d.pick((0.0, 0.5, 1.0, -0.3))
    target = d.signs(shape, dt[2]) if d.coin(0.7) else d.real(shape, dt[2])
    return Call([d.real(shape, dt[0]), d.real(shape, dt[1]), target], kw)


@builder("CosineEmbeddingLoss", slots=3)
def _cosine(d: Draw, dt: tuple[np.dtype[Any], ...]) -> Call:
    shape = d.pick(((3, 4), (5,), (4, 2)))
    kw = reduction(d)
    kw["margin"] = d.pick((0.0, 0.5, -0.3))
    a, b = d.moderate(shape, dt[0]), d.moderate(shape, dt[1])
    return Call([a, b, d.signs(shape[:-1], dt[2])], kw, elementwise=False)


def _triplet(name: str) -> Builder:
    def build(d: Draw, dt: tuple[np.dtype[Any], ...]) -> Call:
        shape = d.pick(((3, 4), (5,), (2, 3, 2)))
        kw = reduction(d)
        kw["margin"] = d.pick((1.0, 0.5, 2.0))
        kw["swap"] = d.coin(0.3)
        if name == "TripletMarginLoss":
            kw["p"] = d.pick((2.0, 1.0, 3.0))
        elif d.coin():
            kw["distance_function"] = d.pick(
                ("pairwise_distance", "cosine_distance", "l1", "squared_euclidean")
            )
        tensors = [d.moderate(shape, dt[i]) for i in range(3)]
        return Call(tensors, kw, elementwise=False)

    return build


BUILDERS["TripletMarginLoss"] = (3, _triplet("TripletMarginLoss"))
BUILDERS["TripletMarginWithDistanceLoss"] = (
    3,
    _triplet("TripletMarginWithDistanceLoss"),
)


@builder("SoftDiceLoss", slots=2)
def _dice(d: Draw, dt: tuple[np.dtype[Any], ...]) -> Call:
    shape = d.pick(((3, 4), (5,), (2, 3, 2)))
    kw = reduction(d)
    kw["smooth"] = d.pick((1.0, 0.0, 1e-6))
    return Call([d.probs(shape, dt[0]), d.probs(shape, dt[1])], kw, elementwise=False)


@builder("CrossEntropyLoss", slots=3)
def _cross_entropy(d: Draw, dt: tuple[np.dtype[Any], ...]) -> Call:
    """Probability targets (two floating tensors) and a class weight."""
    shape = d.pick(((3, 4), (4,), (2, 3, 2)))
    kw = reduction(d)
    kw["label_smoothing"] = d.pick((0.0, 0.1))
    if d.coin():
        kw["weight"] = d.weights(shape[1:2] if len(shape) > 1 else shape, dt[2])
    return Call(
        [d.moderate(shape, dt[0]), d.probs(shape, dt[1])], kw, elementwise=False
    )


def _indexed(name: str) -> Builder:
    """NLL, index-target CE and MultiMargin: a float ``weight`` of either dtype."""

    def build(d: Draw, dt: tuple[np.dtype[Any], ...]) -> Call:
        kw = reduction(d)
        x = d.moderate((3, 4), dt[0])
        y = d.rng.integers(0, 4, (3,)).astype(I64)
        if d.coin(0.8):
            kw["weight"] = d.weights((4,), dt[1])
        return Call([x, y], kw, elementwise=False)

    return build


for _name in ("NLLLoss", "MultiMarginLoss"):
    BUILDERS[_name] = (2, _indexed(_name))


#: Losses whose target is real-valued and may be given as integers.
INTEGER_TARGETS = (
    "L1Loss",
    "MSELoss",
    "SmoothL1Loss",
    "HuberLoss",
    "BCEWithLogitsLoss",
    "BCELoss",
    "KLDivLoss",
    "PoissonNLLLoss",
    "GaussianNLLLoss",
    "SoftMarginLoss",
    "HingeEmbeddingLoss",
    "MultiLabelSoftMarginLoss",
    "MarginRankingLoss",
    "CosineEmbeddingLoss",
    "LogCoshLoss",
    "SquaredHingeLoss",
    "sigmoid_focal_loss",
)


# --------------------------------------------------------------------------- #
# Torch and the comparison
# --------------------------------------------------------------------------- #


def floating_tensors(spec_name: str) -> int:
    """How many floating tensors (forward and tensor parameters) a loss takes."""
    spec = LOSSES[spec_name]
    forward = sum(a.kind in ("float", "class_target") for a in spec.forward)
    params = sum(p.kind == "tensor" for p in spec.params)
    return forward + params


def run_torch(name: str, call: Call) -> dict[str, Any]:
    """Torch's value and gradient (or the error it raises) for ``call``."""
    tensors = [torch.from_numpy(np.array(t)) for t in call.tensors]
    if tensors[0].is_floating_point():
        tensors[0].requires_grad_(True)
    kwargs = {
        k: torch.from_numpy(np.array(v)) if isinstance(v, np.ndarray) else v
        for k, v in call.kwargs.items()
    }
    if call.functional is not None:
        fn: Callable[..., Any] = getattr(torch.nn.functional, call.functional)
    elif name in CUSTOM_CALLS:
        fn = CUSTOM_CALLS[name][1]
    else:

        def fn(*args: Any, **kw: Any) -> Any:
            return getattr(torch.nn, name)(**kw)(*args)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            out = fn(*tensors, **kwargs)
        except Exception as exc:  # torch's exception is the expected answer
            return {"error": (type(exc).__name__, str(exc))}
        grad = None
        if out.requires_grad:
            try:
                out.sum().backward()
            except RuntimeError:  # torch's own backward fails: no gradient
                pass
            else:
                grad = tensors[0].grad.numpy()
    return {"value": out.detach().numpy(), "grad": grad}


def least_eps(arrays: list[np.ndarray]) -> float:
    """The eps of the least precise floating array (float64's if there is none)."""
    floats = [a.dtype for a in arrays if a.dtype.kind == "f"]
    return max(
        (float(np.finfo(t).eps) for t in floats), default=float(np.finfo(F64).eps)
    )


def element_scale(call: Call) -> np.ndarray | float:
    """``max(1, |a|, |b|, |a·b|)`` per broadcast element, or its sum over the call.

    Non-finite inputs count as 1 (their results are compared exactly).
    """
    values = [
        np.where(np.isfinite(t), np.abs(t.astype(np.float64)), 1.0)
        for t in call.tensors
        if t.dtype.kind in "fiu"
    ]
    try:
        shape = np.broadcast_shapes(*(v.shape for v in values))
    except ValueError:
        shape = None
    if not call.elementwise or shape is None:
        total = 1.0 + sum(float(np.sum(v)) for v in values)
        return total * max([1.0] + [float(np.max(v, initial=0.0)) for v in values])
    scale = np.ones(shape)
    with np.errstate(over="ignore"):
        for v in values:
            scale = np.maximum(scale, v)
        for a, b in itertools.combinations(values, 2):
            scale = np.maximum(scale, a * b)
    return scale


def reduced_scale(
    call: Call, scale: np.ndarray | float, out_shape: tuple[int, ...], grad: bool
) -> np.ndarray | float:
    """The element scale of each compared element, after the call's reduction."""
    if np.ndim(scale) == 0:
        return float(scale)
    arr = np.asarray(scale)
    reduction = call.kwargs.get("reduction", "mean")
    if grad:
        if reduction == "mean":
            arr = arr / max(arr.size, 1)
        elif reduction == "batchmean" and arr.ndim:
            arr = arr / max(arr.shape[0], 1)
        return _sum_to(arr, out_shape)
    if reduction == "none":
        return arr
    total = float(np.sum(arr))
    return total / max(arr.size, 1) if reduction == "mean" else total


def _sum_to(arr: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    if arr.shape == shape:
        return arr
    extra = arr.ndim - len(shape)
    arr = arr.sum(axis=tuple(range(extra))) if extra > 0 else arr
    axes = tuple(i for i, s in enumerate(shape) if s == 1 and arr.shape[i] != 1)
    return arr.sum(axis=axes, keepdims=True).reshape(shape)


def compare(call: Call, actual: Any, expected: np.ndarray, what: str) -> None:
    """``actual`` is torch's ``expected`` under ``tests/torch_parity.py``'s rule.

    The relative term is that of torch's result dtype; the absolute term is
    ``SCALE_ULPS · eps_low · S`` (module docstring), handed to the shared
    rule as the scale ``S · eps_low / eps_result``.
    """
    arrays = call.tensors + [
        v for v in call.kwargs.values() if isinstance(v, np.ndarray)
    ]
    ratio = least_eps(arrays) / float(np.finfo(expected.dtype).eps)
    scale = reduced_scale(call, element_scale(call), expected.shape, what == "grad")
    if ratio > 1.0:  # a float32 intermediate may be as large as the element
        finite = np.where(np.isfinite(expected), np.abs(expected.astype(F64)), 0.0)
        scale = np.maximum(scale, finite)
    assert_matches_torch(
        actual,
        expected,
        what=what,
        scale=np.asarray(scale) * max(ratio, 1.0),
        precision=expected.dtype,
    )


def check(name: str, call: Call) -> None:
    """The engine reproduces torch's value, gradient or error for ``call``."""
    expected = run_torch(name, call)
    if "error" in expected:
        with pytest.raises(LossInputError) as info:
            result = compute(name, *call.tensors, **call.kwargs)
            pytest.fail(
                f"torch raises {expected['error']}, engine gives {result.value}"
            )
        got = (info.value.torch_type, str(info.value))
        assert got == expected["error"], (
            f"engine raised {got}, torch {expected['error']}"
        )
        return
    result = compute(name, *call.tensors, **call.kwargs)
    compare(call, result.value, expected["value"], "value")
    if expected["grad"] is not None:
        compare(call, result.grad, expected["grad"], "grad")


# --------------------------------------------------------------------------- #
# Cases
# --------------------------------------------------------------------------- #


def _dtype_tag(dtypes: tuple[np.dtype[Any], ...]) -> str:
    return "-".join({"float32": "f32", "float64": "f64"}[t.name] for t in dtypes)


def _cases() -> list[Any]:
    cases = []
    for index, (name, (slots, _)) in enumerate(sorted(BUILDERS.items())):
        for j, dtypes in enumerate(itertools.product(FLOATS, repeat=slots)):
            seed = 7_000_000 + 1000 * index + j
            cases.append(
                pytest.param(name, dtypes, seed, id=f"{name}-{_dtype_tag(dtypes)}")
            )
    return cases


@pytest.mark.parametrize(("name", "dtypes", "seed"), _cases())
def test_mixed_dtypes_match_torch(
    name: str, dtypes: tuple[Any, ...], seed: int
) -> None:
    if name not in CUSTOM_CALLS and not hasattr(torch.nn, name):
        pytest.skip(f"no torch formula for {name} (hypothesis not installed)")
    _, build = BUILDERS[name]
    draw = Draw(seed)
    for _ in range(CALLS):
        call = build(draw, dtypes)
        check(name, call)


INTEGER_CASES = [
    pytest.param(name, dtype, 8_000_000 + i, id=f"{name}-{dtype.name}")
    for i, (name, dtype) in enumerate(itertools.product(INTEGER_TARGETS, FLOATS))
]


@pytest.mark.parametrize(("name", "dtype", "seed"), INTEGER_CASES)
def test_integer_targets_match_torch(name: str, dtype: Any, seed: int) -> None:
    """The real-valued target given as int64: promoted, or torch's error."""
    if name not in CUSTOM_CALLS and not hasattr(torch.nn, name):
        pytest.skip(f"no torch formula for {name} (hypothesis not installed)")
    slots, build = BUILDERS[name]
    draw = Draw(seed)
    for _ in range(CALLS):
        call = build(draw, (dtype,) * slots)
        target = 2 if name in ("MarginRankingLoss", "CosineEmbeddingLoss") else 1
        values = call.tensors[target]
        call.tensors[target] = (
            np.where(np.isfinite(values), values, 0).clip(-50, 50).round().astype(I64)
        )
        check(name, call)


#: Losses with two floating tensors this file does not draw, and why.
NOT_COVERED = {
    "LinearCrossEntropyLoss": "added alongside this file; its Linear parameters "
    "are not drawn here yet",
}


def test_every_loss_with_two_floating_tensors_is_covered() -> None:
    wanted = {name for name in LOSSES if floating_tensors(name) >= 2}
    missing = wanted - set(BUILDERS) - set(NOT_COVERED)
    assert not missing, f"no mixed-dtype builder for {sorted(missing)}"
