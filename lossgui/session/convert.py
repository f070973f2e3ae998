"""New documents, and carrying the user's numbers across a change of loss.

Switching loss keeps what still means the same thing:

- the logits grid, when its shape makes sense for the new loss. A binary
  vector ``z`` becomes the two-class grid ``[0, z]`` (softmax of it is
  ``[1 - σ(z), σ(z)]``, so CrossEntropyLoss on it equals BCEWithLogitsLoss on
  ``z``), and a two-class grid becomes ``z₁ - z₀`` the other way;
- the labels: class indices become one-hot rows and back (argmax), binary
  0/1 targets become indices. Class indices switched to a binary loss whose
  logits keep their classes (BCEWithLogitsLoss on ``(N, C)``) stay indices
  (:data:`KEPT_CLASS_INDICES`): torch refuses them with its size error, and
  the diagnostics offer the one-hot conversion;
- settings with the same name (reduction, ``ignore_index``, dtype, input
  mode) and optional tensors of the same name and shape.

When the numbers cannot be carried over, the new loss's example is used.
"""

from __future__ import annotations

import contextlib
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.registry import LOSSES, LossSpec
from lossgui.session.document import SessionDocument
from lossgui.session.examples import (
    STARTUP_LOSS,
    default_forward_tensors,
    default_param_tensors,
    default_scalar_params,
    default_slot_array,
)
from lossgui.session.grid_ops import argmax_labels, one_hot
from lossgui.session.layout import (
    KEPT_CLASS_INDICES,
    Slot,
    TargetMode,
    forward_slots,
    has_class_dim,
    linear_outputs,
    param_slots,
    shape_for,
    stored_target_modes,
    target_modes,
    target_name,
)

__all__ = [
    "new_document",
    "startup_document",
    "switch_loss",
    "switch_target_mode",
    "target_name",
]

Array = npt.NDArray[Any]


def new_document(name: str, target_mode: TargetMode = "index") -> SessionDocument:
    """A document for loss ``name`` holding its example and torch's defaults."""
    spec = LOSSES[name]
    mode: TargetMode = target_mode if target_mode in target_modes(spec) else "index"
    tensors = default_forward_tensors(spec, mode)
    first = tensors[spec.forward[0].name]
    rows = int(first.shape[0])
    columns = int(first.shape[1]) if first.ndim == 2 else 1
    params = default_param_tensors(spec, rows, columns)
    return SessionDocument(
        loss=name,
        reduction=spec.default_reduction,
        params=default_scalar_params(spec),
        tensors=tensors,
        tensor_params=params,
        enabled={slot.name: not slot.optional for slot in param_slots(spec)},
        target_mode=mode,
    )


def startup_document() -> SessionDocument:
    """The cat/dog batch: BCEWithLogitsLoss, mean, logits [-0.8, 0.7, 0.5]."""
    return new_document(STARTUP_LOSS)


def _labels(doc: SessionDocument, columns: int) -> Array | None:
    """The old document's targets as class indices, or None if they are not labels."""
    name = target_name(doc.spec)
    if name is None:
        return None
    target = doc.tensors[name]
    if doc.slot(name).kind == "index":
        return target.reshape(target.shape[0], -1)[:, 0].copy() if target.ndim else None
    if not np.all(np.isfinite(target)):
        return None
    if target.ndim == 1 and not np.all((target == 0) | (target == 1)):
        return None
    labels = argmax_labels(target)
    return labels if np.all(labels < columns) else None


def softmax_like(spec: LossSpec) -> bool:
    """Whether the loss reads a row of logits as one distribution over classes."""
    kinds = {arg.kind for arg in spec.forward}
    return (
        spec.activation == "log_softmax"
        or spec.family == "multiclass"
        or bool(kinds & {"index", "class_target", "label_list"})
    )


def _convert_grid(old: SessionDocument, spec: LossSpec) -> Array:
    """The old logits in the new loss's layout.

    A binary vector ``z`` becomes ``[0, z]`` for a softmax loss and the
    column ``(N, 1)`` for a per-class sigmoid loss (same value either way);
    the reverse conversions undo these.
    """
    grid = old.tensors[old.first_name].astype(np.float64)
    class_dim = has_class_dim(spec)
    if class_dim and grid.ndim == 1:
        if softmax_like(spec):
            return np.stack([np.zeros_like(grid), grid], axis=1)
        return grid[:, np.newaxis].copy()
    if not class_dim and old.class_dim and grid.ndim == 2:
        if grid.shape[1] == 2 and softmax_like(old.spec):
            return grid[:, 1] - grid[:, 0]
        if grid.shape[1] == 1:
            return grid[:, 0].copy()
    return grid.copy()


