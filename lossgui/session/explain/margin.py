"""Explanations of the elementwise margin losses.

``SoftMarginLoss`` (a logistic loss on ``y·x``), ``HingeEmbeddingLoss`` (the
input itself for similar pairs, a hinge for dissimilar ones),
``SquaredHingeLoss`` (the L2-SVM hinge, squared) and ``MarginRankingLoss``
(a hinge on a score difference). Each page says whether the element's hinge
is active: an inactive hinge adds neither loss nor gradient.
"""

from __future__ import annotations

import math

from lossgui.i18n import translate
from lossgui.session.explain.context import Context
from lossgui.session.explain.element import (
    active_note,
    element_built,
    one_value_per_element,
)
from lossgui.session.explain.expr import (
    Expr,
    add,
    call,
    const,
    div,
    mul,
    neg,
    num,
    power,
    sub,
)
from lossgui.session.explain.generic import generic
from lossgui.session.explain.steps import Built, Step

__all__ = ["hinge_embedding", "margin_ranking", "soft_margin", "squared_hinge"]


def soft_margin(ctx: Context) -> Built:
    """``SoftMarginLoss``: ``l = log(1 + exp(−y·x))``, ``∂l/∂x = −y·σ(−y·x)``."""
    if not one_value_per_element(ctx):
        return generic(ctx)
    maker = ctx.maker
    x, y = ctx.z, ctx.at(ctx.tensor(1))
    value = ctx.loss_at(ctx.index)
    m = -y * x
    e = math.exp(m)
    forms: list[Expr] = [
        call("log", add(1, call("exp", neg(mul(num(y), num(x)))))),
        call("log1p", call("exp", neg(mul(num(y), num(x))))),
    ]
    steps = [
        maker.step(
            "m",
            "−y·x",
            neg(mul(num(y), num(x))),
            m,
            kind="margin",
            note=translate(
                "explain", "positive when the sign of x disagrees with the label y"
            ),
        ),
        maker.step(f"l{ctx.label}", "log(1 + exp(−y·x))", forms, value, engine=True),
    ]
    local = -y * e / (1 + e)
    g_form = neg(mul(num(y), div(call("exp", num(m)), add(1, call("exp", num(m))))))
    return element_built(
        ctx,
        (("x", ctx.num(x)), ("y", ctx.num(y))),
        steps,
        translate("explain", "−y·exp(m) / (1 + exp(m))  (= −y·σ(−y·x))"),
        g_form,
        local,
        (
            translate(
                "explain",
                "A smooth hinge: no margin is ever fully met, so every element keeps "
                "a small gradient.",
            ),
        ),
    )


def hinge_embedding(ctx: Context) -> Built:
    """``HingeEmbeddingLoss``: ``x`` if ``y = 1``, else ``max(0, margin − x)``."""
    if not one_value_per_element(ctx):
        return generic(ctx)
    maker = ctx.maker
    x, y = ctx.z, ctx.at(ctx.tensor(1))
    margin = float(ctx.param("margin"))
    value = ctx.loss_at(ctx.index)
    lhs = f"l{ctx.label}"
    steps: list[Step] = []
    hinge_used, linear_used = y != 1, y != -1
    z = margin - x
    if hinge_used:
        steps.append(
            maker.step(
                "h",
                "margin − x",
                sub(num(margin), num(x)),
                z,
                kind="margin",
                note=active_note(ctx, "h", z),
            )
        )
    if hinge_used and linear_used:
        formula = translate(
            "explain", "x + max(0, margin − x)   (y is neither 1 nor −1: both terms)"
        )
        form: Expr = add(num(x), call("max", const(0), num(z)))
    elif hinge_used:
        formula = translate(
            "explain", "max(0, margin − x)   (y = −1: a dissimilar pair)"
        )
        form = call("max", const(0), num(z))
    else:
        formula = translate("explain", "x   (y = 1: a similar pair)")
        form = num(x)
    steps.append(maker.step(lhs, formula, form, value, engine=True))
    local = float(linear_used) - float(hinge_used and z >= 0)
    g_text = {
        (True, False): "[margin − x ≥ 0]·(−1)",
        (False, True): "1",
        (True, True): "1 − [margin − x ≥ 0]",
    }[(hinge_used, linear_used)]
    return element_built(
        ctx,
        (("x", ctx.num(x)), ("y", ctx.num(y)), ("margin", ctx.num(margin))),
        steps,
        g_text,
        const(int(local)),
        local,
        (
            translate(
                "explain",
                "Similar pairs (y = 1) are pulled together by their distance x "
                "itself; dissimilar ones (y = −1) are pushed apart only while "
                "x < margin.",
            ),
        ),
    )


def squared_hinge(ctx: Context) -> Built:
    """``SquaredHingeLoss``: ``l = max(0, margin − y·x)²``."""
    if not one_value_per_element(ctx):
        return generic(ctx)
    maker = ctx.maker
    x, y = ctx.z, ctx.at(ctx.tensor(1))
    margin = float(ctx.param("margin"))
    value = ctx.loss_at(ctx.index)
    z = margin - y * x
    steps = [
        maker.step(
            "h",
            "margin − y·x",
            sub(num(margin), mul(num(y), num(x))),
            z,
            kind="margin",
            note=active_note(ctx, "h", z),
        ),
        maker.step(
            f"l{ctx.label}",
            "max(0, h)^2",
            power(call("max", const(0), num(z)), 2),
            value,
            engine=True,
        ),
    ]
    local = -2 * y * max(z, 0.0) if z >= 0 else 0.0
    return element_built(
        ctx,
        (("x", ctx.num(x)), ("y", ctx.num(y)), ("margin", ctx.num(margin))),
        steps,
        "−2·y·max(0, h)",
        mul(-2, num(y), call("max", const(0), num(z))),
        local,
        (
            translate(
                "explain",
                "Squaring the hinge makes the loss smooth at the margin and charges "
                "large violations quadratically.",
            ),
        ),
    )


def margin_ranking(ctx: Context) -> Built:
    """``MarginRankingLoss``: ``l = max(0, −y·(x1 − x2) + margin)``."""
    if not one_value_per_element(ctx):
        return generic(ctx)
    maker = ctx.maker
    x1, x2, y = ctx.z, ctx.at(ctx.tensor(1)), ctx.at(ctx.tensor(2))
    margin = float(ctx.param("margin"))
    value = ctx.loss_at(ctx.index)
    z = -y * (x1 - x2) + margin
    steps = [
        maker.step(
            "h",
            "−y·(x1 − x2) + margin",
            add(neg(mul(num(y), sub(num(x1), num(x2)))), num(margin)),
            z,
            kind="margin",
            note=active_note(ctx, "h", z),
        ),
        maker.step(
            f"l{ctx.label}",
            "max(0, h)",
            call("max", const(0), num(z)),
            value,
            engine=True,
        ),
    ]
    local = -y if z >= 0 else 0.0
    form: Expr = neg(num(y)) if z >= 0 else const(0)
    return element_built(
        ctx,
        (
            ("x1", ctx.num(x1)),
            ("x2", ctx.num(x2)),
            ("y", ctx.num(y)),
            ("margin", ctx.num(margin)),
        ),
        steps,
        "−y·[h ≥ 0]",
        form,
        local,
        (
            translate(
                "explain",
                "y = 1 asks input1 to score above input2 by at least the margin, "
                "y = −1 the reverse; the gradient shown is for input1 (input2 gets "
                "its negative).",
            ),
        ),
    )
