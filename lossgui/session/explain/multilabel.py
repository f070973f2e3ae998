"""Explanation of ``MultiLabelSoftMarginLoss``: per-class BCE averaged over classes.

Each sample's loss is the mean over its ``C`` classes of the binary
cross-entropy of ``σ(z_c)`` against ``y_c`` (times ``weight[c]``), so with
``'mean'`` it equals ``BCEWithLogitsLoss`` on the same numbers (the seed
article's 0.9995).
"""

from __future__ import annotations

from lossgui.i18n import translate
from lossgui.session.explain.binary import SIGMOID, bce_forms, bce_value
from lossgui.session.explain.context import Context, exact64, sigmoid64
from lossgui.session.explain.expr import Expr, add, call, div, mul, neg, num, sub
from lossgui.session.explain.reduction import (
    MAX_TERMS,
    Divisor,
    gradient_steps,
    reduction_section,
)
from lossgui.session.explain.steps import Built, Section, Step
from lossgui.session.explain.titles import gradient_title, sample_title

__all__ = ["multilabel_soft_margin"]

#: Every class's term is written out up to this many classes.
_ALL_TERMS = 6


def multilabel_soft_margin(ctx: Context) -> Built:
    """``MultiLabelSoftMarginLoss`` for the selected sample and class."""
    maker = ctx.maker
    position = ctx.index[:-1]
    z_row = exact64(ctx.grid[position]).reshape(-1)
    y_row = ctx.row_of(ctx.tensor(1), 0.0)
    w_param = ctx.param("weight")
    w_row = None if w_param is None else ctx.row_of(w_param)
    c_count = z_row.size
    k = ctx.class_index
    terms = [
        bce_value(float(z), float(y)) * (1.0 if w_row is None else float(w_row[c]))
        for c, (z, y) in enumerate(zip(z_row, y_row, strict=True))
    ]
    steps: list[Step] = []
    p_k = sigmoid64(float(z_row[k]))
    steps.append(
        maker.step(
            f"p_{k}",
            SIGMOID.replace("z", f"z_{k}"),
            div(1, add(1, call("exp", neg(num(float(z_row[k])))))),
            p_k,
            kind="activation",
        )
    )
    shown_classes = range(c_count) if c_count <= _ALL_TERMS else [k]
    for c in shown_classes:
        z, y = float(z_row[c]), float(y_row[c])
        forms: list[Expr] = bce_forms(z, y, sigmoid64(z))
        formula = f"−(y_{c}·log(p_{c}) + (1 − y_{c})·log(1 − p_{c}))"
        if w_row is not None:
            forms = [mul(num(float(w_row[c])), f) for f in forms]
            formula = f"w_{c}·" + formula
        steps.append(maker.step(f"ℓ_{c}", formula, forms, terms[c], kind="log"))
    value = ctx.loss_at(position)
    lhs = f"l[{', '.join(str(i) for i in position)}]"
    if c_count <= MAX_TERMS:
        steps.append(
            maker.step(
                lhs,
                "(ℓ_0 + … + ℓ_{C−1}) / C",
                div(add(*(num(t) for t in terms)), c_count),
                value,
                engine=True,
            )
        )
    else:
        steps.append(maker.given(lhs, "(ℓ_0 + … + ℓ_{C−1}) / C", value, kind="loss"))
    y_k = float(y_row[k])
    w_k = 1.0 if w_row is None else float(w_row[k])
    g_form: Expr = sub(num(p_k), num(y_k))
    formula = f"(p_{k} − y_{k}) / C"
    if w_row is not None:
        g_form, formula = mul(num(w_k), g_form), f"w_{k}·{formula}"
    grad = gradient_steps(
        ctx,
        f"∂l/∂z{ctx.label}",
        formula,
        div(g_form, c_count),
        w_k * (p_k - y_k) / c_count,
    )
    lines = (
        translate(
            "explain",
            "{count} classes; the other classes' terms are computed the same way.",
        ).format(count=c_count)
        if c_count > _ALL_TERMS
        else translate("explain", "{count} classes, each a binary question.").format(
            count=c_count
        ),
    )
    given = (("z", ctx.num(float(z_row[k]))), ("y", ctx.num(y_k)), ("C", str(c_count)))
    return Built(
        given,
        (
            Section(sample_title(lhs), tuple(steps), lines),
            reduction_section(
                ctx, position, Divisor(translate("explain", "N = number of samples"))
            ),
            Section(gradient_title(f"∂L/∂z{ctx.label}"), tuple(grad)),
        ),
        (
            translate(
                "explain",
                "With 'mean' this equals BCEWithLogitsLoss on the same logits and "
                "targets (both average every element's binary cross-entropy).",
            ),
        ),
    )
