"""Words for the curve plots: axis titles with units, and legend labels.

Everything is read from the registry (family, activation, tensor docs) and
the problem's tensors; nothing is written per loss.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.i18n import QT_TRANSLATE_NOOP, translate
from lossgui.session.layout import target_name
from lossgui.session.problem import Problem
from lossgui.session.receipt import short

__all__ = [
    "axis_labels",
    "context_labels",
    "coupled_label",
    "loss_unit",
    "symbol",
]

Array = npt.NDArray[Any]

#: Words in a formula that make the loss a log-likelihood (natural log: nats).
_LOG_WORDS = ("log", "softplus", "BCE", "lse")


def symbol(problem: Problem) -> str:
    """``"z"`` when the swept values are logits, else ``"x"``."""
    spec = problem.spec
    logits = problem.input_mode == "logits" and spec.activation is not None
    return "z" if logits or "logit" in spec.forward[0].doc.lower() else "x"


def loss_unit(problem: Problem) -> str:
    """``"nats"`` for log-likelihood losses, else ``""`` (the loss's own units).

    A loss counts as a log-likelihood when its formula takes a natural log
    (``log``, ``softplus``, ``BCE``, ``lse``) outside the regression family
    (``log cosh`` is not one), or when its name says NLL.
    """
    spec = problem.spec
    logs = any(word in spec.formula for word in _LOG_WORDS)
    if (logs and spec.family != "regression") or "NLL" in spec.name:
        return QT_TRANSLATE_NOOP("session", "nats")
    return ""


def _x_kind(problem: Problem) -> str:
    spec = problem.spec
    if symbol(problem) == "z":
        if spec.family == "binary":
            return QT_TRANSLATE_NOOP("session", "log-odds")
        return QT_TRANSLATE_NOOP("session", "logit")
    if problem.input_mode == "raw" and spec.activation == "sigmoid":
        return QT_TRANSLATE_NOOP("session", "probability")
    if problem.input_mode == "raw" and spec.activation is not None:
        return QT_TRANSLATE_NOOP("session", "log-probability")
    if problem.names[0].startswith("log"):
        return QT_TRANSLATE_NOOP("session", "log scale")
    if spec.family == "regression":
        return QT_TRANSLATE_NOOP("session", "target units")
    if spec.family in ("margin", "ranking"):
        return QT_TRANSLATE_NOOP("session", "score")
    return QT_TRANSLATE_NOOP("session", "input units")


def axis_labels(
    problem: Problem, per: str = QT_TRANSLATE_NOOP("session", "per element")
) -> tuple[str, str, str]:
    """``(x, loss, gradient)`` axis titles, with units in parentheses.

    ``per`` says what one loss value covers: ``"per element"``, ``"per
    sample"`` (coupled losses plot their row's loss) or ``"for the batch"``.
    """
    sym = symbol(problem)
    unit = translate("session", loss_unit(problem)) if loss_unit(problem) else ""
    loss = f"{problem.loss} ℓ {translate('session', per)}" + (
        f" ({unit})" if unit else ""
    )
    per_unit = translate("session", "{unit} per unit {symbol}")
    grad_unit = f" ({per_unit.format(unit=unit, symbol=sym)})" if unit else ""
    kind = translate("session", _x_kind(problem))
    return (
        f"{sym} = {problem.names[0]} ({kind})",
        loss,
        f"∂ℓ/∂{sym}, reduction='none'{grad_unit}",
    )


def _short_name(problem: Problem, name: str) -> str:
    if name == target_name(problem.spec):
        return "y"
    return {"weight": "w"}.get(name, name)


def _varies(column: np.ndarray) -> bool:
    """Whether ``column`` holds two or more distinct values (NaNs count as one).

    Written out because ``np.unique`` imports ``numpy.ma`` on first use
    (~35 ms of start-up).
    """
    nan = np.isnan(column)
    if nan.any():
        return not nan.all()
    return bool(column.size) and bool((column != column[0]).any())


def context_labels(problem: Problem, keys: Array) -> list[str]:
    """Legend texts for independent curves, one per row of ``keys``.

    ``keys`` holds, per curve, every other tensor's value at the swept
    element (as :func:`lossgui.session.curves._context_keys` builds it). Only
    the tensors whose value differs between the curves are named, plus the
    target and any enabled tensor argument (``pos_weight=3``).
    """
    names = [name for name, _, _ in problem.others()]
    target = target_name(problem.spec)
    shown = [
        j
        for j, name in enumerate(names)
        if j < keys.shape[1]
        and (_varies(keys[:, j]) or name == target or name not in problem.names)
    ]
    labels = []
    for key in keys:
        parts = [
            f"{_short_name(problem, names[j])}={short(float(key[j]), 4)}" for j in shown
        ]
        labels.append(
            " · ".join(parts) if parts else translate("session", "every element")
        )
    return labels


def coupled_label(problem: Problem, row: int, col: int) -> str:
    """Legend text of a coupled curve: ``"z[1,3] · true class"``."""
    sym = symbol(problem)
    where = f"{sym}[{row}]" if problem.inputs[0].ndim <= 1 else f"{sym}[{row},{col}]"
    name = target_name(problem.spec)
    target = None if name is None else problem.tensor(name)
    if (
        target is not None
        and name is not None
        and target.dtype.kind in "iu"
        and problem.roles.get(name) == "rows"
        and int(target.reshape(-1)[row]) == col
    ):
        return f"{where} · " + translate("session", "true class")
    return where
