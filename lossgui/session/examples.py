"""The example each loss opens with, chosen from its metadata.

The numbers are the worked examples of the seed articles, so a student sees
the values they printed: the cat/dog batch for binary losses (BCEWithLogits,
``mean`` → 1.0828), the five-class batch for class-index losses
(CrossEntropyLoss → 0.7150), the two-image multi-label batch, the KL example
and the regression residuals. A loss with a label *sequence* (CTCLoss) opens
on one six-frame utterance over four classes (blank 0) whose target is
``[1, 2, 2]``: the repeated 2 needs a blank between its frames. Its length
scalars start at the grid's ``T`` and the sequence's ``S``. A loss that owns a
linear layer (LinearCrossEntropyLoss) opens on a tiny language-model head:
five tokens' hidden states (hidden size 4), an 8-word vocabulary's output
embedding as ``linear_weight`` and the next tokens as targets.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.registry import LossSpec, TensorArg
from lossgui.session.grid_ops import one_hot
from lossgui.session.layout import (
    Slot,
    TargetMode,
    forward_slots,
    has_class_dim,
    linear_outputs,
    param_slots,
    shape_for,
    target_name,
)

__all__ = [
    "CAT_DOG_LABELS",
    "CAT_DOG_LOGITS",
    "STARTUP_EXAMPLE",
    "STARTUP_LOSS",
    "default_forward_tensors",
    "default_param_tensors",
    "default_scalar_params",
    "default_slot_array",
]

Array = npt.NDArray[Any]

STARTUP_LOSS = "BCEWithLogitsLoss"
#: The bundled example file (stem) that holds the start-up document; the
#: window takes its title and article from it.
STARTUP_EXAMPLE = "000-bcewithlogits-cat-dog"
CAT_DOG_LOGITS = (-0.8, 0.7, 0.5)
CAT_DOG_LABELS = (1.0, 0.0, 0.0)
_FIVE_CLASS_LOGITS = (
    (0.1, -1.2, 0.3, 2.0, 0.5),
    (1.5, 0.2, -0.3, 0.0, 0.7),
    (-0.4, 0.9, 1.1, -2.0, 0.3),
)
_FIVE_CLASS_LABELS = (3, 0, 2)
_MULTILABEL_LOGITS = ((-0.8, 0.7, 0.5), (0.2, -0.4, 0.6))
_MULTILABEL_TARGETS = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0))
_KL_INPUT = ((0.5, 1.0, 0.8), (0.2, 0.4, 0.6))
_KL_TARGET = ((0.3, 0.4, 0.3), (0.1, 0.5, 0.4))
_SEQUENCE_LOGITS = (
    (0.2, 2.0, -0.5, 0.1),
    (0.5, 1.5, 0.3, -0.2),
    (0.1, 0.2, 1.8, -0.4),
    (1.6, -0.3, 0.4, 0.0),
    (0.0, -0.2, 2.1, 0.3),
    (1.2, 0.1, 0.5, -0.6),
)
_SEQUENCE_LABELS = (1, 2, 2)
#: The language-model head: hidden states (5 tokens, hidden 4), the output
#: embedding of an 8-word vocabulary, and each token's next token.
_LM_HIDDEN = (
    (0.5, -1.0, 0.3, 0.8),
    (1.2, 0.4, -0.6, 0.1),
    (-0.3, 0.9, 1.1, -0.5),
    (0.7, -0.2, 0.4, 1.3),
    (0.0, 1.0, -0.8, 0.6),
)
_LM_EMBEDDING = (
    (0.2, -0.1, 0.4, 0.3),
    (-0.5, 0.8, 0.1, -0.2),
    (0.9, 0.3, -0.4, 0.1),
    (0.1, -0.6, 0.7, 0.5),
    (-0.3, 0.2, 0.6, -0.8),
    (0.6, 0.5, -0.2, 0.4),
    (-0.7, -0.3, 0.9, 0.2),
    (0.4, 0.7, 0.3, -0.6),
)
_LM_NEXT_TOKENS = (3, 5, 6, 0, 1)
_REGRESSION_INPUT = (0.2, -0.5, 1.5, 3.0)
_REGRESSION_TARGET = (0.0, 0.0, 0.0, 1.0)


def _floats(data: object) -> npt.NDArray[np.float64]:
    return np.array(data, dtype=np.float64)


def _wants_signs(arg: TensorArg) -> bool:
    text = arg.doc.replace("\u2212", "-")
    return "-1" in text or "±1" in text


def _first_and_target(spec: LossSpec) -> tuple[Array, Array]:
    """The first grid and the target values (indices or floats) of the example."""
    kinds = {arg.kind for arg in spec.forward}
    if linear_outputs(spec):
        return _floats(_LM_HIDDEN), np.array(_LM_NEXT_TOKENS, dtype=np.int64)
    if any(slot.role == "sequence" for slot in forward_slots(spec)):
        return _floats(_SEQUENCE_LOGITS), np.array(_SEQUENCE_LABELS, dtype=np.int64)
    if kinds & {"index", "class_target", "label_list"}:
        return _floats(_FIVE_CLASS_LOGITS), np.array(_FIVE_CLASS_LABELS, dtype=np.int64)
    if spec.activation == "log_softmax":
        return _floats(_KL_INPUT), _floats(_KL_TARGET)
    if has_class_dim(spec):
        return _floats(_MULTILABEL_LOGITS), _floats(_MULTILABEL_TARGETS)
    if spec.family == "binary":
        return _floats(CAT_DOG_LOGITS), _floats(CAT_DOG_LABELS)
    return _floats(_REGRESSION_INPUT), _floats(_REGRESSION_TARGET)


def _signs(shape: tuple[int, ...]) -> Array:
    """Alternating ``1, -1, 1, ...`` labels of ``shape``."""
    count = int(np.prod(shape))
    return np.where(np.arange(count) % 2 == 0, 1.0, -1.0).reshape(shape)


def _target_array(
    slot: Slot, labels: Array, shape: tuple[int, ...], classes: int
) -> Array:
    """The example's labels in the form ``slot`` takes."""
    if labels.dtype.kind == "i":
        if slot.kind == "index" and slot.role in ("rows", "sequence"):
            return labels.copy()
        if slot.kind == "index":  # a label list: the class, then the -1 terminator
            out = np.full(shape, -1, dtype=np.int64)
            out.reshape(shape[0], -1)[:, 0] = labels
            return out
        return one_hot(labels, classes).reshape(shape)
    if slot.kind == "index":
        return np.zeros(shape, dtype=np.int64)
    if labels.shape == shape:
        return labels.copy()
    return np.resize(labels, shape).astype(np.float64)


