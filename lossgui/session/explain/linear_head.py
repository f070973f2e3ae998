"""Explanation of LinearCrossEntropyLoss: a linear layer, then cross-entropy.

The grid holds hidden states ``x``; the layer makes the logits
``z[n, c] = Σ_h x[n, h]·W[c, h] + b[c]`` and the loss is CrossEntropyLoss on
them (torch's ``F.linear_cross_entropy`` with ``options=None`` is exactly
that). The page shows the selected sample's logit of its target class worked
out, then the cross-entropy page of the logits (softmax, loss, reduction,
``∂L/∂z``), then the selected hidden unit's gradient
``∂L/∂x[n, h] = Σ_c ∂L/∂z[n, c]·W[c, h]``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.compute import compute
from lossgui.engine.pipeline import PipelineResult, probabilities
from lossgui.i18n import translate
from lossgui.session.evaluation import Evaluation
from lossgui.session.explain.classes import cross_entropy
from lossgui.session.explain.context import Context, exact64
from lossgui.session.explain.expr import Expr, add, mul, num
from lossgui.session.explain.reduction import MAX_TERMS
from lossgui.session.explain.steps import Built, Section, Step

__all__ = ["linear_cross_entropy", "logits_evaluation"]

Array = npt.NDArray[Any]


def logits_evaluation(evaluation: Evaluation) -> Evaluation:
    """The same call as CrossEntropyLoss on the layer's logits ``z``.

    ``ignore_index=None`` (torch's default here) is cross-entropy's -100.
    """
    assert evaluation.result is not None
    logits = evaluation.result.loss.derived["logits"]
    kwargs = dict(evaluation.kwargs)
    ignore = kwargs.get("ignore_index")
    ce_kwargs: dict[str, Any] = {
        "weight": kwargs.get("weight"),
        "ignore_index": -100 if ignore is None else ignore,
        "label_smoothing": kwargs.get("label_smoothing", 0.0),
        "reduction": evaluation.reduction,
    }
    target = evaluation.inputs[1][1]
    loss = compute("CrossEntropyLoss", logits, target, **ce_kwargs)
    result = PipelineResult(loss, None, None, loss.grad)
    return replace(
        evaluation,
        loss="CrossEntropyLoss",
        inputs=(("input", logits), ("target", target)),
        kwargs=tuple(ce_kwargs.items()),
        result=result,
        probabilities=probabilities("CrossEntropyLoss", logits, "logits", result),
    )


def _dot(values: Array, weights: Array, bias: float | None) -> Expr:
    terms: list[Expr] = [
        mul(num(a), num(b)) for a, b in zip(values, weights, strict=True)
    ]
    if bias is not None:
        terms.append(num(bias))
    return add(*terms)


def _target_class(ctx: Context, logits: Array) -> int:
    """The class whose logit is worked out: the target (else the most likely)."""
    target = np.asarray(ctx.tensor(1))
    row = ctx.row if ctx.grid.ndim >= 2 else 0
    if target.shape != logits.shape and target.dtype.kind in "iu":
        label = int(target.reshape(-1)[row]) if target.size else -1
        if 0 <= label < logits.shape[-1]:
            return label
    z_row = logits[row] if logits.ndim >= 2 else logits
    return int(np.argmax(z_row)) if z_row.size else 0


def _layer_step(ctx: Context, x: Array, logits: Array, c: int) -> Step:
    """``z[n, c] = Σ_h x[n, h]·W[c, h] + b[c]`` with the sample's numbers."""
    weight = exact64(ctx.param("linear_weight"))
    bias_array = ctx.param("linear_bias")
    bias = None if bias_array is None else float(exact64(bias_array).reshape(-1)[c])
    n = ctx.row if ctx.grid.ndim >= 2 else 0
    z_row = logits[n] if logits.ndim >= 2 else logits
    value = float(z_row[c])
    where = f"[{n},{c}]" if ctx.grid.ndim >= 2 else f"[{c}]"
    formula = "Σ_h x[n,h]·W[c,h]" + (" + b[c]" if bias is not None else "")
    symbol = f"z{where}"
    if x.size > MAX_TERMS or weight.ndim != 2:
        return ctx.maker.given(symbol, formula, value, kind="activation")
    return ctx.maker.step(
        symbol,
        formula,
        _dot(x, weight[c], bias),
        value,
        kind="activation",
        engine=True,
    )


def _gradient_step(ctx: Context, logits_grad: Array) -> Step:
    """``∂L/∂x[n, h] = Σ_c ∂L/∂z[n, c]·W[c, h]`` for the selected hidden unit."""
    weight = exact64(ctx.param("linear_weight"))
    n = ctx.row if ctx.grid.ndim >= 2 else 0
    g_row = exact64(logits_grad[n] if logits_grad.ndim >= 2 else logits_grad)
    h = ctx.index[-1] if ctx.index else 0
    value = float(np.asarray(ctx.result.grad)[ctx.index])
    symbol = f"∂L/∂x{ctx.label}"
    formula = "Σ_c ∂L/∂z[n,c]·W[c,h]"
    if g_row.size > MAX_TERMS or weight.ndim != 2 or g_row.ndim != 1:
        return ctx.maker.given(symbol, formula, value, kind="gradient")
    return ctx.maker.step(
        symbol,
        formula,
        _dot(g_row, weight[:, h], None),
        value,
        kind="gradient",
        engine=True,
    )


def linear_cross_entropy(ctx: Context) -> Built:
    """``LinearCrossEntropyLoss``: the layer's logit, cross-entropy, ``∂L/∂x``."""
    inner_eval = logits_evaluation(ctx.evaluation)
    assert inner_eval.result is not None
    logits = exact64(inner_eval.grid)
    x = exact64(ctx.grid[ctx.row] if ctx.grid.ndim >= 2 else ctx.grid)
    c = _target_class(ctx, logits)
    inner = Context.create(inner_eval, ctx.row, c, ctx.maker.digits)
    built = cross_entropy(inner)
    layer = Section(
        translate("explain", "The linear layer's logit"),
        (_layer_step(ctx, x, logits, c),),
        (
            translate(
                "explain",
                "The hidden state x[n] goes through the layer: z[n] = x[n]·Wᵀ + b "
                "({count} logits, one per class).",
            ).format(count=logits.shape[-1]),
        ),
    )
    back = Section(
        translate("explain", "Gradient {symbol} (back through the layer)").format(
            symbol=f"∂L/∂x{ctx.label}"
        ),
        (_gradient_step(ctx, np.asarray(inner_eval.result.grad)),),
    )
    given = (("x", "[" + ", ".join(ctx.num(v) for v in x[:MAX_TERMS]) + "]"),)
    return Built(
        given + built.given,
        (layer, *built.sections, back),
        built.notes,
    )
