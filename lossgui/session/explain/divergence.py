"""Explanation of ``KLDivLoss``: ``t·(log t − x)`` per element.

The input ``x`` is a log-probability (``log_softmax`` of the grid's row in
logits mode), the target ``t`` a probability (or a log-probability with
``log_target=True``). ``'batchmean'`` divides by the batch size and is the
true KL divergence; ``'mean'`` also divides by the number of classes.
"""

from __future__ import annotations

import math

import numpy as np

from lossgui.i18n import translate
from lossgui.session.explain.context import Context, exact64
from lossgui.session.explain.expr import Expr, add, call, mul, neg, num, sub
from lossgui.session.explain.reduction import (
    MAX_TERMS,
    Divisor,
    gradient_steps,
    reduction_section,
)
from lossgui.session.explain.softmax import row_softmax
from lossgui.session.explain.steps import Built, Section, Step
from lossgui.session.explain.titles import element_title, gradient_title

__all__ = ["kl_div"]


def kl_div(ctx: Context) -> Built:
    """``KLDivLoss`` at one element, with the softmax of its row in logits mode."""
    maker = ctx.maker
    log_target = bool(ctx.param("log_target"))
    t = ctx.at(ctx.tensor(1))
    x = float(
        np.asarray(ctx.result.activated if ctx.activated else ctx.grid)[ctx.index]
    )
    value = ctx.loss_at(ctx.index)
    k = ctx.class_index
    forward: list[Step] = []
    lines: tuple[str, ...] = ()
    if ctx.activated:
        z_row = exact64(ctx.grid[ctx.index[:-1]]).reshape(-1)
        sm = row_softmax(ctx, z_row, [])
        forward += sm.steps
        lines = sm.lines
        forward.append(
            maker.step(
                f"x{ctx.label}",
                f"log_softmax(z)_{k} = z_{k} − log(S)",
                sm.log_p(k),
                x,
                kind="log",
                engine=True,
            )
        )
    if log_target:
        form: Expr = mul(call("exp", num(t)), sub(num(t), num(x)))
        formula = "exp(t)·(t − x)"
    elif t == 0:
        form = neg(mul(num(t), num(x)))
        formula = translate("explain", "−t·x  (t = 0: torch's xlogy makes 0·log 0 = 0)")
    else:
        form = mul(num(t), sub(call("log", num(t)), num(x)))
        formula = "t·(log(t) − x)"
    forward.append(maker.step(f"l{ctx.label}", formula, form, value, engine=True))
    if ctx.activated:
        t_row = ctx.row_of(ctx.tensor(1), 0.0)
        t_used = np.exp(t_row) if log_target else t_row
        total = float(np.sum(t_used))
        p_k, t_k = float(sm.p[k]), float(t_used[k])
        grad: list[Step] = []
        if t_row.size <= MAX_TERMS:
            parts = [
                call("exp", num(float(v))) if log_target else num(float(v))
                for v in t_row
            ]
            grad.append(maker.step("T", "Σ_c t_c", add(*parts), total, kind="gradient"))
        else:
            grad.append(maker.given("T", "Σ_c t_c", total, kind="gradient"))
        grad += gradient_steps(
            ctx,
            f"∂l/∂z{ctx.label}",
            translate("explain", "−t_{k} + p_{k}·T   (through log_softmax)").format(
                k=k
            ),
            add(neg(num(t_k)), mul(num(p_k), num(total))),
            -t_k + p_k * total,
        )
    else:
        local = -math.exp(t) if log_target else -t
        form_g = neg(call("exp", num(t))) if log_target else neg(num(t))
        grad = gradient_steps(
            ctx,
            f"∂l/∂x{ctx.label}",
            "−exp(t)" if log_target else "−t",
            form_g,
            local,
            translate("explain", "The gradient does not depend on x."),
        )
    batch = ctx.grid.shape[0] if ctx.grid.ndim else 1
    divisor = {
        "batchmean": Divisor(f"N = input.size(0) = {batch}"),
        "mean": Divisor(
            translate("explain", "numel (every element, not the batch size)")
        ),
    }.get(ctx.reduction)
    notes = [
        translate(
            "explain",
            "'batchmean' is the KL divergence of the math definition; 'mean' also "
            "divides by the number of classes.",
        )
    ]
    return Built(
        (("x" if not ctx.activated else "z", ctx.num(ctx.z)), ("t", ctx.num(t))),
        (
            Section(element_title(ctx), tuple(forward), lines),
            reduction_section(ctx, ctx.index, divisor),
            Section(gradient_title(f"∂L/∂{ctx.symbol}{ctx.label}"), tuple(grad)),
        ),
        tuple(notes),
    )
