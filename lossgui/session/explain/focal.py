"""Explanation of ``sigmoid_focal_loss``: BCE scaled by ``(1 − p_t)^γ`` and ``α_t``.

torchvision's algorithm step by step: ``p = σ(z)``, the element's binary
cross-entropy ``ce``, the probability of the true answer ``p_t``, the
modulating factor ``(1 − p_t)^γ`` that shrinks easy elements, and the class
balance ``α_t``.
"""

from __future__ import annotations

import numpy as np

from lossgui.i18n import translate
from lossgui.session.explain.binary import bce_forms, bce_value, sigmoid_step
from lossgui.session.explain.context import Context, sigmoid64
from lossgui.session.explain.expr import Expr, add, mul, num, power, sub
from lossgui.session.explain.reduction import gradient_steps, reduction_section
from lossgui.session.explain.steps import Built, Section
from lossgui.session.explain.titles import element_title, gradient_title

__all__ = ["sigmoid_focal"]


def sigmoid_focal(ctx: Context) -> Built:
    """``sigmoid_focal_loss``: BCE scaled by ``(1 − p_t)^γ`` and ``α_t``."""
    maker = ctx.maker
    z, y = ctx.z, ctx.at(ctx.tensor(1))
    alpha, gamma = float(ctx.param("alpha")), float(ctx.param("gamma"))
    p = sigmoid64(z)
    ce = bce_value(z, y)
    # NumPy, not Python, floats: (1 - p_t)^γ is NaN (as in torch) rather than a
    # complex number when a target outside [0, 1] makes 1 - p_t negative.
    p_t = np.float64(p * y + (1 - p) * (1 - y))
    m = (1 - p_t) ** gamma
    a_t = alpha * y + (1 - alpha) * (1 - y) if alpha >= 0 else 1.0
    value = ctx.loss_at(ctx.index)
    steps = [
        sigmoid_step(ctx, z),
        maker.step(
            "ce", "−(y·log(p) + (1 − y)·log(1 − p))", bce_forms(z, y, p), ce, kind="log"
        ),
        maker.step(
            "p_t",
            "p·y + (1 − p)·(1 − y)",
            add(mul(num(p), num(y)), mul(sub(1, num(p)), sub(1, num(y)))),
            p_t,
            kind="margin",
            note=translate("explain", "the probability given to the true answer"),
        ),
        maker.step(
            "m",
            "(1 − p_t)^γ",
            power(sub(1, num(p_t)), num(gamma)),
            m,
            kind="weight",
            note=translate("explain", "small for easy elements (p_t near 1)"),
        ),
    ]
    if alpha >= 0:
        steps.append(
            maker.step(
                "α_t",
                "α·y + (1 − α)·(1 − y)",
                add(mul(num(alpha), num(y)), mul(sub(1, num(alpha)), sub(1, num(y)))),
                a_t,
                kind="weight",
            )
        )
        steps.append(
            maker.step(
                f"l{ctx.label}",
                "α_t·ce·m",
                mul(num(a_t), num(ce), num(m)),
                value,
                engine=True,
            )
        )
    else:
        steps.append(
            maker.step(
                f"l{ctx.label}", "ce·m", mul(num(ce), num(m)), value, engine=True
            )
        )
    if gamma == 0:
        local = a_t * (p - y)
        form: Expr = mul(num(a_t), sub(num(p), num(y)))
        formula = "α_t·(p − y)"
    else:
        second = gamma * ce * (1 - p_t) ** (gamma - 1) * p * (1 - p) * (2 * y - 1)
        local = a_t * ((p - y) * m - second)
        form = mul(
            num(a_t),
            sub(
                mul(sub(num(p), num(y)), num(m)),
                mul(
                    num(gamma),
                    num(ce),
                    power(sub(1, num(p_t)), sub(num(gamma), 1)),
                    num(p),
                    sub(1, num(p)),
                    sub(mul(2, num(y)), 1),
                ),
            ),
        )
        formula = "α_t·((p − y)·m − γ·ce·(1 − p_t)^(γ − 1)·p·(1 − p)·(2y − 1))"
    grad = gradient_steps(ctx, f"∂l/∂z{ctx.label}", formula, form, local)
    given = (
        ("z", ctx.num(z)),
        ("y", ctx.num(y)),
        ("α", ctx.num(alpha)),
        ("γ", ctx.num(gamma)),
    )
    return Built(
        given,
        (
            Section(element_title(ctx), tuple(steps)),
            reduction_section(ctx, ctx.index),
            Section(gradient_title(f"∂L/∂z{ctx.label}"), tuple(grad)),
        ),
        (
            translate(
                "explain",
                "Focal loss is BCEWithLogitsLoss times (1 − p_t)^γ: confident, "
                "correct elements are down-weighted, so hard elements dominate the "
                "gradient.",
            ),
            translate("explain", "A negative α switches the α_t weighting off."),
        ),
    )
