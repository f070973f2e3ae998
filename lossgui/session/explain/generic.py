"""The fallback explanation: the formula and the engine's numbers at the element.

Losses without a step-by-step builder still get their formula, the values
the loss received at the selected element, the element's unreduced loss,
the reduction (numerator, denominator) and the gradient, all from the
engine.
"""

from __future__ import annotations

import numpy as np

from lossgui.i18n import translate
from lossgui.session.explain.context import Context, exact64, label_of
from lossgui.session.explain.reduction import reduction_section
from lossgui.session.explain.steps import Built, Section, Step
from lossgui.session.explain.titles import gradient_title

__all__ = ["generic", "loss_position"]


def loss_position(ctx: Context) -> tuple[int, ...] | None:
    """Where the element's own loss is in the unreduced tensor, if anywhere."""
    shape = ctx.result.loss.elementwise.shape
    if shape == ctx.grid.shape:
        return ctx.index
    if len(shape) == 1 and ctx.grid.ndim >= 1 and shape[0] == ctx.grid.shape[0]:
        return (ctx.row,)
    if shape == ():
        return ()
    return None


def _at(ctx: Context, array: np.ndarray) -> str | None:
    """``array`` at the element (or its row), as text; None if it has no such place."""
    if array.shape == ctx.grid.shape:
        value = array[ctx.index]
    elif array.ndim == 1 and ctx.grid.ndim >= 1 and array.shape[0] == ctx.grid.shape[0]:
        value = array[ctx.row]
    elif array.ndim == 0:
        value = array[()]
    else:
        return None
    if array.dtype.kind in "iub":
        return str(int(value))
    return ctx.num(float(exact64(value)))


def generic(ctx: Context) -> Built:
    """Formula plus numbers for any loss."""
    maker = ctx.maker
    given: list[tuple[str, str]] = [(ctx.symbol, ctx.num(ctx.z))]
    if ctx.activated and ctx.result.activated is not None:
        activated = np.asarray(ctx.result.activated)
        text = _at(ctx, activated)
        if text is not None:
            given.append((f"{ctx.result.activation}({ctx.symbol})", text))
    for name, array in ctx.evaluation.inputs[1:]:
        text = _at(ctx, np.asarray(array))
        if text is not None:
            given.append((name, text))
    position = loss_position(ctx)
    steps: list[Step] = []
    if position is not None:
        steps.append(
            maker.given(
                f"l{label_of(position)}",
                translate("explain", "the formula above"),
                ctx.loss_at(position),
                kind="loss",
            )
        )
    lines = tuple(ctx.spec.formula.splitlines())
    grad = maker.given(
        f"∂L/∂{ctx.symbol}{ctx.label}",
        translate("explain", "from the engine"),
        ctx.grad,
        kind="gradient",
    )
    return Built(
        tuple(given),
        (
            Section(translate("explain", "This element's loss"), tuple(steps), lines),
            reduction_section(ctx, position),
            Section(gradient_title(f"∂L/∂{ctx.symbol}{ctx.label}"), (grad,)),
        ),
        (
            translate(
                "explain",
                "No step-by-step substitution is written for {name} yet: the "
                "numbers shown are the engine's, which match torch.",
            ).format(name=ctx.spec.name),
        ),
    )
