"""The softmax of the selected row, shown the way the seed articles compute it.

``p_c = exp(z_c) / Σ_j exp(z_j)``: first the denominator, then the
probabilities the loss needs. Rows with logits beyond ±80 subtract the
row's maximum first (``exp(z_c − m)``), as torch does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from lossgui.i18n import translate
from lossgui.session.explain.context import Context
from lossgui.session.explain.expr import Expr, add, call, div, num, sub
from lossgui.session.explain.reduction import MAX_TERMS
from lossgui.session.explain.steps import Step

__all__ = ["RowSoftmax", "row_softmax"]

#: Rows with a logit beyond this are shifted by their maximum before exp.
_SHIFT_ABOVE = 80.0


@dataclass(frozen=True)
class RowSoftmax:
    """The selected row's softmax.

    Attributes
    ----------
    z : ndarray
        The row's logits (float64).
    shift : float
        ``m`` subtracted before ``exp`` (0 for ordinary rows).
    total : float
        ``S = Σ_j exp(z_j − m)``.
    p : ndarray
        ``softmax(z)``.
    steps : list of Step
        ``S`` and the probabilities asked for.
    lines : tuple of str
        The whole distribution, as a line of prose.
    """

    z: npt.NDArray[np.float64]
    shift: float
    total: float
    p: npt.NDArray[np.float64]
    steps: list[Step]
    lines: tuple[str, ...]

    def exp_term(self, c: int) -> Expr:
        """``exp(z_c)`` or ``exp(z_c − m)``."""
        if self.shift == 0:
            return call("exp", num(float(self.z[c])))
        return call("exp", sub(num(float(self.z[c])), num(self.shift)))

    def log_p(self, c: int) -> Expr:
        """``log p_c`` in the stable form ``z_c − m − log(S)``."""
        inner: Expr = num(float(self.z[c]))
        if self.shift != 0:
            inner = sub(inner, num(self.shift))
        return sub(inner, call("log", num(self.total)))


def row_softmax(
    ctx: Context, row: npt.NDArray[np.float64], wanted: list[int]
) -> RowSoftmax:
    """Steps computing ``S`` and ``p_c`` for the classes in ``wanted``."""
    z = np.asarray(row, dtype=np.float64)
    finite = z[np.isfinite(z)]
    shift = (
        float(np.max(z))
        if finite.size and np.max(np.abs(finite)) > _SHIFT_ABOVE
        else 0.0
    )
    with np.errstate(all="ignore"):
        e = np.exp(z - shift)
        total = float(np.sum(e))
        p = e / total
    rows = RowSoftmax(z, shift, total, p, [], ())
    m = " − m" if shift else ""
    if z.size <= MAX_TERMS:
        form: Expr = add(*(rows.exp_term(c) for c in range(z.size)))
        steps = [
            ctx.maker.step(
                "S",
                f"Σ_j exp(z_j{m})",
                form,
                total,
                kind="activation",
                note=translate("explain", "m = {m}, the row's maximum").format(
                    m=ctx.num(shift)
                )
                if shift
                else "",
            )
        ]
    else:
        steps = [
            ctx.maker.given(
                "S",
                translate("explain", "Σ_j exp(z_j{m}) over {count} classes").format(
                    m=m, count=z.size
                ),
                total,
                kind="activation",
            )
        ]
    for c in dict.fromkeys(wanted):
        steps.append(
            ctx.maker.step(
                f"p_{c}",
                f"exp(z_{c}{m}) / S",
                div(rows.exp_term(c), num(total)),
                float(p[c]),
                kind="activation",
            )
        )
    shown = ", ".join(ctx.num(float(v)) for v in p[:MAX_TERMS])
    more = ", …" if p.size > MAX_TERMS else ""
    lines = (f"p = softmax(z) = [{shown}{more}]",)
    return RowSoftmax(z, shift, total, p, steps, lines)
