"""``LOSSES``: what each loss takes, its parameters, and how to compute it.

The UI builds its grids and parameter panel from these descriptions, so a loss
is added in exactly one place: its family module calls :func:`register`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy.typing as npt

from lossgui.engine.reduction import STANDARD_REDUCTIONS
from lossgui.engine.result import LossResult, Terms

__all__ = [
    "LOSSES",
    "Family",
    "Finish",
    "InputCheck",
    "LossSpec",
    "ParamSpec",
    "ReductionCheck",
    "TensorArg",
    "register",
]

Array = npt.NDArray[Any]
Family = Literal[
    "binary", "multiclass", "regression", "divergence", "margin", "ranking", "sequence"
]
TensorKind = Literal["float", "index", "class_target", "length", "label_list"]
ParamKind = Literal["float", "int", "bool", "choice", "tensor"]
Activation = Literal["sigmoid", "log_softmax", "log_softmax_last"]

LossFunction = Callable[[tuple[Array, ...], Mapping[str, Any]], Terms]
#: ``check(reduction, params) -> (canonical reduction, warnings)``; raises
#: :class:`~lossgui.engine.errors.LossInputError` with torch's text.
ReductionCheck = Callable[[object, Mapping[str, Any]], tuple[str, tuple[str, ...]]]
#: ``check(tensors, params)``: raises torch's error for the tensors (the result
#: is ignored); see :attr:`LossSpec.input_check`.
InputCheck = Callable[[tuple[Array, ...], Mapping[str, Any]], object]
#: ``finish(result, tensors, params) -> result``; see :attr:`LossSpec.finish`.
Finish = Callable[[LossResult, tuple[Array, ...], Mapping[str, Any]], LossResult]


@dataclass(frozen=True)
class TensorArg:
    """One positional argument of a loss's ``forward``.

    Attributes
    ----------
    name : str
        Torch's argument name (``"input"``, ``"target"``, ``"var"``, ...).
    kind : str
        ``"float"`` (real values), ``"index"`` (class indices, int64),
        ``"class_target"`` (class indices or class probabilities, chosen by
        shape as CrossEntropyLoss does), ``"length"`` or ``"label_list"``.
    doc : str
        What the tensor means, in torch's words.
    shape : str
        The shapes torch accepts, e.g. ``"(N, C)"``.
    """

    name: str
    kind: TensorKind
    doc: str
    shape: str = "(*)"


@dataclass(frozen=True)
class ParamSpec:
    """One constructor argument of a loss (``reduction`` is handled separately).

    Attributes
    ----------
    name : str
        Torch's keyword (``"pos_weight"``, ``"beta"``, ...).
    kind : str
        ``"float"``, ``"int"``, ``"bool"``, ``"choice"`` or ``"tensor"``.
    default : object
        Torch's default (``None`` for an absent tensor).
    doc : str
        Torch's meaning of the argument, for tooltips.
    minimum, maximum : float or None
        The range torch accepts (inclusive), where it checks one.
    choices : tuple of str
        The allowed values of a ``"choice"``.
    shape : str
        For tensors: the shape torch expects, e.g. ``"(C,)"``.
    functional_only : bool
        True for arguments only the ``torch.nn.functional`` form takes
        (``weight=`` of ``F.l1_loss``).
    required : bool
        True for a tensor the loss cannot do without although torch's module
        holds it itself (LinearCrossEntropyLoss's ``linear_weight``).
    """

    name: str
    kind: ParamKind
    default: Any
    doc: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    shape: str = ""
    functional_only: bool = False
    required: bool = False


@dataclass(frozen=True)
class LossSpec:
    """Everything the engine and the UI need to know about one loss.

    Attributes
    ----------
    name : str
        The torch class name (or ``"sigmoid_focal_loss"``).
    family : str
        Which group the loss belongs to in the UI.
    summary : str
        One line saying what the loss is for.
    formula : str
        The per-element formula and the reduction, in plain text.
    forward : tuple of TensorArg
        The positional tensors of ``forward``, in order.
    params : tuple of ParamSpec
        Constructor arguments other than ``reduction`` and the legacy pair.
    function : callable
        ``function(tensors, params) -> Terms``.
    reductions : tuple of str
        The reductions accepted; the first is not necessarily the default.
    default_reduction : str
        Torch's default.
    activation : str or None
        What the logits pipeline applies to logits before this loss
        (``"sigmoid"`` or ``"log_softmax"``); ``None`` when the loss takes
        logits (or raw values) itself.
    legacy_args : bool
        Whether the constructor takes ``size_average`` and ``reduce``.
    reduction_error : str
        Torch's message for a bad reduction, ``{0}`` standing for the value.
    accepts_elementwise_mean : bool
        Whether ``'elementwise_mean'`` is accepted as a deprecated alias.
    in_torch : bool
        False for losses lossgui adds beyond ``torch.nn``.
    reference : str
        Where the loss is defined (torch class path, or a paper).
    reduction_check : callable or None
        Replaces the static ``reductions``/``reduction_error`` check when the
        accepted values or torch's message depend on the other arguments
        (``F.l1_loss(..., weight=w)`` says ``Invalid reduction mode: ...``).
        Called as ``reduction_check(reduction, params)``.
    input_check : callable or None
        For losses whose torch code checks the tensors before it looks at
        ``reduction`` (the Python functionals broadcast first): called as
        ``input_check(tensors, params)`` with ``reduction='none'`` when the
        reduction is invalid, so that torch's earlier error wins.
    finish : callable or None
        For a loss whose ``function`` returns the terms of an inner tensor
        (LinearCrossEntropyLoss: cross-entropy over the logits of its linear
        layer): ``finish(result, tensors, params)`` turns the reduced result
        into the first tensor's (its gradient carried back, the inner tensor
        in :attr:`LossResult.derived`, parameter gradients in
        :attr:`LossResult.param_grads`).
    """

    name: str
    family: Family
    summary: str
    formula: str
    forward: tuple[TensorArg, ...]
    params: tuple[ParamSpec, ...]
    function: LossFunction = field(repr=False, compare=False)
    reductions: tuple[str, ...] = STANDARD_REDUCTIONS
    default_reduction: str = "mean"
    activation: Activation | None = None
    legacy_args: bool = True
    reduction_error: str = "{0} is not a valid value for reduction"
    accepts_elementwise_mean: bool = True
    in_torch: bool = True
    reference: str = ""
    reduction_check: ReductionCheck | None = field(
        default=None, repr=False, compare=False
    )
    input_check: InputCheck | None = field(default=None, repr=False, compare=False)
    finish: Finish | None = field(default=None, repr=False, compare=False)

    def param(self, name: str) -> ParamSpec:
        """The parameter called ``name``."""
        for spec in self.params:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def defaults(self) -> dict[str, Any]:
        """Every parameter's torch default, plus ``reduction``."""
        values = {p.name: p.default for p in self.params}
        values["reduction"] = self.default_reduction
        return values


LOSSES: dict[str, LossSpec] = {}


def register(spec: LossSpec) -> LossSpec:
    """Add ``spec`` to :data:`LOSSES` (each name once)."""
    if spec.name in LOSSES:
        raise RuntimeError(f"loss {spec.name!r} registered twice")
    LOSSES[spec.name] = spec
    return spec
