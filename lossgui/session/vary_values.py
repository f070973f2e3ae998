"""Checking the values a Curves comparison varies a parameter over (no Qt).

An integer parameter takes integers only (``0.5`` is refused, not rounded to
a second ``0``); values outside the parameter's range are refused, and so is
an ``ignore_index`` that is no class of the problem; a value repeated after
conversion is refused rather than drawn twice.
"""

from __future__ import annotations

from collections.abc import Sequence

from lossgui.engine.registry import ParamSpec
from lossgui.i18n import translate

__all__ = ["checked_values"]


def _reason(param: ParamSpec, value: float, classes: int | None) -> str | None:
    """Why ``value`` cannot be given to ``param`` (None when it can)."""
    if param.kind == "int" and value != int(value):
        return translate(
            "session", "{value} is not an integer ({name} takes integers)"
        ).format(value=f"{value:g}", name=param.name)
    if param.minimum is not None and value < param.minimum:
        return translate("session", "{value} is below {name}'s minimum {limit}").format(
            value=f"{value:g}", name=param.name, limit=f"{param.minimum:g}"
        )
    if param.maximum is not None and value > param.maximum:
        return translate("session", "{value} is above {name}'s maximum {limit}").format(
            value=f"{value:g}", name=param.name, limit=f"{param.maximum:g}"
        )
    index = param.name == "ignore_index" and classes is not None
    if index and value != param.default and not 0 <= value < (classes or 0):
        return translate(
            "session", "{value} is no class of this {classes}-class problem"
        ).format(value=f"{value:g}", classes=classes)
    return None


def checked_values(
    param: ParamSpec, values: Sequence[float], classes: int | None = None
) -> tuple[list[int | float], str | None]:
    """``values`` typed for ``param``, or an empty list and the reason.

    Parameters
    ----------
    param : ParamSpec
        The parameter varied.
    values : sequence of float
        What the user typed.
    classes : int, optional
        The number of classes ``C`` (for ``ignore_index``).

    Examples
    --------
    >>> from lossgui.engine.registry import LOSSES
    >>> index = LOSSES["CrossEntropyLoss"].param("ignore_index")
    >>> checked_values(index, [0, 1, 2], classes=3)
    ([0, 1, 2], None)
    >>> checked_values(index, [0, 0.5], classes=3)[1]
    '0.5 is not an integer (ignore_index takes integers)'
    """
    if not values:
        return [], translate("session", "no values given")
    out: list[int | float] = []
    for value in values:
        reason = _reason(param, float(value), classes)
        if reason is not None:
            return [], reason
        typed: int | float = int(value) if param.kind == "int" else float(value)
        if typed in out:
            return [], translate("session", "{value} is given twice").format(
                value=f"{typed:g}"
            )
        out.append(typed)
    return out, None
