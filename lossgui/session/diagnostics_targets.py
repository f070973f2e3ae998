"""Diagnostics for targets and weights.

Class indices where one-hot rows belong, labels out of range, an
``ignore_index`` that is a real class, and weights whose shape broadcasts in
a way that is easy to misread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lossgui.i18n import translate
from lossgui.session.findings import SIGMOID_LOSSES, Finding, Fix
from lossgui.session.grid_ops import one_hot
from lossgui.session.layout import KEPT_CLASS_INDICES, target_name

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument
    from lossgui.session.evaluation import Evaluation

__all__ = ["TARGET_DETECTORS"]

Array = npt.NDArray[Any]
_BINARY = (*SIGMOID_LOSSES, "BCELoss")
_SIZE_ERRORS = ("must be the same as input size", "that is different to the input size")
#: Growing the grid to fit a label is offered up to this many classes.
_MAX_CLASSES = 1000


_CHUNK = 1 << 16  # elements per step: no full-size float64 temporaries


def _whole(values: Array) -> bool:
    flat = values if values.ndim == 1 else values.reshape(-1)
    for start in range(0, flat.size, _CHUNK):
        part = flat[start : start + _CHUNK]
        if not (np.isfinite(part).all() and (part == np.floor(part)).all()):
            return False
    return True


def _binary_labels(doc: SessionDocument, ev: Evaluation) -> Array | None:
    """The class indices a binary loss's target holds, if it holds indices."""
    name = target_name(doc.spec)
    kept = doc.target_mode == KEPT_CLASS_INDICES  # switched here with its indices
    if (doc.loss not in _BINARY and not kept) or name is None:
        return None
    target = np.asarray(doc.tensors[name], dtype=np.float64)
    grid = doc.tensors[doc.first_name]
    size_error = ev.error is not None and any(t in str(ev.error) for t in _SIZE_ERRORS)
    size_error = size_error or kept
    if size_error and target.size == doc.rows and grid.ndim >= 1:
        labels = target.reshape(-1)
    elif target.ndim == 1:
        labels = target
    elif target.ndim == 2 and not target[:, 1:].any():
        labels = target[:, 0]
    else:
        return None
    if labels.size == 0:
        return None
    # the bounds first (no temporaries); the whole-number pass only if they pass;
    # kept indices stay indices whatever their value (out-of-range ones are
    # reported by the finding, not dropped)
    if not kept and (labels.min() < 0 or (not size_error and labels.max() <= 1)):
        return None
    if not _whole(labels):
        return None
    return labels.astype(np.int64)


def _class_indices_to_binary(doc: SessionDocument, ev: Evaluation) -> Finding | None:
    labels = _binary_labels(doc, ev)
    kept = doc.target_mode == KEPT_CLASS_INDICES
    if labels is None or labels.size != doc.rows:
        return None
    top = int(labels.max())
    if top >= _MAX_CLASSES and not kept:
        return None
    name = target_name(doc.spec)
    assert name is not None

    def fix(d: SessionDocument) -> None:
        columns = max(top + 1, d.columns)
        if columns != d.columns:
            d.resize(d.rows, columns)
        shape = d.tensors[d.first_name].shape
        d.tensors[name] = one_hot(labels, columns).reshape(shape)
        d.target_mode = "index"  # the target is the logits' shape again

    shown = ", ".join(str(v) for v in labels[:6]) + ("…" if labels.size > 6 else "")
    detail = translate(
        "diagnostics",
        "{loss} wants one 0/1 target per logit, but the target holds class "
        "indices ({shown}).",
    ).format(loss=doc.loss, shown=shown) + (
        f" torch: {ev.error.torch_text}." if ev.error is not None else ""
    )
    outside, why = _outside_columns(labels, doc.columns)
    if outside:
        detail += " " + translate(
            "diagnostics",
            "One-hot rows need every index in 0…{last} (C = {classes}); {outside} "
            "has no column: F.one_hot(target, num_classes={classes}) raises {why}",
        ).format(last=doc.columns - 1, classes=doc.columns, outside=outside, why=why)
    fixes: tuple[Fix, ...]
    if not outside:
        detail += " " + translate(
            "diagnostics", "One-hot them: class k becomes a row with a 1 in column k."
        )
        fixes = (
            Fix(
                translate("diagnostics", "One-hot the target"),
                translate("diagnostics", "Each class index becomes a one-hot row."),
                fix,
            ),
        )
    elif labels.min() >= 0 and top < _MAX_CLASSES:
        detail += " " + translate(
            "diagnostics", "Correct the index, or add classes up to it."
        )
        fixes = (
            Fix(
                translate(
                    "diagnostics",
                    "Add classes up to {top} (C = {classes}), then one-hot",
                ).format(top=top, classes=top + 1),
                translate(
                    "diagnostics",
                    "Grow the logits to one column per class (new logits are 0); "
                    "each class index becomes a one-hot row.",
                ),
                fix,
            ),
        )
    else:
        detail += " " + translate(
            "diagnostics", "Correct the index to offer the one-hot fix."
        )
        fixes = ()
    return Finding(
        "class-indices-to-binary",
        "error" if ev.error is not None else "warning",
        translate("diagnostics", "Class indices fed to {loss}").format(loss=doc.loss),
        detail,
        fixes,
    )


