"""The page layout shared by losses with one unreduced value per grid element.

Such a loss (SoftMargin, HingeEmbedding, the squared hinge, MarginRanking,
log-cosh, the Poisson and Gaussian likelihoods) is explained as: the
element's loss worked out from its inputs, the reduction, and the gradient
``∂l/∂x`` scaled by the reduction. When a target broadcasts the loss beyond
the grid's shape, one grid element feeds several values and the generic
page is used instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from lossgui.i18n import translate
from lossgui.session.explain.context import Context
from lossgui.session.explain.expr import Expr
from lossgui.session.explain.reduction import gradient_steps, reduction_section
from lossgui.session.explain.steps import Built, Section, Step
from lossgui.session.explain.titles import element_title, gradient_title

__all__ = ["active_note", "element_built", "one_value_per_element"]


def one_value_per_element(ctx: Context) -> bool:
    """Whether the unreduced loss has exactly the grid's shape."""
    return tuple(ctx.result.loss.elementwise.shape) == tuple(ctx.grid.shape)


def active_note(ctx: Context, name: str, value: float, strict: bool = False) -> str:
    """Says whether a hinge ``max(0, name)`` is active at ``value``.

    Parameters
    ----------
    ctx : Context
        For the number format.
    name : str
        The hinge's argument (``"z"``).
    value : float
        Its value at the element.
    strict : bool
        Whether the kernel needs ``value > 0`` (else ``>= 0``: torch's
        ``clamp_min`` passes the gradient at the kink).
    """
    shown = ctx.num(value)
    active = value > 0 if strict else value >= 0
    if active:
        text = translate(
            "explain",
            "{name} = {value} ≥ 0: the hinge is active (it adds loss and gradient).",
        )
    else:
        text = translate(
            "explain",
            "{name} = {value} < 0: the hinge is inactive (no loss, no gradient).",
        )
    return text.format(name=name, value=shown)


def element_built(
    ctx: Context,
    given: Sequence[tuple[str, str]],
    forward: Sequence[Step],
    grad_formula: str,
    grad_form: Expr,
    local: float,
    notes: Sequence[str] = (),
    grad_note: str = "",
) -> Built:
    """The three sections of an elementwise loss.

    Parameters
    ----------
    ctx : Context
        The element.
    given : sequence of (str, str)
        Its inputs as shown above the working.
    forward : sequence of Step
        The working of ``l[element]``; the last step is the engine's value.
    grad_formula, grad_form, local
        ``∂l/∂x`` at the element: symbolic, with numbers, and its value.
    notes : sequence of str
        Remarks under the page.
    grad_note : str
        A remark on the gradient step.
    """
    symbol = ctx.symbol
    grad = gradient_steps(
        ctx, f"∂l/∂{symbol}{ctx.label}", grad_formula, grad_form, local, grad_note
    )
    return Built(
        tuple(given),
        (
            Section(element_title(ctx), tuple(forward)),
            reduction_section(ctx, ctx.index),
            Section(gradient_title(f"∂L/∂{symbol}{ctx.label}"), tuple(grad)),
        ),
        tuple(notes),
    )
