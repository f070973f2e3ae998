"""Explanation of ``SoftDiceLoss``: one minus the soft Dice overlap of a sample.

For each sample (a row; a 1-D grid is one sample) with probabilities ``p``
(``σ(z)`` in logits mode) and targets ``t``: the overlap ``I = Σ p·t``, the
sizes ``Σ p`` and ``Σ t``, and ``l = 1 − (2·I + s) / (Σ p + Σ t + s)``.
Every element of the sample moves the loss, through both sums.
"""

from __future__ import annotations

import numpy as np

from lossgui.i18n import translate
from lossgui.session.explain.binary import sigmoid_step
from lossgui.session.explain.classes import position_label
from lossgui.session.explain.context import Context, exact64
from lossgui.session.explain.expr import Expr, add, div, mul, neg, num, power, sub
from lossgui.session.explain.reduction import Divisor, gradient_steps, reduction_section
from lossgui.session.explain.steps import Built, Section, Step
from lossgui.session.explain.titles import gradient_title, sample_title

__all__ = ["soft_dice"]

#: Sums over a sample are written out up to this many elements.
_WRITTEN = 6


def _sum_step(
    ctx: Context, symbol: str, formula: str, terms: list[Expr], value: float
) -> Step:
    if len(terms) <= _WRITTEN:
        return ctx.maker.step(symbol, formula, add(*terms), value, kind="reduction")
    return ctx.maker.given(symbol, formula, value, kind="reduction")


def soft_dice(ctx: Context) -> Built:
    """``SoftDiceLoss`` for the selected sample; the element picks the gradient."""
    maker = ctx.maker
    grid = ctx.grid
    position: tuple[int, ...] = (ctx.row,) if grid.ndim >= 2 else ()
    probs = np.asarray(ctx.result.activated if ctx.activated else grid)
    p_row = exact64(probs[position] if position else probs).reshape(-1)
    target = np.broadcast_to(np.asarray(ctx.tensor(1)), grid.shape)
    t_row = exact64(target[position] if position else target).reshape(-1)
    k = ctx.index[-1] if grid.ndim >= 2 else (ctx.index[0] if ctx.index else 0)
    s = float(ctx.param("smooth"))
    inter = float(np.sum(p_row * t_row))
    p_sum, t_sum = float(np.sum(p_row)), float(np.sum(t_row))
    denom = p_sum + t_sum + s
    steps: list[Step] = []
    if ctx.activated:
        steps.append(sigmoid_step(ctx, ctx.z, float(p_row[k])))
    n = p_row.size
    steps.append(
        _sum_step(
            ctx,
            "I",
            translate("explain", "Σ p·t   (the soft overlap)"),
            [
                mul(num(float(a)), num(float(b)))
                for a, b in zip(p_row, t_row, strict=True)
            ],
            inter,
        )
    )
    steps.append(_sum_step(ctx, "P", "Σ p", [num(float(a)) for a in p_row], p_sum))
    steps.append(_sum_step(ctx, "T", "Σ t", [num(float(b)) for b in t_row], t_sum))
    lhs = f"l{position_label(position)}"
    value = ctx.loss_at(position)
    steps.append(
        maker.step(
            lhs,
            "1 − (2·I + s) / (P + T + s)",
            sub(
                1,
                div(
                    add(mul(2, num(inter)), num(s)), add(num(p_sum), num(t_sum), num(s))
                ),
            ),
            value,
            engine=True,
        )
    )
    t_k, p_k = float(t_row[k]), float(p_row[k])
    d_p = -2 * t_k / denom + (2 * inter + s) / denom**2
    d_form: Expr = add(
        neg(div(mul(2, num(t_k)), num(denom))),
        div(add(mul(2, num(inter)), num(s)), power(num(denom), 2)),
    )
    d_text = f"−2·t_{k} / (P + T + s) + (2·I + s) / (P + T + s)^2"
    if ctx.activated:
        grad = [
            maker.step("∂l/∂p", d_text, d_form, d_p, kind="gradient"),
            *gradient_steps(
                ctx,
                f"∂l/∂z{ctx.label}",
                translate("explain", "∂l/∂p · p·(1 − p)   (sigmoid's derivative)"),
                mul(num(d_p), num(p_k), sub(1, num(p_k))),
                d_p * p_k * (1 - p_k),
            ),
        ]
    else:
        grad = gradient_steps(ctx, f"∂l/∂x{ctx.label}", d_text, d_form, d_p)
    lines = (
        translate(
            "explain", "The sample has {count} element(s); s = smooth = {s}."
        ).format(count=n, s=ctx.num(s)),
    )
    given = [("z" if ctx.activated else "p", ctx.num(ctx.z)), ("t", ctx.num(t_k))]
    if ctx.activated:
        given.insert(1, ("p", ctx.num(p_k)))
    return Built(
        tuple(given),
        (
            Section(sample_title(lhs), tuple(steps), lines),
            reduction_section(
                ctx, position, Divisor(translate("explain", "N = number of samples"))
            ),
            Section(gradient_title(f"∂L/∂{ctx.symbol}{ctx.label}"), tuple(grad)),
        ),
        (
            translate(
                "explain",
                "Dice measures overlap relative to size, so it is not swamped by a "
                "large background; s keeps empty samples at loss 0 and smooths the "
                "gradient.",
            ),
        ),
    )
