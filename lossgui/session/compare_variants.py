"""The related losses of a session, each as a document on the session's own data.

Every :class:`Variant` is built here from the session's numbers, converted
the way its note says, never from a loss's default example:

- binary data: the logits ``z`` (or, for probabilities in raw mode, their
  ``logit(p)``: a row whose probabilities have no finite logit says why it is
  absent), 0/1 or soft targets ``y``;
- class data: the logits (log-probabilities in raw mode, which log_softmax
  leaves unchanged) with class indices, or with probability targets (soft
  targets stay soft: losses that need indices say so instead of taking the
  argmax);
- regression data: the predictions and targets as they are.

Optional tensors (``weight``, ``pos_weight``) go to the variants whose
argument of the same name has the same shape; the note says which were left
out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.registry import LOSSES
from lossgui.i18n import translate
from lossgui.session.convert import new_document
from lossgui.session.document import SessionDocument
from lossgui.session.examples import default_slot_array
from lossgui.session.grid_ops import one_hot
from lossgui.session.layout import (
    TargetMode,
    has_class_dim,
    param_slots,
    shape_for,
    target_name,
)

__all__ = ["REGRESSION", "Variant", "binary_variants", "class_variants"]

Array = npt.NDArray[Any]
REGRESSION = ("L1Loss", "MSELoss", "SmoothL1Loss", "HuberLoss", "LogCoshLoss")


@dataclass(frozen=True)
class Variant:
    """One related loss on the session's data.

    Attributes
    ----------
    label : str
        How the row reads (``"BCELoss ∘ σ"``).
    loss : str
        The torch loss name.
    doc : SessionDocument or None
        The document to evaluate; ``None`` when the row is absent.
    note : str
        What was done to the session's data for this row, or why it is absent.
    """

    label: str
    loss: str
    doc: SessionDocument | None
    note: str

    @property
    def absent(self) -> bool:
        """Whether this loss cannot be applied to the session's data."""
        return self.doc is None


def _floats(array: Array) -> npt.NDArray[np.float64]:
    return np.asarray(array, dtype=np.float64)


def make_variant(
    session: SessionDocument,
    label: str,
    name: str,
    tensors: tuple[Array, Array],
    note: str,
    *,
    target_mode: TargetMode = "index",
    input_mode: str = "logits",
    params: dict[str, Any] | None = None,
    reduction: str = "mean",
) -> Variant:
    """A variant of loss ``name`` on ``tensors`` (first tensor, target).

    The session's enabled optional tensors are carried where the new loss
    has an argument of the same name and shape; the others are named in the
    note.
    """
    doc = new_document(name, target_mode)
    spec = doc.spec
    target = target_name(spec)
    assert target is not None
    doc.tensors = {spec.forward[0].name: tensors[0], target: tensors[1]}
    doc.dtype = session.dtype
    doc.input_mode = "raw" if input_mode == "raw" else "logits"
    doc.params.update(params or {})
    if name == "KLDivLoss" and reduction == "mean":
        reduction = "batchmean"
    doc.reduction = reduction if reduction in spec.reductions else "mean"
    rows, columns = doc.rows, doc.columns
    class_dim = has_class_dim(spec)
    carried = set()
    for slot in param_slots(spec):
        shape = shape_for(slot.role, rows, columns, class_dim)
        kept = session.tensor_params.get(slot.name)
        if kept is not None and session.enabled.get(slot.name) and kept.shape == shape:
            doc.tensor_params[slot.name] = kept.copy()
            doc.enabled[slot.name] = True
            carried.add(slot.name)
        else:
            doc.tensor_params[slot.name] = default_slot_array(
                slot, rows, columns, class_dim
            )
            doc.enabled[slot.name] = False
    left = [n for n, on in session.enabled.items() if on and n not in carried]
    if left:
        without = translate("compare", "without {tensors}").format(
            tensors=", ".join(left)
        )
        note = _join(note, without)
    return Variant(label, name, doc, note)


def _absent(label: str, name: str, reason: str) -> Variant:
    return Variant(label, name, None, reason)


