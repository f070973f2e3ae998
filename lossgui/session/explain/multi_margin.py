"""Explanations of the multi-class hinges: MultiMarginLoss and MultiLabelMarginLoss.

A row is one sample. MultiMarginLoss compares the target class's score with
every other class's through ``z_i = margin − x[y] + x[i]``; MultiLabelMarginLoss
compares every listed class with every unlisted one through
``z = 1 − (x[j] − x[i])``. Only pairs with ``z > 0`` (strictly, as torch's
kernels test it) are *active*: they add to the loss and to the gradient;
each page says which ones are.
"""

from __future__ import annotations

import numpy as np

from lossgui.i18n import translate
from lossgui.session.explain.classes import position_label, row_of_logits
from lossgui.session.explain.context import Context
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
from lossgui.session.explain.reduction import (
    MAX_TERMS,
    Divisor,
    gradient_steps,
    reduction_section,
)
from lossgui.session.explain.steps import Built, Section, Step
from lossgui.session.explain.titles import gradient_title, sample_title

__all__ = ["multi_margin", "multilabel_margin"]

#: Every pair's ``z`` is written as a step up to this many pairs.
_ALL_PAIRS = 6


def _state(z: float) -> str:
    if z > 0:
        return translate("explain", "active")
    return translate("explain", "inactive (z ≤ 0: no loss, no gradient)")


def _row_target(ctx: Context) -> np.ndarray:
    target = np.asarray(ctx.tensor(1))
    return (
        target[ctx.row]
        if target.ndim >= 2 or (target.ndim == 1 and ctx.grid.ndim >= 2)
        else target
    )


def multi_margin(ctx: Context) -> Built:
    """``MultiMarginLoss`` for the selected sample; the column picks the gradient."""
    maker = ctx.maker
    position, x = row_of_logits(ctx)
    c_count = x.size
    y = int(np.asarray(_row_target(ctx)).reshape(-1)[0])
    k = ctx.class_index
    margin, p = float(ctx.param("margin")), int(ctx.param("p"))
    weight = ctx.param("weight")
    w = None if weight is None else float(np.asarray(weight, np.float64).reshape(-1)[y])
    others = [i for i in range(c_count) if i != y]
    z = {i: margin - float(x[y]) + float(x[i]) for i in others}
    active = [i for i in others if z[i] > 0]
    steps: list[Step] = []
    shown = others if len(others) <= _ALL_PAIRS else ([k] if k != y else [])
    for i in shown:
        steps.append(
            maker.step(
                f"z_{i}",
                f"margin − x_{y} + x_{i}",
                add(sub(num(margin), num(float(x[y]))), num(float(x[i]))),
                z[i],
                kind="margin",
                note=_state(z[i]),
            )
        )
    names = ", ".join(str(i) for i in active) or translate("explain", "none")
    lines = (
        translate(
            "explain", "Target class y = {y}; active classes (z_i > 0): {names}."
        ).format(y=y, names=names),
        *(
            []
            if len(others) <= _ALL_PAIRS
            else [
                translate(
                    "explain",
                    "{count} other classes; the z_i not shown are computed alike.",
                ).format(count=len(others))
            ]
        ),
    )
    lhs = f"l{position_label(position)}"
    value = ctx.loss_at(position)
    w_part = [] if w is None else [num(w)]
    w_text = "" if w is None else "w[y]·"
    hinge = "max(0, z_i)" if p == 1 else "max(0, z_i)^2"
    formula = f"(1/C)·Σ_(i≠y) {w_text}{hinge}"

    def term(i: int) -> Expr:
        inner: Expr = call("max", const(0), num(z[i]))
        return inner if p == 1 else power(inner, 2)

    if active and len(active) <= MAX_TERMS:
        total = add(*(term(i) for i in active))
        form = div(mul(*w_part, total) if w_part else total, c_count)
        steps.append(
            maker.step(
                lhs,
                translate("explain", "{formula}  (active i only)").format(
                    formula=formula
                ),
                form,
                value,
                engine=True,
            )
        )
    else:
        steps.append(maker.given(lhs, formula, value, kind="loss"))

    def slope(i: int) -> Expr:
        return const(1) if p == 1 else mul(2, num(z[i]))

    def slope_value(i: int) -> float:
        return 1.0 if p == 1 else 2.0 * z[i]

    wv = 1.0 if w is None else w
    if k != y:
        local = wv * slope_value(k) / c_count if z[k] > 0 else 0.0
        g_form: Expr = div(mul(*w_part, slope(k)), c_count) if z[k] > 0 else const(0)
        g_text = f"{w_text}{'1' if p == 1 else '2·z'}_{k}·[z_{k} > 0] / C"
        if p == 1:
            g_text = f"{w_text}[z_{k} > 0] / C"
    else:
        local = -wv * sum(slope_value(i) for i in active) / c_count
        g_form = (
            neg(div(mul(*w_part, add(*(slope(i) for i in active))), c_count))
            if active
            else const(0)
        )
        g_text = f"−{w_text}Σ_(active i) {'1' if p == 1 else '2·z_i'} / C"
    grad = gradient_steps(ctx, f"∂l/∂x{ctx.label}", g_text, g_form, local)
    given = [
        ("x", "[" + ", ".join(ctx.num(float(v)) for v in x[:MAX_TERMS]) + "]"),
        ("y", str(y)),
        ("margin", ctx.num(margin)),
        ("p", str(p)),
    ]
    if w is not None:
        given.append(("w[y]", ctx.num(w)))
    return Built(
        tuple(given),
        (
            Section(sample_title(lhs), tuple(steps), lines),
            reduction_section(
                ctx, position, Divisor(translate("explain", "N = number of samples"))
            ),
            Section(gradient_title(f"∂L/∂x{ctx.label}"), tuple(grad)),
        ),
        (
            translate(
                "explain",
                "Each other class i whose score comes within the margin of the "
                "target's adds a hinge; the weight is the target class's, w[y].",
            ),
        ),
    )


