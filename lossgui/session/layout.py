"""Where each tensor of a loss lives in the document, read from :data:`LOSSES`.

Every editable tensor is a :class:`Slot` with a *role* that fixes its shape
from the batch size ``N`` and the number of columns (classes) ``C``:

``"grid"``
    ``(N, C)``, the shape of the first tensor. For element-wise losses
    (no class dimension) one column means a plain vector ``(N,)``, as in
    the cat/dog example.
``"rows"``
    ``(N,)``: one value per sample (class indices, ``±1`` labels).
``"classes"``
    ``(C,)``: one value per class (``weight`` of CrossEntropyLoss,
    ``pos_weight``).
``"sequence"``
    ``(S,)``: a label sequence with its own length ``S``, independent of the
    grid (CTCLoss's ``targets``).
``"scalar"``
    ``()``: one number (CTCLoss's ``input_lengths`` and ``target_lengths``).
``"matrix"``, ``"outputs"``, ``"row_outputs"``
    For a loss that owns a linear layer (LinearCrossEntropyLoss, whose first
    grid holds hidden states ``(N, in_features)``): its weight
    ``(K, in_features)``, vectors over its ``K`` outputs (bias, class
    ``weight``) and a per-sample grid over them (probability targets
    ``(N, K)``). ``K`` is the matrix's own row count, as a sequence has its
    own ``S``; the grid's columns are the layer's inputs.

Losses whose first tensor has its batch dimension ``N`` *after* the grid's
row dimension (CTCLoss: ``(T, N, C)``) are shown in torch's unbatched form:
``N`` is dropped from every shape, so the grid is ``(T, C)``, ``(N, S)``
becomes a ``"sequence"`` and ``(N,)`` a ``"scalar"``. A scalar whose doc says
``≤ T`` (a grid dimension) or ``≤ S`` (a sequence's) *counts* it: see
:attr:`Slot.counts`.

Nothing here is written per loss: roles come from ``TensorArg.kind``,
``TensorArg.shape`` and ``ParamSpec.shape``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from lossgui.engine.registry import LossSpec, ParamSpec, TensorArg
from lossgui.i18n import QT_TRANSLATE_NOOP

__all__ = [
    "KEPT_CLASS_INDICES",
    "Role",
    "Slot",
    "TargetMode",
    "ValueKind",
    "as_table",
    "batch_dropped",
    "forward_slots",
    "has_class_dim",
    "linear_outputs",
    "param_slots",
    "shape_dims",
    "shape_for",
    "stored_target_modes",
    "target_modes",
    "target_name",
]

Role = Literal[
    "grid", "rows", "classes", "sequence", "scalar", "matrix", "outputs", "row_outputs"
]
ValueKind = Literal["float", "index"]
TargetMode = Literal["index", "probability", "class_indices"]
Array = npt.NDArray[Any]

_INDEX_KINDS = ("index", "length", "label_list")

#: The target mode of a binary loss whose target still holds the class indices
#: it was switched with (:func:`lossgui.session.convert.switch_loss`): one index
#: per row, as the user had them, which torch refuses with its size error.
KEPT_CLASS_INDICES: TargetMode = "class_indices"


@dataclass(frozen=True)
class Slot:
    """One editable tensor of the document.

    Attributes
    ----------
    name : str
        Torch's name for it (``"input"``, ``"target"``, ``"pos_weight"``).
    role : {"grid", "rows", "classes", "sequence", "scalar"}
        Which shape it takes (see the module docstring).
    kind : {"float", "index"}
        Real values (stored as float64) or whole numbers (int64).
    optional : bool
        True for constructor tensors that can be switched off (``None``).
    doc : str
        Torch's meaning of the tensor, for tooltips.
    shape_text : str
        The shapes torch accepts, as the registry states them.
    fill : float
        The value new rows and columns get (1 for weights and variances).
    hint : str
        A few words on what the values are, for the grid's title
        (``"class indices"``, ``"class labels, -1 ends the list"``).
    counts : str or None
        For a length scalar: what it counts, ``"rows"`` (the grid's rows,
        CTCLoss's ``T``) or the name of a ``"sequence"`` slot (its ``S``).
    """

    name: str
    role: Role
    kind: ValueKind
    optional: bool
    doc: str
    shape_text: str
    fill: float = 0.0
    hint: str = ""
    counts: str | None = None


def shape_dims(text: str) -> tuple[str, ...]:
    """The dimension names of the first ``(...)`` group in a shape text.

    Examples
    --------
    >>> shape_dims("(N, C)")
    ('N', 'C')
    >>> shape_dims("(C,)")
    ('C',)
    >>> shape_dims("broadcasts to input")
    ()
    """
    match = re.search(r"\(([^)]*)\)", text)
    if match is None:
        return ()
    return tuple(part.strip() for part in match.group(1).split(",") if part.strip())


def has_class_dim(spec: LossSpec) -> bool:
    """Whether the first tensor is ``(N, C)`` with a class (or feature) dimension.

    True for losses with class-index targets, for log-softmax losses, and for
    those whose first tensor's shape names ``C`` or ``D`` (embeddings);
    element-wise losses (BCE, regression) are False, so their one-column grid
    is a vector.
    """
    if spec.activation == "log_softmax":
        return True
    if any(arg.kind in ("index", "class_target", "label_list") for arg in spec.forward):
        return True
    return bool({"C", "D"} & set(shape_dims(spec.forward[0].shape)))


def target_modes(spec: LossSpec) -> tuple[TargetMode, ...]:
    """``("index", "probability")`` for losses whose target may be either."""
    if any(arg.kind == "class_target" for arg in spec.forward):
        return ("index", "probability")
    return ()


def stored_target_modes(spec: LossSpec) -> tuple[TargetMode, ...]:
    """Every target mode a document of this loss may hold (``"index"`` first).

    :func:`target_modes` for losses offering a choice; the binary family may
    also hold :data:`KEPT_CLASS_INDICES`; other losses only ``"index"``.
    """
    modes = target_modes(spec)
    if modes:
        return modes
    if spec.family == "binary" and target_name(spec) is not None:
        return ("index", KEPT_CLASS_INDICES)
    return ("index",)


def target_name(spec: LossSpec) -> str | None:
    """The forward argument holding the labels (class indices or targets), if any.

    The first argument of a label kind (``index``, ``class_target``,
    ``label_list``), else the first whose name contains ``"target"``; ``None``
    for losses such as TripletMarginLoss whose tensors are all inputs.
    """
    for arg in spec.forward[1:]:
        if arg.kind in ("index", "class_target", "label_list"):
            return arg.name
    for arg in spec.forward[1:]:
        if "target" in arg.name:
            return arg.name
    return None


def linear_outputs(spec: LossSpec) -> bool:
    """Whether the loss owns a linear layer: a parameter shaped ``(C, in_features)``.

    Its first grid then holds the layer's inputs and its classes are the
    layer's outputs (roles ``"matrix"``, ``"outputs"``, ``"row_outputs"``).
    """
    return any(
        shape_dims(p.shape) == ("C", "in_features")
        for p in spec.params
        if p.kind == "tensor"
    )


def batch_dropped(spec: LossSpec) -> bool:
    """Whether the loss is shown unbatched: its first shape has ``N`` after dim 0.

    >>> from lossgui.engine.registry import LOSSES
    >>> batch_dropped(LOSSES["CTCLoss"]), batch_dropped(LOSSES["CrossEntropyLoss"])
    (True, False)
    """
    dims = shape_dims(spec.forward[0].shape)
    return "N" in dims[1:]


def _unbatched_dims(arg: TensorArg) -> tuple[str, ...]:
    return tuple(d for d in shape_dims(arg.shape) if d != "N")


def _forward_role(
    position: int, arg: TensorArg, target_mode: TargetMode, spec: LossSpec
) -> Role:
    if position == 0:
        return "grid"
    if batch_dropped(spec):
        dims = _unbatched_dims(arg)
        if not dims:
            return "scalar"
        if set(dims) - set(_unbatched_dims(spec.forward[0])):
            return "sequence"
    if arg.kind == "class_target":
        if target_mode == "index":
            return "rows"
        return "row_outputs" if linear_outputs(spec) else "grid"
    if arg.kind in ("index", "length"):
        return "rows"
    if arg.kind == "label_list":
        return "grid"
    return "rows" if shape_dims(arg.shape) == ("N",) else "grid"


def _forward_kind(arg: TensorArg, target_mode: TargetMode) -> ValueKind:
    if arg.kind == "class_target":
        return "index" if target_mode == "index" else "float"
    return "index" if arg.kind in _INDEX_KINDS else "float"


def _fill(name: str) -> float:
    return 1.0 if ("weight" in name or name == "var") else 0.0


#: Slot hints: English data (tested for "-1"), shown through translate("session", hint).
_HINTS = {
    "index": QT_TRANSLATE_NOOP("session", "class indices"),
    "label_list": QT_TRANSLATE_NOOP("session", "class labels, -1 ends the list"),
    "length": QT_TRANSLATE_NOOP("session", "length"),
}


def _hint(arg: TensorArg, role: Role) -> str:
    if role == "sequence" and arg.kind == "index":
        return QT_TRANSLATE_NOOP("session", "label sequence")
    return _HINTS.get(arg.kind, "")


def _counts(spec: LossSpec, arg: TensorArg, roles: dict[str, Role]) -> str | None:
    """What a length scalar counts, from ``≤ X`` in its doc (see :class:`Slot`)."""
    match = re.search(r"(?:≤|<=)\s*(\w+)", arg.doc)
    if arg.kind != "length" or match is None:
        return None
    dim = match.group(1)
    grid_dims = _unbatched_dims(spec.forward[0])
    if grid_dims and dim == grid_dims[0]:
        return "rows"
    for other in spec.forward:
        if roles[other.name] == "sequence" and dim in _unbatched_dims(other):
            return other.name
    return None


def forward_slots(
    spec: LossSpec, target_mode: TargetMode = "index"
) -> tuple[Slot, ...]:
    """The slots of the loss's ``forward`` tensors, in torch's order."""
    roles = {
        arg.name: _forward_role(i, arg, target_mode, spec)
        for i, arg in enumerate(spec.forward)
    }
    slots = tuple(
        Slot(
            name=arg.name,
            role=roles[arg.name],
            kind=_forward_kind(arg, target_mode),
            optional=False,
            doc=arg.doc,
            shape_text=arg.shape,
            fill=_fill(arg.name),
            hint=_hint(arg, roles[arg.name]),
            counts=_counts(spec, arg, roles) if roles[arg.name] == "scalar" else None,
        )
        for arg in spec.forward
    )
    if target_mode != KEPT_CLASS_INDICES or target_mode not in stored_target_modes(
        spec
    ):
        return slots
    kept = target_name(spec)
    return tuple(
        replace(slot, role="rows", kind="index", hint=_HINTS["index"])
        if slot.name == kept
        else slot
        for slot in slots
    )


def _param_role(param: ParamSpec, linear: bool) -> Role:
    dims = shape_dims(param.shape)
    if dims == ("C", "in_features"):
        return "matrix"
    if dims == ("C",):
        return "outputs" if linear else "classes"
    return "grid"


def param_slots(spec: LossSpec) -> tuple[Slot, ...]:
    """The slots of the loss's tensor arguments (``weight``, ...).

    Optional ones can be switched off (``None``); a required one (the weight
    of LinearCrossEntropyLoss's layer) is always passed.
    """
    linear = linear_outputs(spec)
    return tuple(
        Slot(
            name=p.name,
            role=_param_role(p, linear),
            kind="float",
            optional=not p.required,
            doc=p.doc,
            shape_text=p.shape,
            fill=_fill(p.name),
        )
        for p in spec.params
        if p.kind == "tensor"
    )


def shape_for(
    role: Role, rows: int, columns: int, class_dim: bool, length: int = 1
) -> tuple[int, ...]:
    """The array shape of a slot with ``role`` for ``N = rows``, ``C = columns``.

    ``length`` is the ``S`` of a ``"sequence"``, or the ``K`` outputs of a
    linear layer (``"matrix"``, ``"outputs"``, ``"row_outputs"``).
    """
    if role == "scalar":
        return ()
    if role in ("sequence", "outputs"):
        return (length,)
    if role == "matrix":
        return (length, columns)
    if role == "row_outputs":
        return (rows, length)
    if role == "rows":
        return (rows,)
    if role == "classes":
        return (columns,)
    if columns == 1 and not class_dim:
        return (rows,)
    return (rows, columns)


def as_table(array: Array, role: Role) -> Array:
    """A 2-D view of ``array`` for a grid widget (writes go through to it).

    Vectors in the ``"classes"`` and ``"sequence"`` roles are one row; other
    vectors one column; a scalar is one cell; a ``"matrix"`` (a linear
    layer's ``(K, in_features)`` weight) is shown transposed, ``(in_features,
    K)``, so that the grid times it gives the logits;
    arrays with more than two dimensions show their trailing dimensions
    flattened into columns.
    """
    if array.ndim == 0:
        return array.reshape(1, 1)
    if array.ndim == 1:
        across = role in ("classes", "sequence", "outputs")
        return array.reshape(1, -1) if across else array.reshape(-1, 1)
    if array.ndim == 2:
        # a linear layer's weight (K, in_features) shows as Wᵀ: x (N, in) · Wᵀ = z
        return array.T if role == "matrix" else array
    return array.reshape(array.shape[0], -1)


def empty_like_role(
    role: Role, kind: ValueKind, shape: tuple[int, ...], fill: float
) -> Array:
    """A new array for a slot, filled with ``fill``."""
    dtype = np.int64 if kind == "index" else np.float64
    return np.full(shape, fill, dtype=dtype)