def _outside_columns(labels: Array, columns: int) -> tuple[str, str]:
    """The indices outside ``0…columns-1`` (text) and torch's one-hot error."""
    bad = labels[(labels < 0) | (labels >= columns)]
    if bad.size == 0:
        return "", ""
    values = np.unique(bad)
    text = ", ".join(str(int(v)) for v in values[:6]) + ("…" if values.size > 6 else "")
    why = (
        "RuntimeError: Class values must be non-negative."
        if values[0] < 0
        else "RuntimeError: Class values must be smaller than num_classes."
    )
    return text, why


def _index_target(doc: SessionDocument) -> str | None:
    """The class-index target of a class-index loss (not kept binary ones)."""
    name = target_name(doc.spec)
    if doc.target_mode == KEPT_CLASS_INDICES:
        return None  # a binary loss: torch's size error, no indexing with them
    if name is None or doc.slot(name).kind != "index" or doc.slot(name).role != "rows":
        return None
    return name


def _grow_classes(doc: SessionDocument, classes: int) -> None:
    """``classes`` classes: more logit columns, or a linear layer's outputs."""
    if doc.classes != doc.columns:
        doc.resize_outputs(classes)
    else:
        doc.resize(doc.rows, classes)


def _labels_out_of_range(doc: SessionDocument, _ev: Evaluation) -> Finding | None:
    name = _index_target(doc)
    classes = doc.classes
    if name is None or classes < 1:
        return None
    labels = np.asarray(doc.tensors[name]).reshape(-1)
    ignore = doc.params.get("ignore_index")
    if ignore is None and "ignore_index" in doc.params:
        ignore = -100  # torch's None: -100 for class indices
    valid = (labels >= 0) & (labels < classes)
    bad = labels[~valid & (labels != ignore)] if ignore is not None else labels[~valid]
    if bad.size == 0:
        return None
    fixes = []
    top = int(labels.max())
    if top >= classes and top < _MAX_CLASSES:
        fixes.append(
            Fix(
                translate(
                    "diagnostics", "Add classes up to {top} (C = {classes})"
                ).format(top=top, classes=top + 1),
                translate(
                    "diagnostics",
                    "Grow the logits to one column per class; new logits are 0.",
                ),
                lambda d: _grow_classes(d, top + 1),
            )
        )
    negative = np.unique(bad[bad < 0])
    if negative.size == 1 and "ignore_index" in doc.params:
        value = int(negative[0])
        fixes.append(
            Fix(
                translate(
                    "diagnostics", "Ignore label {value} (ignore_index = {value})"
                ).format(value=value),
                translate(
                    "diagnostics",
                    "Samples labelled {value} are skipped, as -1 means elsewhere.",
                ).format(value=value),
                lambda d: d.set_setting("param.ignore_index", value),
            )
        )
    return Finding(
        "labels-out-of-range",
        "error",
        translate("diagnostics", "Class labels outside 0…{last}").format(
            last=classes - 1
        ),
        translate(
            "diagnostics",
            "The target holds {labels} but the logits have C = {classes} columns; "
            "torch raises IndexError: Target {first} is out of bounds.",
        ).format(
            labels=", ".join(str(int(v)) for v in bad[:6]),
            classes=classes,
            first=int(bad[0]),
        ),
        tuple(fixes),
    )


