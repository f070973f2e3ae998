"""The current numbers under every related loss at once (no Qt).

Binary data (logits and 0/1 targets) is compared under BCEWithLogitsLoss,
BCELoss∘sigmoid, MultiLabelSoftMarginLoss (all three equal), focal loss and
their softmax and margin cousins; class-index data under CrossEntropyLoss,
NLLLoss∘log_softmax, label smoothing, probability targets, KL divergence,
Poly-1, the multi-class hinge and per-class sigmoid losses; regression data
under L1, MSE, SmoothL1, Huber and log-cosh. Each variant is a document made
with :func:`~lossgui.session.convert.switch_loss` and evaluated by the
engine, so every number is :func:`lossgui.engine.compute`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.registry import LOSSES
from lossgui.session.call_text import call_text
from lossgui.session.convert import softmax_like, switch_loss, switch_target_mode
from lossgui.session.document import SessionDocument
from lossgui.session.layout import target_name
from lossgui.session.sgd import sgd_step

__all__ = ["CompareRow", "Comparison", "compare", "data_kind", "ranks"]

Array = npt.NDArray[Any]
Tweak = Callable[[SessionDocument], None]


@dataclass(frozen=True)
class CompareRow:
    """One loss applied to the current numbers.

    Attributes
    ----------
    label : str
        How the row reads (``"BCELoss ∘ sigmoid"``).
    loss : str
        The torch loss name.
    call : str
        The PyTorch call that gives this row's value.
    value : float
        The reduced value (NaN when torch raises).
    per_sample : ndarray
        The unreduced loss averaged within each sample (row), shape ``(N,)``.
    ranks : ndarray
        Each sample's rank by ``per_sample``: 1 is the hardest.
    grad_norm : ndarray
        ``‖∂L/∂z_n‖`` per sample: how far one gradient step moves its logits.
    change : ndarray
        Each sample's loss after one SGD step (learning rate ``lr``) minus
        before: how much this loss improves easy and hard samples.
    error : str or None
        Torch's error for this variant, if any.
    current : bool
        Whether this row is the session's own loss and settings.
    """

    label: str
    loss: str
    call: str
    value: float
    per_sample: Array
    ranks: Array
    grad_norm: Array
    change: Array
    error: str | None = None
    current: bool = False


@dataclass(frozen=True)
class Comparison:
    """Every row, the kind of data compared, the common reduction and ``lr``."""

    kind: str
    reduction: str
    samples: int
    rows: tuple[CompareRow, ...]
    lr: float = 1.0


def data_kind(doc: SessionDocument) -> str:
    """``"binary"``, ``"multiclass"``, ``"regression"`` or ``"other"``."""
    spec = doc.spec
    if doc.loss in _REGRESSION:
        return "regression"
    if spec.family == "binary" and doc.loss != "SoftDiceLoss":
        return "binary"
    name = target_name(spec)
    if softmax_like(spec) and name is not None and doc.columns >= 2:
        kinds = {a.kind for a in spec.forward}
        if kinds & {"index", "class_target"} or doc.loss == "KLDivLoss":
            return "multiclass"
    return "other"


def ranks(values: Array) -> Array:
    """Rank of each value, largest first (1-based; NaN ranks last)."""
    v = np.asarray(values, dtype=np.float64)
    order = np.argsort(np.where(np.isnan(v), np.inf, -v), kind="stable")
    out = np.empty(v.size, dtype=np.int64)
    out[order] = np.arange(1, v.size + 1)
    return out


def _set(**params: Any) -> Tweak:
    def tweak(doc: SessionDocument) -> None:
        for key, value in params.items():
            doc.set_setting(f"param.{key}" if key != "input_mode" else key, value)

    return tweak


def _signs(doc: SessionDocument) -> None:
    name = target_name(doc.spec)
    if name is not None:
        doc.tensors[name] = 2 * doc.tensors[name] - 1


def _probability(doc: SessionDocument) -> None:
    doc.assign(switch_target_mode(doc, "probability"))


_BINARY: tuple[tuple[str, str, Tweak | None], ...] = (
    ("BCEWithLogitsLoss", "BCEWithLogitsLoss", None),
    ("BCELoss ∘ σ", "BCELoss", _set(input_mode="logits")),
    ("MultiLabelSoftMargin", "MultiLabelSoftMarginLoss", None),
    ("focal (α=0.25, γ=2)", "sigmoid_focal_loss", None),
    ("SoftMargin on 2y − 1", "SoftMarginLoss", _signs),
    ("CE on [0, z]", "CrossEntropyLoss", None),
)
_MULTICLASS: tuple[tuple[str, str, Tweak | None], ...] = (
    ("CrossEntropyLoss", "CrossEntropyLoss", _set(label_smoothing=0.0)),
    ("NLLLoss ∘ log_softmax", "NLLLoss", _set(input_mode="logits")),
    (
        "CE, smoothing 0.1",
        "CrossEntropyLoss",
        _set(label_smoothing=0.1),
    ),
    ("CE on one-hot probabilities", "CrossEntropyLoss", _probability),
    ("KLDiv vs one-hot", "KLDivLoss", _set(input_mode="logits")),
    ("Poly-1 (ε=1)", "Poly1CrossEntropyLoss", None),
    ("MultiMargin (hinge)", "MultiMarginLoss", None),
    ("BCE per class (one-hot)", "BCEWithLogitsLoss", None),
    ("focal per class (one-hot)", "sigmoid_focal_loss", None),
)
_REGRESSION = ("L1Loss", "MSELoss", "SmoothL1Loss", "HuberLoss", "LogCoshLoss")


def _variants(kind: str) -> tuple[tuple[str, str, Tweak | None], ...]:
    if kind == "binary":
        return _BINARY
    if kind == "multiclass":
        return _MULTICLASS
    if kind == "regression":
        return tuple((name, name, None) for name in _REGRESSION)
    return ()


def _per_row(array: Array, rows: int, total: bool) -> Array:
    """The unreduced loss per sample: averaged (or, for KL, summed) within a row."""
    a = np.asarray(array, dtype=np.float64)
    if a.ndim == 0:
        return np.full(rows, float(a)) if rows == 1 else np.full(rows, np.nan)
    if a.shape[0] != rows:
        return np.full(rows, np.nan)
    if a.ndim == 1:
        return a
    flat = a.reshape(rows, -1)
    out: Array = flat.sum(axis=1) if total else flat.mean(axis=1)
    return out


def _losses(doc: SessionDocument) -> Array | None:
    evaluation = doc.evaluate()
    if evaluation.result is None:
        return None
    total = doc.loss == "KLDivLoss"
    return _per_row(evaluation.result.loss.elementwise, doc.rows, total)


def _row(label: str, doc: SessionDocument, current: bool, lr: float) -> CompareRow:
    with np.errstate(all="ignore"):
        return _row_numbers(label, doc, current, lr)


def _row_numbers(
    label: str, doc: SessionDocument, current: bool, lr: float
) -> CompareRow:
    evaluation = doc.evaluate()
    rows = doc.rows
    nan = np.full(rows, np.nan)
    if evaluation.result is None:
        error = evaluation.error.torch_text if evaluation.error is not None else None
        return CompareRow(
            label,
            doc.loss,
            call_text(evaluation),
            np.nan,
            nan,
            ranks(nan),
            nan,
            nan,
            error,
            current,
        )
    loss = evaluation.result.loss
    per_sample = _per_row(loss.elementwise, rows, doc.loss == "KLDivLoss")
    grad = np.asarray(evaluation.result.grad, dtype=np.float64)
    norms = np.sqrt(np.sum(grad.reshape(rows, -1) ** 2, axis=1)) if grad.ndim else grad
    value = float(np.asarray(loss.value)) if np.ndim(loss.value) == 0 else loss.scalar
    after = _losses(sgd_step(doc, lr))
    change = nan if after is None else after - per_sample
    return CompareRow(
        label,
        doc.loss,
        call_text(evaluation),
        value,
        per_sample,
        ranks(per_sample),
        np.asarray(norms).reshape(-1)[:rows],
        change,
        None,
        current,
    )


def compare(doc: SessionDocument, lr: float = 1.0) -> Comparison:
    """The session's numbers under every related loss.

    The first row is the session as it is; the others use the same numbers
    (converted where the loss needs another target form) and the session's
    reduction (``'mean'`` when it is ``'none'``; ``'batchmean'`` for
    KLDivLoss's mean). Variants identical to the session are left out.
    ``lr`` is the learning rate of the one-step preview (``change``).
    """
    with np.errstate(all="ignore"):  # ±1e308 and NaN are the user's to explore
        return _compare(doc, lr)


def _compare(doc: SessionDocument, lr: float) -> Comparison:
    kind = data_kind(doc)
    reduction = doc.reduction if doc.reduction in ("mean", "sum") else "mean"
    rows = [_row(f"{doc.loss} (session)", doc, True, lr)]
    seen = {(rows[0].call, doc.target_mode)}
    for label, name, tweak in _variants(kind):
        variant = switch_loss(doc, name)
        if name == "KLDivLoss" and reduction == "mean":
            variant.reduction = "batchmean"
        elif reduction in LOSSES[name].reductions:
            variant.reduction = reduction
        if tweak is not None:
            tweak(variant)
        key = (call_text(variant.evaluate()), variant.target_mode)
        if key in seen:
            continue
        seen.add(key)
        row = _row(label, variant, False, lr)
        rows.append(row)
    return Comparison(kind, reduction, doc.rows, tuple(rows), lr)
