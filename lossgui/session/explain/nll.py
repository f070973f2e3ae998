"""Explanation of ``NLLLoss``: ``−w[y]·x[y]`` on log-probabilities.

In logits mode lossgui applies ``log_softmax`` first, so the row's softmax
is shown, then the picked log-probability and its weight; the gradient goes
back through ``log_softmax`` to the logits.
"""

from __future__ import annotations

import numpy as np

from lossgui.i18n import translate
from lossgui.session.explain.classes import (
    class_weights,
    ignored_sample,
    index_target,
    mean_divisor,
    position_label,
    row_of_logits,
)
from lossgui.session.explain.context import Context
from lossgui.session.explain.expr import Expr, const, mul, neg, num, sub
from lossgui.session.explain.reduction import gradient_steps, reduction_section
from lossgui.session.explain.softmax import row_softmax
from lossgui.session.explain.steps import Built, Section, Step
from lossgui.session.explain.titles import gradient_title, sample_title

__all__ = ["nll"]


def nll(ctx: Context) -> Built:
    """``NLLLoss`` on log-probabilities (``log_softmax`` of the grid in logits mode)."""
    position, z = row_of_logits(ctx)
    w = class_weights(ctx)
    y, targets = index_target(ctx)
    ignore = int(ctx.param("ignore_index"))
    divisor, excluded = mean_divisor(ctx, targets, ignore, w)
    if y == ignore:
        section = reduction_section(ctx, position, divisor, excluded)
        return ignored_sample(ctx, position, y, ignore, section)
    k = ctx.class_index
    maker = ctx.maker
    wy = 1.0 if w is None else float(w[y])
    lhs = f"l{position_label(position)}"
    forward: list[Step] = []
    lines: tuple[str, ...] = ()
    x_row = np.asarray(
        ctx.result.activated if ctx.activated else ctx.grid, dtype=np.float64
    )
    x_y = float(x_row[(ctx.row, y)] if ctx.grid.ndim >= 2 else x_row.reshape(-1)[y])
    if ctx.activated:
        sm = row_softmax(ctx, z, [k])
        forward += sm.steps
        lines = sm.lines
        forward.append(
            maker.step(
                f"x_{y}",
                f"log_softmax(z)_{y} = z_{y} − log(S)",
                sm.log_p(y),
                x_y,
                kind="log",
                engine=True,
            )
        )
    wy_part = [] if w is None else [num(wy)]
    forward.append(
        maker.step(
            lhs,
            "−w[y]·x_y" if w is not None else "−x_y",
            neg(mul(*wy_part, num(x_y))),
            ctx.loss_at(position),
            engine=True,
        )
    )
    delta = int(k == y)
    if ctx.activated:
        p_k = float(sm.p[k])
        local = wy * (p_k - delta)
        form: Expr = mul(*wy_part, sub(num(p_k), const(delta)))
        formula = f"{'w[y]·' if w is not None else ''}(p_{k} − [{k} = y])"
        note = translate(
            "explain", "through log_softmax: ∂l/∂z_k = ∂l/∂x_k − p_k·Σ_c ∂l/∂x_c"
        )
    else:
        local = -wy * delta
        form = neg(mul(*wy_part, const(delta)))
        formula = f"−{'w[y]·' if w is not None else ''}[{k} = y]"
        note = translate(
            "explain", "NLLLoss's gradient does not depend on the input's values."
        )
    divisor, excluded = mean_divisor(ctx, targets, ignore, w)
    grad = gradient_steps(
        ctx, f"∂l/∂{ctx.symbol}{ctx.label}", formula, form, local, note
    )
    row = "[" + ", ".join(ctx.num(float(v)) for v in z[:12]) + "]"
    given = ((ctx.symbol, row), ("y", str(y)))
    return Built(
        given + ((("w[y]", ctx.num(wy)),) if w is not None else ()),
        (
            Section(sample_title(lhs), tuple(forward), lines),
            reduction_section(ctx, position, divisor, excluded),
            Section(gradient_title(f"∂L/∂{ctx.symbol}{ctx.label}"), tuple(grad)),
        ),
        (
            translate(
                "explain",
                "NLLLoss takes log-probabilities as given: it does not check that "
                "they are.",
            ),
        ),
    )