# ------------------------------------------------------------------- binary
def _binary_logits(session: SessionDocument) -> tuple[Array | None, str]:
    """The session's logits, or ``logit(p)`` of its probabilities, and a note.

    Probabilities of exactly 0 or 1 (or outside ``[0, 1]``) have no finite
    logit: then ``None`` and the reason, naming the first such element.
    """
    grid = _floats(session.tensors[session.first_name])
    if not (session.input_mode == "raw" and session.spec.activation == "sigmoid"):
        return grid, ""
    with np.errstate(all="ignore"):
        outside = ~((grid > 0) & (grid < 1))
        if np.any(outside):
            where = tuple(int(i) for i in np.argwhere(outside)[0])
            value = float(grid[where])
            return None, translate(
                "compare",
                "p = {value} at {where} has no finite logit "
                "(BCELoss clamps its log at −100; the logit losses cannot)",
            ).format(value=f"{value:g}", where=list(where))
        how = translate("compare", "on logit(p) of the probabilities")
        return np.log(grid) - np.log1p(-grid), how


def binary_variants(session: SessionDocument, reduction: str) -> list[Variant]:
    """BCE and its relatives on the session's binary data."""
    target_key = target_name(session.spec)
    assert target_key is not None
    y = _floats(session.tensors[target_key])
    z, how = _binary_logits(session)
    hard = bool(np.all((y == 0) | (y == 1)))
    probabilities = session.input_mode == "raw" and session.spec.activation == "sigmoid"
    out: list[Variant] = []

    def add(
        label: str, name: str, grid: Array, target: Array, note: str, **kw: Any
    ) -> None:
        out.append(
            make_variant(
                session, label, name, (grid, target), note, reduction=reduction, **kw
            )
        )

    soft_margin = translate("compare", "SoftMargin on 2y − 1")
    ce_pair = translate("compare", "CE on [0, z]")
    if z is None:
        for label, name in (
            ("BCEWithLogitsLoss", "BCEWithLogitsLoss"),
            ("MultiLabelSoftMargin", "MultiLabelSoftMarginLoss"),
            ("focal (α=0.25, γ=2)", "sigmoid_focal_loss"),
            (soft_margin, "SoftMarginLoss"),
            (ce_pair, "CrossEntropyLoss"),
        ):
            out.append(_absent(label, name, how))
        return out
    add("BCEWithLogitsLoss", "BCEWithLogitsLoss", z, y, how)
    if not probabilities:
        add("BCELoss ∘ σ", "BCELoss", z, y, "", input_mode="logits")
    column = z[:, np.newaxis] if z.ndim == 1 else z
    add(
        "MultiLabelSoftMargin",
        "MultiLabelSoftMarginLoss",
        column,
        y.reshape(column.shape),
        how or (translate("compare", "one class per row") if z.ndim == 1 else ""),
    )
    add("focal (α=0.25, γ=2)", "sigmoid_focal_loss", z, y, how)
    if hard:
        add(
            soft_margin,
            "SoftMarginLoss",
            z,
            2 * y - 1,
            _join(how, translate("compare", "targets 2y − 1")),
        )
    else:
        out.append(
            _absent(
                soft_margin,
                "SoftMarginLoss",
                translate("compare", "needs ±1 targets; these are soft"),
            )
        )
    if z.ndim == 2 and z.shape[1] > 1:
        out.append(
            _absent(
                ce_pair,
                "CrossEntropyLoss",
                translate("compare", "several labels per row: no single class"),
            )
        )
        return out
    flat_z, flat_y = z.reshape(-1), y.reshape(-1)
    pair = np.stack([np.zeros_like(flat_z), flat_z], axis=1)
    if hard:
        add(
            ce_pair,
            "CrossEntropyLoss",
            pair,
            flat_y.astype(np.int64),
            _join(how, translate("compare", "class = y")),
        )
    else:
        soft = np.stack([1 - flat_y, flat_y], axis=1)
        add(
            ce_pair,
            "CrossEntropyLoss",
            pair,
            soft,
            _join(how, translate("compare", "probability targets [1 − y, y]")),
            target_mode="probability",
        )
    return out


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


# -------------------------------------------------------------------- class
def _class_data(session: SessionDocument) -> tuple[Array, Array, bool, str]:
    """The logits, the target (indices or probabilities), whether soft, a note."""
    grid = _floats(session.tensors[session.first_name])
    note = ""
    if session.input_mode == "raw" and session.spec.activation == "log_softmax":
        note = translate(
            "compare",
            "log-probabilities as logits (log_softmax leaves them unchanged)",
        )
    key = target_name(session.spec)
    assert key is not None
    target = session.tensors[key]
    if session.slot(key).kind == "index":
        return grid, np.asarray(target, dtype=np.int64).reshape(-1), False, note
    soft = _floats(target)
    if session.loss == "KLDivLoss" and session.params.get("log_target"):
        soft = np.exp(soft)
    return grid, soft, True, note


