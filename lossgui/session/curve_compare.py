"""Curve compare mode and the numerics view: several curves on one pair of axes.

A :class:`CompareEntry` is a one-sample :class:`~lossgui.session.sweep.Problem`
(loss, parameters, the sample's tensors) and the column to sweep. Entries
come from the current batch (:func:`entry_from_evaluation`), from varying
one parameter (:func:`vary_parameter`) or from the presets in
:data:`PRESETS`, such as the focal-loss paper's figure 1 (BCE against
``sigmoid_focal_loss`` with γ = 0, 0.5, 1, 2, 5 at ``y = 1``).
:func:`numerics_curves` puts ``BCELoss`` on a sigmoid beside
``BCEWithLogitsLoss`` in float32 and float64 over ±120, where the ``-100``
log clamp and float32 saturation show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.errors import LossInputError
from lossgui.i18n import QT_TRANSLATE_NOOP, translate
from lossgui.session.convert import new_document
from lossgui.session.curve_labels import loss_unit, symbol
from lossgui.session.curve_range import DEFAULT_RANGE
from lossgui.session.curves import (
    DEFAULT_POINTS,
    Curve,
    CurveSet,
    sweep_grid,
)
from lossgui.session.document import DType
from lossgui.session.evaluation import Evaluation
from lossgui.session.layout import target_name
from lossgui.session.receipt import short
from lossgui.session.sweep import Problem, sweep_elements

__all__ = [
    "NUMERICS_POINTS",
    "NUMERICS_RANGE",
    "PRESETS",
    "CompareEntry",
    "compare_curves",
    "entry_from_evaluation",
    "entry_label",
    "numerics_curves",
    "single_problem",
    "vary_parameter",
]

Array = npt.NDArray[Any]
NUMERICS_RANGE = (-120.0, 120.0)
NUMERICS_POINTS = 2401


@dataclass(frozen=True)
class CompareEntry:
    """One curve of compare mode: a one-sample problem and the column swept."""

    label: str
    problem: Problem
    column: int = 0


def _scalar_params(problem: Problem) -> str:
    spec = problem.spec
    parts = [
        f"{p.name}={problem.kwargs.get(p.name)!r}"
        for p in spec.params
        if p.kind != "tensor" and problem.kwargs.get(p.name) != p.default
    ]
    parts += [
        f"{p.name}=tensor"
        for p in spec.params
        if p.kind == "tensor" and problem.kwargs.get(p.name) is not None
    ]
    return ", ".join(parts)


def entry_label(problem: Problem, extra: str = "") -> str:
    """``"sigmoid_focal_loss(gamma=5.0)"``: the loss and its non-default settings."""
    params = _scalar_params(problem)
    text = f"{problem.loss}({params})" if params else problem.loss
    return f"{text} {extra}".strip()


def entry_from_evaluation(
    evaluation: Evaluation, selected: tuple[int, int], label: str | None = None
) -> CompareEntry:
    """The selected sample of ``evaluation`` with its loss and settings."""
    problem = Problem.from_evaluation(evaluation)
    rows, columns = problem.grid.shape
    row = min(max(selected[0], 0), rows - 1)
    col = min(max(selected[1], 0), columns - 1)
    one = problem.take_rows(np.array([row]))
    where = f"[{row},{col}]" if problem.inputs[0].ndim > 1 else f"[{row}]"
    return CompareEntry(label or entry_label(one, where), one, col)


def vary_parameter(
    entry: CompareEntry, name: str, values: Sequence[Any]
) -> list[CompareEntry]:
    """Copies of ``entry`` with parameter ``name`` set to each of ``values``."""
    entry.problem.spec.param(name)  # KeyError for a parameter the loss lacks
    found = []
    for value in values:
        problem = entry.problem.with_params(**{name: value})
        found.append(replace(entry, problem=problem, label=entry_label(problem)))
    return found


def single_problem(
    loss: str,
    target: float,
    dtype: DType = "float32",
    tensors: dict[str, float] | None = None,
    **params: Any,
) -> Problem:
    """A one-element problem of ``loss``: input 0, the given target and settings.

    Parameters
    ----------
    loss : str
        The loss (its example document supplies any other tensor).
    target : float
        The target value (the registry's label tensor).
    dtype : {"float32", "float64"}
        The dtype the tensors are cast to.
    tensors : dict, optional
        Values of other forward tensors (``{"input2": 0.0}``).
    **params
        Constructor arguments (``gamma=2.0``).
    """
    doc = new_document(loss)
    doc.resize(1, 1)
    doc.dtype = dtype
    values = {doc.first_name: 0.0, **(tensors or {})}
    name = target_name(doc.spec)
    if name is not None:
        values[name] = target
    for key, value in values.items():
        doc.set_array(key, np.full(doc.array(key).shape, value))
    for key, value in params.items():
        doc.set_setting(f"param.{key}", value)
    return Problem.from_evaluation(doc.evaluate())


def _focal_paper() -> list[CompareEntry]:
    entries = [
        CompareEntry("BCEWithLogitsLoss", single_problem("BCEWithLogitsLoss", 1.0))
    ]
    for gamma in (0.0, 0.5, 1.0, 2.0, 5.0):
        problem = single_problem("sigmoid_focal_loss", 1.0, alpha=-1.0, gamma=gamma)
        label = translate("compare", "focal γ={gamma} (α off)").format(
            gamma=short(gamma)
        )
        entries.append(CompareEntry(label, problem))
    return entries


def _regression() -> list[CompareEntry]:
    names = ("L1Loss", "MSELoss", "SmoothL1Loss", "HuberLoss", "LogCoshLoss")
    return [
        CompareEntry(
            translate("compare", "{loss} (target 0)").format(loss=n),
            single_problem(n, 0.0),
        )
        for n in names
    ]


def _margins() -> list[CompareEntry]:
    return [
        CompareEntry(
            "BCEWithLogitsLoss (y=1)", single_problem("BCEWithLogitsLoss", 1.0)
        ),
        CompareEntry("SoftMarginLoss (y=1)", single_problem("SoftMarginLoss", 1.0)),
        CompareEntry("SquaredHingeLoss (y=1)", single_problem("SquaredHingeLoss", 1.0)),
        CompareEntry(
            "MarginRankingLoss (x2=0, y=1, margin=1)",
            single_problem(
                "MarginRankingLoss", 1.0, tensors={"input2": 0.0}, margin=1.0
            ),
        ),
    ]


#: Named sets of entries offered in compare mode (names shown through
#: ``translate("compare", name)``).
PRESETS: dict[str, Callable[[], list[CompareEntry]]] = {
    QT_TRANSLATE_NOOP(
        "compare", "Focal loss paper: BCE vs focal γ = 0, 0.5, 1, 2, 5 (y = 1)"
    ): _focal_paper,
    QT_TRANSLATE_NOOP(
        "compare", "Regression: L1, MSE, SmoothL1, Huber, LogCosh"
    ): _regression,
    QT_TRANSLATE_NOOP(
        "compare", "Margins: BCE, SoftMargin, SquaredHinge, MarginRanking (y = 1)"
    ): _margins,
}


def compare_curves(
    entries: Sequence[CompareEntry],
    x_range: tuple[float, float] = DEFAULT_RANGE,
    points: int = DEFAULT_POINTS,
    title: str = QT_TRANSLATE_NOOP("compare", "Compare"),
) -> CurveSet:
    """One curve per entry, each swept over the same ``x_range``."""
    curves: list[Curve] = []
    notes: list[str] = []
    for entry in entries:
        try:
            (found,) = sweep_elements(
                entry.problem,
                [(0, entry.column)],
                sweep_grid(entry.problem, x_range, points),
            )
        except (LossInputError, ValueError) as exc:
            text = exc.torch_text if isinstance(exc, LossInputError) else str(exc)
            notes.append(f"{entry.label}: {text}")
            continue
        curves.append(
            Curve(
                entry.label,
                found.x,
                found.loss,
                found.grad,
                found.p_true,
                (0, entry.column),
            )
        )
    problems = [entry.problem for entry in entries]
    sym = "z" if problems and all(symbol(p) == "z" for p in problems) else "x"
    units = {loss_unit(p) for p in problems}
    unit = f" ({units.pop()})" if len(units) == 1 and "" not in units else ""
    empty = translate(
        "compare", "No curves yet: load a preset or add the current loss."
    )
    return CurveSet(
        translate("compare", title),
        translate("compare", "z (logit)")
        if sym == "z"
        else translate("compare", "x (input)"),
        translate("compare", "ℓ per element") + unit,
        f"∂ℓ/∂{sym}, reduction='none'",
        tuple(curves),
        notes=tuple(notes),
        error=None if entries else empty,
    )


def numerics_curves(
    target: float = 1.0,
    x_range: tuple[float, float] = NUMERICS_RANGE,
    points: int = NUMERICS_POINTS,
) -> CurveSet:
    """``BCELoss(σ(z))`` vs ``BCEWithLogitsLoss(z)``, float32 and float64."""
    entries = []
    for dtype in ("float32", "float64"):
        entries.append(
            CompareEntry(
                f"BCELoss(σ(z)) {dtype}", single_problem("BCELoss", target, dtype)
            )
        )
        entries.append(
            CompareEntry(
                f"BCEWithLogitsLoss {dtype}",
                single_problem("BCEWithLogitsLoss", target, dtype),
            )
        )
    title = translate(
        "compare", "Numerics at y={target}: BCELoss vs BCEWithLogitsLoss"
    ).format(target=short(target))
    found = compare_curves(entries, x_range, points, title)
    return replace(
        found,
        notes=(
            *found.notes,
            translate("compare", "BCELoss clamps its logs at -100, so ℓ ≤ 100"),
            translate(
                "compare", "float32 σ(z) is exactly 1 above z≈17 and 0 below z≈-88"
            ),
        ),
        grad_notes=(
            translate(
                "compare",
                "BCELoss's backward clamps x(1-x) at 1e-12: ∂ℓ/∂z → 0 below z≈-28",
            ),
        ),
    )