def multilabel_margin(ctx: Context) -> Built:
    """``MultiLabelMarginLoss`` for the selected sample and column."""
    maker = ctx.maker
    position, x = row_of_logits(ctx)
    c_count = x.size
    labels = [int(v) for v in np.asarray(_row_target(ctx)).reshape(-1)]
    listed: list[int] = []
    for label in labels:
        if label < 0:
            break
        listed.append(label)
    targets = set(listed)
    outside = [i for i in range(c_count) if i not in targets]
    pairs = [(j, i) for j in listed for i in outside]
    z = {(j, i): 1.0 - (float(x[j]) - float(x[i])) for j, i in pairs}
    active = [pair for pair in pairs if z[pair] > 0]
    k = ctx.class_index
    mine = [pair for pair in pairs if k in pair]
    steps: list[Step] = []
    for j, i in pairs if len(pairs) <= _ALL_PAIRS else mine[:_ALL_PAIRS]:
        steps.append(
            maker.step(
                f"z_{{{j},{i}}}",
                f"1 − (x_{j} − x_{i})",
                sub(1, sub(num(float(x[j])), num(float(x[i])))),
                z[(j, i)],
                kind="margin",
                note=_state(z[(j, i)]),
            )
        )
    active_text = ", ".join(f"({j}, {i})" for j, i in active[:MAX_TERMS])
    if len(active) > MAX_TERMS:
        active_text += ", …"
    none = translate("explain", "none")
    lines = (
        translate(
            "explain",
            "Listed classes J = {listed} (the target row up to its first −1); "
            "unlisted: {unlisted}.",
        ).format(listed=listed or none, unlisted=outside or none),
        translate(
            "explain", "{count} pair(s) (j ∈ J, i ∉ J); active (z > 0): {active}."
        ).format(count=len(pairs), active=active_text or none),
    )
    lhs = f"l{position_label(position)}"
    value = ctx.loss_at(position)
    formula = "(1/C)·Σ_(j∈J) Σ_(i∉J) max(0, 1 − (x_j − x_i))"
    if active and len(active) <= MAX_TERMS:
        form = div(
            add(*(call("max", const(0), num(z[pair])) for pair in active)), c_count
        )
        steps.append(
            maker.step(
                lhs,
                translate("explain", "{formula}  (active pairs)").format(
                    formula=formula
                ),
                form,
                value,
                engine=True,
            )
        )
    else:
        steps.append(maker.given(lhs, formula, value, kind="loss"))
    if k in targets:
        count = -sum(1 for j, _ in active if j == k)
        g_text = translate("explain", "−#(active pairs with j = {k}) / C").format(k=k)
    else:
        count = sum(1 for _, i in active if i == k)
        g_text = translate("explain", "#(active pairs with i = {k}) / C").format(k=k)
    grad = gradient_steps(
        ctx, f"∂l/∂x{ctx.label}", g_text, div(const(count), c_count), count / c_count
    )
    given = (
        ("x", "[" + ", ".join(ctx.num(float(v)) for v in x[:MAX_TERMS]) + "]"),
        ("target", "[" + ", ".join(str(v) for v in labels[:MAX_TERMS]) + "]"),
    )
    return Built(
        given,
        (
            Section(sample_title(lhs), tuple(steps), lines),
            reduction_section(
                ctx, position, Divisor(translate("explain", "N = number of samples"))
            ),
            Section(gradient_title(f"∂L/∂x{ctx.label}"), tuple(grad)),
        ),
        (
            translate(
                "explain",
                "Every listed class should score at least 1 above every unlisted "
                "one; a listed class given twice counts twice.",
            ),
        ),
    )
