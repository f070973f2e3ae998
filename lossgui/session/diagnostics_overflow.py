"""Values that are finite as typed but not after the cast to the session's dtype.

Values are stored in float64 and cast to the session's dtype only when the
loss is evaluated, as ``torch.tensor(values, dtype=torch.float32)`` does.
``1e39`` therefore shows as ``1e+39`` in its cell, but the loss sees ``inf``
(and often returns ``nan``). This detector names the first such cell, counts
them per tensor and offers two fixes: evaluate in float64, or clip every
float tensor to the dtype's range.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lossgui.i18n import translate
from lossgui.session.findings import Finding, Fix, float_slots_in_use

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument
    from lossgui.session.evaluation import Evaluation

__all__ = ["OVERFLOW_DETECTORS", "overflowing"]

Array = npt.NDArray[Any]


def overflowing(values: Array, dtype: str) -> Array:
    """A mask of the finite ``values`` that become ±inf when cast to ``dtype``."""
    wide = np.asarray(values, dtype=np.float64)
    with np.errstate(over="ignore"):
        cast = wide.astype(dtype)
    mask: Array = np.isfinite(wide) & ~np.isfinite(cast)
    return mask


def may_overflow(values: Array, dtype: str) -> bool:
    """Whether any finite value lies beyond ``dtype``'s largest (no full-size copy).

    Two reductions that skip nan; only when they find a value out of range
    does :func:`overflowing` build its masks (a cast rounds values just past
    the largest back to it, so that case needs the exact check).
    """
    if values.size == 0 or values.dtype.kind not in "fc":
        return False
    if values.dtype.itemsize <= np.dtype(dtype).itemsize:
        return False  # a float32 array holds nothing beyond float32
    top = float(np.finfo(np.dtype(dtype)).max)
    with np.errstate(invalid="ignore"):
        high = float(np.fmax.reduce(values, axis=None))
        low = float(np.fmin.reduce(values, axis=None))
    return high > top or low < -top


def _where(name: str, shape: tuple[int, ...], flat: int) -> str:
    """``name[i, j]`` in torch's indexing of the stored tensor."""
    if not shape:
        return name
    position = np.unravel_index(flat, shape)
    return f"{name}[{', '.join(str(int(i)) for i in position)}]"


def _clip_to(dtype: str) -> Fix:
    top = float(np.finfo(np.dtype(dtype)).max)

    def clip(doc: SessionDocument) -> None:
        for name in float_slots_in_use(doc):
            values = np.asarray(doc.array(name), dtype=np.float64)
            if overflowing(values, dtype).any():
                doc.set_array(name, np.clip(values, -top, top))

    return Fix(
        translate("diagnostics", "Clip to the {dtype} range").format(dtype=dtype),
        translate(
            "diagnostics",
            "Every value beyond ±{top} becomes ±{top}, the largest {dtype}.",
        ).format(top=f"{top:.6g}", dtype=dtype),
        clip,
    )


def _use_float64(doc: SessionDocument) -> None:
    doc.set_setting("dtype", "float64")


def _dtype_overflow(doc: SessionDocument, _ev: Evaluation) -> Finding | None:
    if doc.dtype == "float64":
        return None
    first: str | None = None
    counts: list[str] = []
    for name in float_slots_in_use(doc):
        values = np.asarray(doc.array(name))
        if not may_overflow(values, doc.dtype):
            continue
        mask = overflowing(values, doc.dtype)
        count = int(np.count_nonzero(mask))
        if not count:
            continue
        counts.append(f"{name} ({count})")
        if first is None:
            flat = int(np.flatnonzero(mask.reshape(-1))[0])
            value = float(values.reshape(-1)[flat])
            sign = "-" if value < 0 else ""
            first = translate(
                "diagnostics", "{cell} = {value} overflows {dtype} to {inf}"
            ).format(
                cell=_where(name, values.shape, flat),
                value=f"{value:g}",
                dtype=doc.dtype,
                inf=f"{sign}inf",
            )
    if first is None:
        return None
    top = float(np.finfo(np.dtype(doc.dtype)).max)
    return Finding(
        "dtype-overflow",
        "warning",
        first,
        translate(
            "diagnostics",
            "Values beyond ±{top} do not fit {dtype}, in {tensors}: "
            "torch.tensor(..., dtype=torch.{dtype}) makes them ±inf, so the loss "
            "and the gradient can become inf or nan although the cells show a number.",
        ).format(top=f"{top:.6g}", dtype=doc.dtype, tensors=", ".join(counts)),
        (
            Fix(
                translate("diagnostics", "Use float64"),
                translate(
                    "diagnostics", "Evaluate in float64, where these values are finite."
                ),
                _use_float64,
            ),
            _clip_to(doc.dtype),
        ),
    )


OVERFLOW_DETECTORS = (_dtype_overflow,)
