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

Nothing here is written per loss: roles come from ``TensorArg.kind``,
``TensorArg.shape`` and ``ParamSpec.shape``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from lossgui.engine.registry import LossSpec, ParamSpec, TensorArg

__all__ = [
    "Role",
    "Slot",
    "TargetMode",
    "ValueKind",
    "as_table",
    "forward_slots",
    "has_class_dim",
    "param_slots",
    "shape_dims",
    "shape_for",
    "target_modes",
    "target_name",
]

Role = Literal["grid", "rows", "classes"]
ValueKind = Literal["float", "index"]
TargetMode = Literal["index", "probability"]
Array = npt.NDArray[Any]

_INDEX_KINDS = ("index", "length", "label_list")


@dataclass(frozen=True)
class Slot:
    """One editable tensor of the document.

    Attributes
    ----------
    name : str
        Torch's name for it (``"input"``, ``"target"``, ``"pos_weight"``).
    role : {"grid", "rows", "classes"}
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
    """

    name: str
    role: Role
    kind: ValueKind
    optional: bool
    doc: str
    shape_text: str
    fill: float = 0.0


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


def _forward_role(position: int, arg: TensorArg, target_mode: TargetMode) -> Role:
    if position == 0:
        return "grid"
    if arg.kind == "class_target":
        return "rows" if target_mode == "index" else "grid"
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


def forward_slots(
    spec: LossSpec, target_mode: TargetMode = "index"
) -> tuple[Slot, ...]:
    """The slots of the loss's ``forward`` tensors, in torch's order."""
    return tuple(
        Slot(
            name=arg.name,
            role=_forward_role(i, arg, target_mode),
            kind=_forward_kind(arg, target_mode),
            optional=False,
            doc=arg.doc,
            shape_text=arg.shape,
            fill=_fill(arg.name),
        )
        for i, arg in enumerate(spec.forward)
    )


def _param_role(param: ParamSpec) -> Role:
    return "classes" if shape_dims(param.shape) == ("C",) else "grid"


def param_slots(spec: LossSpec) -> tuple[Slot, ...]:
    """The slots of the loss's optional tensor arguments (``weight``, ...)."""
    return tuple(
        Slot(
            name=p.name,
            role=_param_role(p),
            kind="float",
            optional=True,
            doc=p.doc,
            shape_text=p.shape,
            fill=_fill(p.name),
        )
        for p in spec.params
        if p.kind == "tensor"
    )


def shape_for(role: Role, rows: int, columns: int, class_dim: bool) -> tuple[int, ...]:
    """The array shape of a slot with ``role`` for ``N = rows``, ``C = columns``."""
    if role == "rows":
        return (rows,)
    if role == "classes":
        return (columns,)
    if columns == 1 and not class_dim:
        return (rows,)
    return (rows, columns)


def as_table(array: Array, role: Role) -> Array:
    """A 2-D view of ``array`` for a grid widget (writes go through to it).

    Vectors in the ``"classes"`` role are one row; other vectors one column;
    arrays with more than two dimensions show their trailing dimensions
    flattened into columns.
    """
    if array.ndim == 0:
        return array.reshape(1, 1)
    if array.ndim == 1:
        return array.reshape(1, -1) if role == "classes" else array.reshape(-1, 1)
    if array.ndim == 2:
        return array
    return array.reshape(array.shape[0], -1)


def empty_like_role(
    role: Role, kind: ValueKind, shape: tuple[int, ...], fill: float
) -> Array:
    """A new array for a slot, filled with ``fill``."""
    dtype = np.int64 if kind == "index" else np.float64
    return np.full(shape, fill, dtype=dtype)
