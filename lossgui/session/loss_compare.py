"""The current numbers under every related loss at once (no Qt).

Binary data (logits or probabilities, 0/1 or soft targets) is compared under
BCEWithLogitsLoss, BCELoss∘sigmoid, MultiLabelSoftMarginLoss, focal loss and
their softmax and margin cousins; class data (class indices or probability
targets) under CrossEntropyLoss, NLLLoss∘log_softmax, label smoothing,
probability targets, KL divergence, Poly-1, the multi-class hinge and
per-class sigmoid losses; regression data under L1, MSE, SmoothL1, Huber and
log-cosh. Each row is a document built from the session's own numbers by
:mod:`lossgui.session.compare_variants` (its note says how) and evaluated by
the engine, so every value is :func:`lossgui.engine.compute`'s on that data.
A loss that cannot take the data is kept as an absent row saying why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.i18n import translate
from lossgui.session.call_text import call_text
from lossgui.session.compare_variants import (
    REGRESSION,
    Variant,
    binary_variants,
    class_variants,
    regression_variants,
)
from lossgui.session.convert import softmax_like
from lossgui.session.document import SessionDocument
from lossgui.session.evaluation import Evaluation
from lossgui.session.layout import batch_dropped, linear_outputs, target_name
from lossgui.session.sgd import sgd_step

__all__ = ["CompareRow", "Comparison", "agreeing", "compare", "data_kind", "ranks"]

Array = npt.NDArray[Any]


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
    note : str
        What was done to the session's data for this row; for an absent row,
        why the loss cannot take it.
    absent : bool
        Whether the loss cannot be applied to the data (no value).
    evaluation : Evaluation or None
        The evaluation behind the value (its inputs and keyword arguments).
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
    note: str = ""
    absent: bool = False
    evaluation: Evaluation | None = None


@dataclass(frozen=True)
class Comparison:
    """Every row, the kind of data compared, the common reduction and ``lr``.

    ``data`` says in words what was compared (``"probabilities with 0/1
    targets"``); ``has_change`` whether the rows hold the one-step change.
    """

    kind: str
    reduction: str
    samples: int
    rows: tuple[CompareRow, ...]
    lr: float = 1.0
    data: str = ""
    has_change: bool = True


def data_kind(doc: SessionDocument) -> str:
    """``"binary"``, ``"multiclass"``, ``"regression"`` or ``"other"``."""
    spec = doc.spec
    name = target_name(spec)
    if len(spec.forward) != 2 or name is None or batch_dropped(spec):
        return "other"
    if linear_outputs(spec):  # hidden states, not logits: nothing to compare on
        return "other"
    if doc.loss in REGRESSION:
        return "regression"
    if spec.family == "binary" and doc.loss != "SoftDiceLoss":
        same = doc.tensors[name].shape == doc.tensors[doc.first_name].shape
        return "binary" if same else "other"
    first = doc.tensors[doc.first_name]
    if softmax_like(spec) and first.ndim == 2 and doc.columns >= 2:
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


def _variants(doc: SessionDocument, kind: str, reduction: str) -> list[Variant]:
    if kind == "binary":
        return binary_variants(doc, reduction)
    if kind == "multiclass":
        return class_variants(doc, reduction)
    if kind == "regression":
        return regression_variants(doc, reduction)
    return []


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


def _row(
    label: str,
    doc: SessionDocument,
    current: bool,
    lr: float | None,
    note: str = "",
    evaluation: Evaluation | None = None,
) -> CompareRow:
    """The row of ``doc``; ``evaluation`` is ``doc.evaluate()`` if known already.

    ``lr=None`` leaves the one-step change out (NaN): it costs an SGD step
    and a second evaluation per row.
    """
    evaluation = doc.evaluate() if evaluation is None else evaluation
    with np.errstate(all="ignore"):
        return _row_numbers(label, doc, current, lr, note, evaluation)


def _absent_row(variant: Variant, rows: int) -> CompareRow:
    nan = np.full(rows, np.nan)
    return CompareRow(
        variant.label,
        variant.loss,
        "",
        np.nan,
        nan,
        ranks(nan),
        nan,
        nan,
        note=variant.note,
        absent=True,
    )


def _row_numbers(
    label: str,
    doc: SessionDocument,
    current: bool,
    lr: float | None,
    note: str,
    evaluation: Evaluation,
) -> CompareRow:
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
            note,
            evaluation=evaluation,
        )
    loss = evaluation.result.loss
    per_sample = _per_row(loss.elementwise, rows, doc.loss == "KLDivLoss")
    grad = np.asarray(evaluation.result.grad, dtype=np.float64)
    norms = np.sqrt(np.sum(grad.reshape(rows, -1) ** 2, axis=1)) if grad.ndim else grad
    value = float(np.asarray(loss.value)) if np.ndim(loss.value) == 0 else loss.scalar
    try:
        after = None if lr is None else _losses(sgd_step(doc, lr, evaluation))
    except ValueError:
        after = None
    change = nan if after is None else after - per_sample
    return CompareRow(
        label,
        doc.loss,
        call_text(evaluation),
        value,
        per_sample,
        ranks(per_sample),
        _fit(np.asarray(norms, dtype=np.float64).reshape(-1), rows),
        change,
        None,
        current,
        note,
        evaluation=evaluation,
    )


def _fit(values: Array, rows: int) -> Array:
    """``values`` as exactly ``rows`` numbers (NaN where there are none)."""
    if values.size == rows:
        return values
    if values.size == 1:
        return np.full(rows, float(values[0]))
    return np.full(rows, np.nan)


def compare(doc: SessionDocument, lr: float = 1.0, change: bool = True) -> Comparison:
    """The session's numbers under every related loss.

    The first row is the session as it is (under ``'mean'`` when its
    reduction is ``'none'``); the others use the same numbers, converted as
    each row's note says, and the session's reduction (``'batchmean'`` for
    KLDivLoss's mean). Variants identical to the session are left out;
    losses that cannot take the data are absent rows with the reason.
    ``lr`` is the learning rate of the one-step preview (``change``);
    ``change=False`` leaves that preview out (NaN; half the work).
    """
    with np.errstate(all="ignore"):  # ±1e308 and NaN are the user's to explore
        return _compare(doc, lr, change)


def _session_row(doc: SessionDocument, reduction: str, lr: float | None) -> CompareRow:
    label = translate("compare", "{loss} (session)").format(loss=doc.loss)
    if doc.reduction != "none":
        return _row(label, doc, True, lr)
    shown = doc.copy()
    shown.reduction = (
        "batchmean" if doc.loss == "KLDivLoss" and reduction == "mean" else reduction
    )
    note = translate(
        "compare", "reduction='{reduction}' here (the session's is 'none')"
    ).format(reduction=shown.reduction)
    return _row(label, shown, True, lr, note)


def _compare(doc: SessionDocument, lr: float, change: bool) -> Comparison:
    kind = data_kind(doc)
    reduction = doc.reduction if doc.reduction in ("mean", "sum") else "mean"
    step = lr if change else None
    first = _session_row(doc, reduction, step)
    rows = [first]
    seen = {_identity(first.evaluation)}
    for variant in _variants(doc, kind, reduction):
        if variant.doc is None:
            rows.append(_absent_row(variant, doc.rows))
            continue
        evaluation = variant.doc.evaluate()  # once: for the identity and the row
        key = _identity(evaluation)
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            _row(variant.label, variant.doc, False, step, variant.note, evaluation)
        )
    return Comparison(
        kind, reduction, doc.rows, tuple(rows), lr, _data_words(doc, kind), change
    )


def _identity(evaluation: Evaluation | None) -> tuple[object, ...]:
    """What makes two evaluations the same computation (loss, settings, data)."""
    if evaluation is None:
        return ()

    def part(value: object) -> object:
        if isinstance(value, np.ndarray):
            return (value.dtype.str, value.shape, value.tobytes())
        return repr(value)

    return (
        evaluation.loss,
        evaluation.reduction,
        evaluation.input_mode,
        evaluation.target_mode,
        tuple((n, part(a)) for n, a in evaluation.inputs),
        tuple((n, part(v)) for n, v in evaluation.kwargs),
    )


def _data_words(doc: SessionDocument, kind: str) -> str:
    """What the compared numbers are, in words."""
    if kind == "regression":
        return translate("compare", "predictions and targets")
    if kind == "other":
        return translate("compare", "this loss only (no related losses to compare)")
    key = target_name(doc.spec)
    assert key is not None
    target = np.asarray(doc.tensors[key])
    if kind == "binary":
        raw = doc.input_mode == "raw" and doc.spec.activation == "sigmoid"
        inputs = translate("compare", "probabilities") if raw else "logits"
        if np.all((target == 0) | (target == 1)):
            text = translate("compare", "{inputs} with 0/1 targets")
        else:
            text = translate("compare", "{inputs} with soft targets")
        return text.format(inputs=inputs)
    raw = doc.input_mode == "raw" and doc.spec.activation == "log_softmax"
    inputs = translate("compare", "log-probabilities") if raw else "logits"
    if doc.slot(key).kind == "index":
        return translate("compare", "{inputs} with class labels").format(inputs=inputs)
    return translate("compare", "{inputs} with probability targets").format(
        inputs=inputs
    )


def agreeing(comparison: Comparison) -> list[list[str]]:
    """Groups of two or more computed rows whose values agree (to 1e-6 relative)."""
    groups: list[list[CompareRow]] = []
    for row in comparison.rows:
        if row.absent or row.error or not np.isfinite(row.value):
            continue
        for group in groups:
            if np.isclose(group[0].value, row.value, rtol=1e-6, atol=1e-9):
                group.append(row)
                break
        else:
            groups.append([row])
    return [[r.label for r in group] for group in groups if len(group) > 1]