def _other_input(first: Array, position: int, shape: tuple[int, ...]) -> Array:
    """A second or third input (``input2``, ``positive``, ``negative``).

    The first extra input lies near the first tensor, the next is the first
    tensor's rows reversed and halved, so a triplet example has a close
    positive and a negative near enough to cost something.
    """
    near = np.round(first * 0.8 + 0.1, 2)
    base = near if position % 2 == 0 else np.round(first[::-1] * 0.5, 2)
    return np.resize(base, shape).astype(np.float64)


def default_slot_array(
    slot: Slot, rows: int, columns: int, class_dim: bool, length: int = 1
) -> Array:
    """A neutral array for ``slot``: its fill value (1 for weights, 0 else).

    A length scalar holds what it counts: ``rows`` or the sequence ``length``.
    """
    shape = shape_for(slot.role, rows, columns, class_dim, length)
    dtype = np.int64 if slot.kind == "index" else np.float64
    if slot.counts is not None:
        return np.array(rows if slot.counts == "rows" else length, dtype=dtype)
    return np.full(shape, slot.fill, dtype=dtype)


def default_forward_tensors(
    spec: LossSpec, target_mode: TargetMode = "index"
) -> dict[str, Array]:
    """The example's forward tensors, keyed by torch's argument names."""
    first, labels = _first_and_target(spec)
    class_dim = has_class_dim(spec)
    rows = first.shape[0]
    columns = first.shape[1] if first.ndim == 2 else 1
    slots = forward_slots(spec, target_mode)
    label_name = target_name(spec)
    tensors: dict[str, Array] = {slots[0].name: first}
    extra = 0
    length = len(_LM_EMBEDDING) if linear_outputs(spec) else labels.shape[0]
    for slot in slots[1:]:
        shape = shape_for(slot.role, rows, columns, class_dim, length)
        arg = next(a for a in spec.forward if a.name == slot.name)
        if slot.name == label_name:
            if slot.kind == "float" and _wants_signs(arg):
                tensors[slot.name] = _signs(shape)
            else:
                classes = length if slot.role == "row_outputs" else columns
                tensors[slot.name] = _target_array(slot, labels, shape, classes)
        elif slot.kind == "float" and slot.name == "var":
            tensors[slot.name] = np.ones(shape, dtype=np.float64)
        elif slot.kind == "float":
            tensors[slot.name] = _other_input(first, extra, shape)
            extra += 1
        else:
            tensors[slot.name] = default_slot_array(
                slot, rows, columns, class_dim, length
            )
    return tensors


def default_param_tensors(
    spec: LossSpec, rows: int, columns: int, outputs: int | None = None
) -> dict[str, Array]:
    """Ones for every optional tensor argument (they start disabled).

    A linear layer's weight (``"matrix"``) is required: ``outputs`` rows
    (default: the example's vocabulary), the example's embedding when the
    shape is the example's, else ones.
    """
    class_dim = has_class_dim(spec)
    count = len(_LM_EMBEDDING) if outputs is None else outputs
    tensors = {
        slot.name: default_slot_array(slot, rows, columns, class_dim, count)
        for slot in param_slots(spec)
    }
    for slot in param_slots(spec):
        example = _floats(_LM_EMBEDDING)
        if slot.role == "matrix" and tensors[slot.name].shape == example.shape:
            tensors[slot.name] = example
    return tensors


def default_scalar_params(spec: LossSpec) -> dict[str, Any]:
    """Torch's defaults for the loss's non-tensor constructor arguments."""
    return {p.name: p.default for p in spec.params if p.kind != "tensor"}
