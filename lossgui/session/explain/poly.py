"""Explanation of ``Poly1CrossEntropyLoss``: cross-entropy plus ``ε·(1 − p_t)``.

Cross-entropy is ``Σ_j (1 − p_t)^j / j``; Poly-1 (Leng et al. 2022) raises
the weight of the first term by ``ε``. The row's softmax is worked out as for
``CrossEntropyLoss``, then ``p_t`` (the target's probability) enters twice.
"""

from __future__ import annotations

from lossgui.i18n import translate
from lossgui.session.explain.classes import (
    index_target,
    position_label,
    row_of_logits,
)
from lossgui.session.explain.context import Context
from lossgui.session.explain.expr import add, call, const, mul, neg, num, sub
from lossgui.session.explain.reduction import (
    MAX_TERMS,
    Divisor,
    gradient_steps,
    reduction_section,
)
from lossgui.session.explain.softmax import row_softmax
from lossgui.session.explain.steps import Built, Section
from lossgui.session.explain.titles import gradient_title, sample_title

__all__ = ["poly1_cross_entropy"]


def poly1_cross_entropy(ctx: Context) -> Built:
    """``Poly1CrossEntropyLoss`` for the selected sample and logit."""
    maker = ctx.maker
    position, z = row_of_logits(ctx)
    y, _ = index_target(ctx)
    eps = float(ctx.param("epsilon"))
    k = ctx.class_index
    sm = row_softmax(ctx, z, [y, k])
    p_t = float(sm.p[y])
    lhs = f"l{position_label(position)}"
    value = ctx.loss_at(position)
    forms = [
        add(neg(call("log", num(p_t))), mul(num(eps), sub(1, num(p_t)))),
        add(neg(sm.log_p(y)), mul(num(eps), sub(1, num(p_t)))),
    ]
    forward = [
        *sm.steps,
        maker.step(
            lhs,
            f"−log(p_{y}) + ε·(1 − p_{y})   (p_t = p_{y}, y = {y})",
            forms,
            value,
            engine=True,
        ),
    ]
    delta = int(k == y)
    local = (1 + eps * p_t) * (float(sm.p[k]) - delta)
    grad = gradient_steps(
        ctx,
        f"∂l/∂z{ctx.label}",
        f"(1 + ε·p_t)·(p_{k} − [{k} = y])",
        mul(add(1, mul(num(eps), num(p_t))), sub(num(float(sm.p[k])), const(delta))),
        local,
        translate("explain", "cross-entropy's gradient, scaled by 1 + ε·p_t"),
    )
    given = (
        ("z", "[" + ", ".join(ctx.num(float(v)) for v in z[:MAX_TERMS]) + "]"),
        ("y", str(y)),
        ("ε", ctx.num(eps)),
    )
    return Built(
        given,
        (
            Section(sample_title(lhs), tuple(forward), sm.lines),
            reduction_section(
                ctx, position, Divisor(translate("explain", "N = number of targets"))
            ),
            Section(gradient_title(f"∂L/∂z{ctx.label}"), tuple(grad)),
        ),
        (
            translate(
                "explain",
                "ε = 0 gives CrossEntropyLoss; ε > 0 pushes harder on confident "
                "mistakes.",
            ),
        ),
    )