def _convert_target(
    old: SessionDocument, slot: Slot, shape: tuple[int, ...]
) -> Array | None:
    old_name = target_name(old.spec)
    if old_name is not None:
        same = old.tensors[old_name]
        if old.slot(old_name).kind == slot.kind and same.shape == shape:
            return same.copy()
        one_column = same.ndim + len(shape) == 3 and same.size == int(np.prod(shape))
        if old.slot(old_name).kind == slot.kind == "float" and one_column:
            return same.reshape(shape).copy()  # (N,) <-> (N, 1)
    columns = shape[1] if len(shape) == 2 else 2
    labels = _labels(old, columns)
    if labels is None or labels.shape[0] != shape[0]:
        return None
    if slot.kind == "index":
        if slot.role == "rows":
            return labels
        out = np.full(shape, -1, dtype=np.int64)
        out.reshape(shape[0], -1)[:, 0] = labels
        return out
    if len(shape) == 1:
        return (labels == 1).astype(np.float64) if np.all(labels <= 1) else None
    return one_hot(labels, shape[1])


def switch_loss(old: SessionDocument, name: str) -> SessionDocument:
    """A document for loss ``name`` carrying over ``old``'s numbers and settings."""
    spec = LOSSES[name]
    doc = new_document(name, old.target_mode)
    example_mode = doc.target_mode
    grid = _convert_grid(old, spec)  # once: both steps below read it
    if _keeps_class_indices(old, spec, grid):
        doc.target_mode = KEPT_CLASS_INDICES
    doc.dtype, doc.input_mode = old.dtype, old.input_mode
    if old.reduction in spec.reductions:
        doc.reduction = old.reduction
    for param in spec.params:
        if param.kind != "tensor" and param.name in old.params:
            with contextlib.suppress(ValueError, TypeError, KeyError):
                doc.params[param.name] = doc._coerce(param.name, old.params[param.name])
    carried = _carry_tensors(old, doc, grid)
    if carried is None:
        doc.target_mode = example_mode  # the example's own targets
        return doc
    doc.tensors = carried
    for slot in doc.slots()[len(spec.forward) :]:
        shape = shape_for(slot.role, doc.rows, doc.columns, doc.class_dim)
        kept = old.tensor_params.get(slot.name)
        if kept is not None and kept.shape == shape:
            doc.tensor_params[slot.name] = kept.copy()
            doc.enabled[slot.name] = old.enabled.get(slot.name, False)
        else:
            doc.tensor_params[slot.name] = default_slot_array(
                slot, doc.rows, doc.columns, doc.class_dim
            )
    return doc


def _keeps_class_indices(old: SessionDocument, spec: LossSpec, grid: Array) -> bool:
    """Whether ``old``'s class indices stay indices in loss ``spec``.

    True for a binary loss whose logits keep their ``C`` columns: its target
    must be the logits' shape, and the indices are shown as they are (torch's
    size error) rather than silently one-hot.
    """
    name = target_name(old.spec)
    if name is None or KEPT_CLASS_INDICES not in stored_target_modes(spec):
        return False
    slot = old.slot(name)
    if slot.kind != "index" or slot.role != "rows":
        return False
    return grid.ndim == 2 and grid.shape[1] >= 2


def _carry_tensors(
    old: SessionDocument, doc: SessionDocument, grid: Array
) -> dict[str, Array] | None:
    """The new forward tensors built from ``old``'s, or None to keep the example.

    ``grid`` is ``old``'s logits in the new loss's layout (:func:`_convert_grid`).
    """
    spec = doc.spec
    class_dim = has_class_dim(spec)
    rows = int(grid.shape[0])
    columns = int(grid.shape[1]) if grid.ndim == 2 else 1
    slots = forward_slots(spec, doc.target_mode)
    if slots[0].kind != "float" or (softmax_like(spec) and columns < 2):
        return None
    if any(slot.role in ("sequence", "scalar") for slot in (*slots, *old.slots())):
        return None  # a label sequence means nothing to other losses: the example
    if linear_outputs(spec) or linear_outputs(old.spec):
        return None  # hidden states are not logits, nor the other way: the example
    tensors: dict[str, Array] = {slots[0].name: grid}
    label_name = target_name(spec)
    for slot in slots[1:]:
        shape = shape_for(slot.role, rows, columns, class_dim)
        if slot.name == label_name:
            target = _convert_target(old, slot, shape)
            if target is None:
                return None
            tensors[slot.name] = target
            continue
        kept = old.tensors.get(slot.name)
        if (
            kept is not None
            and kept.shape == shape
            and old.slot(slot.name).kind == slot.kind
        ):
            tensors[slot.name] = kept.copy()
        else:
            tensors[slot.name] = default_slot_array(slot, rows, columns, class_dim)
    return tensors


def switch_target_mode(old: SessionDocument, mode: TargetMode) -> SessionDocument:
    """The same document with class-index targets turned into one-hot rows, or back."""
    doc = old.copy()
    if mode == old.target_mode or mode not in target_modes(doc.spec):
        return doc
    name = target_name(doc.spec)
    doc.target_mode = mode
    if name is None:
        return doc
    target = old.tensors[name]
    if mode == "probability":
        doc.tensors[name] = one_hot(target, doc.classes)
    else:
        doc.tensors[name] = argmax_labels(target)
    return doc