def class_variants(session: SessionDocument, reduction: str) -> list[Variant]:
    """Cross-entropy and its relatives on the session's class data."""
    z, target, soft, how = _class_data(session)
    classes = z.shape[1]
    params: dict[str, Any] = {}
    if "ignore_index" in session.params and not soft:
        params["ignore_index"] = int(session.params["ignore_index"])
    out: list[Variant] = []

    def add(label: str, name: str, t: Array, note: str, **kw: Any) -> None:
        out.append(
            make_variant(
                session,
                label,
                name,
                (z, t),
                _join(how, note),
                reduction=reduction,
                **kw,
            )
        )

    def needs_indices(label: str, name: str) -> None:
        reason = translate(
            "compare", "needs class indices; the targets are probabilities"
        )
        out.append(_absent(label, name, reason))

    mode: TargetMode = "probability" if soft else "index"
    soft_note = translate("compare", "probability targets") if soft else ""
    no_one_hot = translate("compare", "an ignored target has no one-hot row")
    ce_one_hot = translate("compare", "CE on one-hot probabilities")
    add(
        "CrossEntropyLoss",
        "CrossEntropyLoss",
        target,
        soft_note,
        target_mode=mode,
        params={**params, "label_smoothing": 0.0},
    )
    if soft:
        needs_indices("NLLLoss ∘ log_softmax", "NLLLoss")
    else:
        add("NLLLoss ∘ log_softmax", "NLLLoss", target, "", params=params)
    add(
        translate("compare", "CE, smoothing 0.1"),
        "CrossEntropyLoss",
        target,
        soft_note,
        target_mode=mode,
        params={**params, "label_smoothing": 0.1},
    )
    ignore = params.get("ignore_index", -100)
    ignored = not soft and bool(
        np.any((target < 0) | (target >= classes) | (target == ignore))
    )
    if soft:
        probs, what = target, translate("compare", "the target probabilities")
    elif ignored:
        probs, what = None, ""
    else:
        probs, what = one_hot(target, classes), translate("compare", "one-hot targets")
    if not soft:
        if probs is None:
            out.append(_absent(ce_one_hot, "CrossEntropyLoss", no_one_hot))
        else:
            add(
                ce_one_hot,
                "CrossEntropyLoss",
                probs,
                what,
                target_mode="probability",
            )
    kl_label = (
        translate("compare", "KLDiv vs the targets")
        if soft
        else translate("compare", "KLDiv vs one-hot")
    )
    if probs is None:
        out.append(_absent(kl_label, "KLDivLoss", no_one_hot))
    else:
        add(
            kl_label,
            "KLDivLoss",
            probs,
            _join("log_softmax(z)", what),
            input_mode="logits",
        )
    if soft:
        needs_indices("Poly-1 (ε=1)", "Poly1CrossEntropyLoss")
        needs_indices("MultiMargin (hinge)", "MultiMarginLoss")
    else:
        counted = (
            translate("compare", "counts the ignore_index targets too")
            if ignored
            else ""
        )
        add("Poly-1 (ε=1)", "Poly1CrossEntropyLoss", target, counted)
        add("MultiMargin (hinge)", "MultiMarginLoss", target, counted)
    per_class = translate("compare", "the targets") if soft else "one-hot"
    for label, name in (
        (
            translate("compare", "BCE per class ({targets})").format(targets=per_class),
            "BCEWithLogitsLoss",
        ),
        (
            translate("compare", "focal per class ({targets})").format(
                targets=per_class
            ),
            "sigmoid_focal_loss",
        ),
    ):
        if probs is None:
            out.append(_absent(label, name, no_one_hot))
        else:
            add(label, name, probs, what)
    return out


def regression_variants(session: SessionDocument, reduction: str) -> list[Variant]:
    """L1, MSE, SmoothL1, Huber and log-cosh on the session's predictions."""
    key = target_name(session.spec)
    assert key is not None
    x = _floats(session.tensors[session.first_name])
    y = _floats(session.tensors[key])
    if y.shape != x.shape:
        y = np.broadcast_to(y, x.shape).copy()
    labels = {"SmoothL1Loss": "SmoothL1Loss (β=1)", "HuberLoss": "HuberLoss (δ=1)"}
    return [
        make_variant(
            session, labels.get(name, name), name, (x, y), "", reduction=reduction
        )
        for name in REGRESSION
        if name in LOSSES
    ]
