"""Shared pieces of the torch reference generator: constants, ``Spec`` and ``Maker``.

A :class:`Spec` is one call's inputs; a :class:`Maker` draws random inputs
from a seeded NumPy ``Generator`` and collects the specs the family modules
(``tools/torch_reference/<family>.py``) add. :mod:`.run` turns a spec into a
recorded case by running torch.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

SEED = 20261125
FORMAT = "lossgui-torch-reference"
VERSION = 1

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

#: Losses not called as ``torch.nn.<loss>(**kwargs)(*tensors)``: the name
#: recorded as the case's ``"call"`` and ``fn(*tensors, **kwargs)``. Family
#: modules register here (``sigmoid_focal_loss``, the string
#: ``distance_function`` of ``TripletMarginWithDistanceLoss``).
CUSTOM_CALLS: dict[str, tuple[str, Callable[..., Any]]] = {}


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
    """Random inputs from one seeded generator, and the list of specs made.

    Without ``stream`` the generator is ``default_rng(seed)``: the one stream
    the first ten losses share (in :func:`build_specs`' order, so their files
    stay byte-identical). Later families each get their own stream,
    ``default_rng([seed, crc32(stream)])``, so editing one family's cases
    leaves every other file unchanged.
    """

    def __init__(self, seed: int, stream: str | None = None) -> None:
        key: Any = seed if stream is None else [seed, zlib.crc32(stream.encode())]
        self.rng = np.random.default_rng(key)
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


def tag(shape: tuple[int, ...]) -> str:
    return "x".join(map(str, shape)) if shape else "scalar"


def common_tail(m: Maker, loss: str, make: Any) -> None:
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


def reduction_tail(
    m: Maker, loss: str, make: Any, legacy: bool = True, **kwargs: Any
) -> None:
    """Legacy arguments (or torch's TypeError for them), 'elementwise_mean'
    (accepted or rejected) and the bad reductions, for the later families.

    ``make()`` returns fresh tensors; ``kwargs`` go into every call.
    """
    pairs = LEGACY if legacy else LEGACY[:1]
    for sa, rd in pairs:
        kw: dict[str, Any] = {"reduction": m.choice(STD), **kwargs}
        if sa is not None:
            kw["size_average"] = sa
        if rd is not None:
            kw["reduce"] = rd
        m.add(loss, make(), "legacy" if legacy else "err-legacy", **kw)
    m.add(loss, make(), "elementwise-mean", reduction="elementwise_mean", **kwargs)
    for bad in BAD_REDUCTIONS:
        m.add(loss, make(), "err-reduction", reduction=bad, **kwargs)


def signs(m: Maker, shape: tuple[int, ...], dtype: Any, odd: float = 0.0) -> Any:
    """Labels ±1, with a fraction ``odd`` replaced by 0, 2, -2 or 0.5."""
    y = np.where(m.rng.random(shape) < 0.5, -1.0, 1.0).astype(dtype)
    if odd and y.size:
        y = m.sprinkle(y, (0.0, 2.0, -2.0, 0.5), odd)
    return y