def _ignore_index_is_a_class(doc: SessionDocument, _ev: Evaluation) -> Finding | None:
    name = _index_target(doc)
    ignore = doc.params.get("ignore_index")
    if name is None or ignore is None or not 0 <= int(ignore) < doc.columns:
        return None
    count = int(np.count_nonzero(np.asarray(doc.tensors[name]) == ignore))
    return Finding(
        "ignore-index-is-a-class",
        "warning" if count else "hint",
        translate(
            "diagnostics", "ignore_index = {ignore} is also class {ignore}"
        ).format(ignore=ignore),
        translate(
            "diagnostics",
            "{count} sample(s) labelled {ignore} are silently left out of the loss, "
            "its gradient and the mean's divisor. The default, -100, matches no class.",
        ).format(count=count, ignore=ignore),
        (
            Fix(
                translate("diagnostics", "Reset ignore_index to -100"),
                translate("diagnostics", "No class is ignored."),
                lambda d: d.set_setting("param.ignore_index", -100),
            ),
        ),
    )


def _per_class_length(doc: SessionDocument) -> Finding | None:
    """A per-class vector (``pos_weight``, class ``weight``) of the wrong length."""
    for slot in doc.slots()[len(doc.spec.forward) :]:
        if slot.role != "classes" or not doc.enabled.get(slot.name):
            continue
        values = np.asarray(doc.array(slot.name))
        if values.size == doc.columns:
            continue
        name, columns = slot.name, doc.columns

        def reset(d: SessionDocument, name: str = name, columns: int = columns) -> None:
            d.tensor_params[name] = np.ones(columns)

        return Finding(
            "surprising-broadcast",
            "error",
            translate(
                "diagnostics", "{name} has {size} values for C = {classes} classes"
            ).format(name=name, size=values.size, classes=columns),
            translate(
                "diagnostics",
                "torch lines {name} up with the last dimension (the classes), not the "
                "samples: {size} values cannot scale {classes} classes.",
            ).format(name=name, size=values.size, classes=columns),
            (
                Fix(
                    translate("diagnostics", "Reset {name} to {classes} ones").format(
                        name=name, classes=columns
                    ),
                    translate("diagnostics", "One value per class."),
                    reset,
                ),
            ),
        )
    return None


def _surprising_broadcast(doc: SessionDocument, _ev: Evaluation) -> Finding | None:
    per_class = _per_class_length(doc)
    if per_class is not None:
        return per_class
    grid = doc.tensors[doc.first_name]
    for slot in doc.slots()[len(doc.spec.forward) :]:
        if slot.role != "grid" or not doc.enabled.get(slot.name):
            continue
        weight = np.asarray(doc.array(slot.name), dtype=np.float64)
        if weight.shape == grid.shape or grid.ndim != 2 or weight.ndim != 1:
            continue
        rows, columns = grid.shape
        name = slot.name
        if weight.size not in (rows, columns):
            continue

        def per_row(d: SessionDocument, name: str = name, w: Array = weight) -> None:
            g = d.tensors[d.first_name]
            d.tensor_params[name] = np.broadcast_to(w[:, None], g.shape).copy()

        def per_column(d: SessionDocument, name: str = name, w: Array = weight) -> None:
            g = d.tensors[d.first_name]
            d.tensor_params[name] = np.broadcast_to(w[None, :], g.shape).copy()

        fixes = [
            Fix(
                translate("diagnostics", "Apply it per sample (rows)"),
                translate("diagnostics", "{name}[n] scales row n.").format(name=name),
                per_row,
            )
        ]
        if weight.size == columns:
            fixes.append(
                Fix(
                    translate("diagnostics", "Keep it per class (columns)"),
                    translate("diagnostics", "{name}[c] scales column c.").format(
                        name=name
                    ),
                    per_column,
                )
            )
        if weight.size == columns:
            detail = translate(
                "diagnostics",
                "A 1-D {name} scales the columns (classes), not the rows (samples): "
                "torch broadcasts from the last dimension. A per-sample weight needs "
                "shape ({rows}, 1).",
            )
        else:
            detail = translate(
                "diagnostics",
                "A 1-D {name} does not broadcast against the rows: torch raises a size "
                "error. A per-sample weight needs shape ({rows}, 1).",
            )
        return Finding(
            "surprising-broadcast",
            "warning" if weight.size == columns else "error",
            translate(
                "diagnostics", "{name} of shape ({size},) against input {shape}"
            ).format(name=name, size=weight.size, shape=tuple(grid.shape)),
            detail.format(name=name, rows=rows),
            tuple(fixes),
        )
    return None


#: Run in this order by :func:`lossgui.session.diagnostics.diagnose`.
TARGET_DETECTORS = (
    _class_indices_to_binary,
    _labels_out_of_range,
    _ignore_index_is_a_class,
    _surprising_broadcast,
)
