"""``evaluate(document) -> Evaluation``: one frozen snapshot for every view.

The document's full-precision values are cast to the chosen dtype exactly as
``torch.tensor(values, dtype=...)`` does, sent through the logits pipeline
(:func:`lossgui.engine.pipeline.compute_from_logits`), and the outcome is
frozen: either a :class:`PipelineResult` or the :class:`LossInputError`
torch would raise, plus the probabilities to show beside the grid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.errors import LossInputError
from lossgui.engine.pipeline import PipelineResult, compute_from_logits, probabilities
from lossgui.i18n import QT_TRANSLATE_NOOP
from lossgui.session.receipt import Receipt, make_receipt
from lossgui.session.storage import LARGE_TENSOR_VALUES

#: From this many grid elements on, :func:`evaluate` tries row blocks.
BLOCKED_MIN_SIZE = 2_000_000

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument
    from lossgui.session.lazy_probabilities import RowProbabilities

__all__ = ["Evaluation", "cast_rows", "evaluate"]

Array = npt.NDArray[Any]


@dataclass(frozen=True)
class Evaluation:
    """What the views show after one recompute; arrays are read-only.

    Attributes
    ----------
    loss : str
        The torch loss name.
    reduction, dtype, input_mode, target_mode : str
        The settings it was computed with.
    inputs : tuple of (str, ndarray)
        The forward tensors as the loss received them (cast), in order.
    kwargs : tuple of (str, object)
        The constructor arguments passed (tensors cast, ``None`` when off).
    result : PipelineResult or None
        The loss, what it received after the activation, and the gradient
        with respect to the grid; ``None`` when torch would raise.
    error : LossInputError or None
        What torch would raise for this configuration.
    probabilities : ndarray, RowProbabilities or None
        Sigmoid/softmax of the grid (or the grid itself in raw mode), for
        display; ``None`` for losses without a probability reading. A large
        grid's softmax is a
        :class:`~lossgui.session.lazy_probabilities.RowProbabilities`: the
        rows a view indexes are computed when read (bit for bit the array).
    receipt : Receipt or None
        The reduced value's numerator and denominator, labelled.
    rewritten_rows : range or None
        Set by an incremental evaluation
        (:func:`~lossgui.session.incremental.evaluate_rows`): only these
        rows' numbers can differ from the evaluation it follows, and a large
        array may be that evaluation's very array, written in place. A view
        that keeps the previous numbers to compare with must
        treat these rows as changed. ``None``: anything may have changed.
    """

    loss: str
    reduction: str
    dtype: str
    input_mode: str
    target_mode: str
    inputs: tuple[tuple[str, Array], ...]
    kwargs: tuple[tuple[str, Any], ...]
    result: PipelineResult | None
    error: LossInputError | None
    probabilities: Array | RowProbabilities | None
    receipt: Receipt | None
    rewritten_rows: range | None = None

    @property
    def ok(self) -> bool:
        """True when the loss was computed (no torch error)."""
        return self.result is not None

    @property
    def grid(self) -> Array:
        """The first tensor as the loss pipeline received it (cast)."""
        return self.inputs[0][1]

    @property
    def value(self) -> Array | None:
        """The module's output (0-d for ``'mean'``/``'sum'``), or None on error."""
        return None if self.result is None else self.result.loss.value

    @property
    def warnings(self) -> tuple[str, ...]:
        """Torch's ``UserWarning`` texts for this call."""
        return () if self.result is None else self.result.loss.warnings


def _frozen(array: Array) -> Array:
    """``array`` read-only: itself when it owns its data, else a frozen copy.

    Fresh results (a sigmoid, a softmax) and the frozen cast grid are shared,
    not copied: one full-size array less at the peak.
    """
    if array.flags.owndata:
        array.flags.writeable = False
        return array
    out = np.array(array, copy=True)
    out.flags.writeable = False
    return out


def _cast_dtype(doc: SessionDocument, name: str) -> np.dtype[Any]:
    """The dtype ``name`` reaches the loss in: int64 indices, else the session's."""
    return np.dtype(np.int64 if doc.slot(name).kind == "index" else doc.dtype)


def cast_rows(doc: SessionDocument, name: str, rows: slice | None = None) -> Array:
    """Rows ``rows`` (default: all) of tensor ``name`` as the loss receives them.

    A fresh copy.

    Cast the way ``torch.tensor(values, dtype=...)`` casts (1e308 as float32
    is inf, without a warning).
    """
    array = doc.array(name)
    part = array if rows is None else array[rows]  # (a 0-d tensor has no rows)
    with np.errstate(over="ignore"):
        return part.astype(_cast_dtype(doc, name), copy=True)


def _cast(doc: SessionDocument, name: str) -> Array:
    """The tensor ``name`` as the loss receives it, read-only.

    A copy in the session's dtype, except a large tensor already stored in
    that dtype (:func:`~lossgui.session.storage.stored_float`): the
    evaluation then reads the document's own array through a read-only view,
    which an edit updates in place before the window evaluates again.
    """
    array = doc.array(name)
    if array.dtype == _cast_dtype(doc, name) and array.size >= LARGE_TENSOR_VALUES:
        view = array.view()
        view.flags.writeable = False
        return view
    return _frozen(cast_rows(doc, name))  # one copy, frozen in place


def _total(array: Array) -> float:
    """``Σ array`` (``nan`` for ``inf + -inf``, without a RuntimeWarning)."""
    with np.errstate(all="ignore"):
        return float(np.sum(array))


def receipt_for(
    doc: SessionDocument,
    inputs: tuple[tuple[str, Array], ...],
    kwargs: dict[str, Any],
    result: PipelineResult,
) -> Receipt:
    """The receipt of a computed ``result`` (see :func:`make_receipt`).

    ``inputs`` and ``kwargs`` are the cast tensors and constructor arguments
    the loss received, as :func:`evaluate` builds them.
    """
    required = {slot.name for slot in doc.slots() if not slot.optional}
    class_indices = any(
        slot.kind == "index" and slot.role == "rows" for slot in doc.slots()[1:]
    )
    weights = [
        kwargs[n]
        for n in doc.tensor_params
        if kwargs[n] is not None and n not in required
    ]
    per_element = [w for w in weights if w.shape == inputs[0][1].shape]
    receipt = make_receipt(
        result.loss,
        weighted=bool(weights),
        class_indices=class_indices,
        weight_total=_total(per_element[0]) if per_element else None,
    )
    lengths = [slot.name for slot in doc.slots() if slot.counts not in (None, "rows")]
    if lengths and receipt.reduction == "mean":  # CTCLoss: loss_b / L_b first
        label = (
            QT_TRANSLATE_NOOP("receipt", "sequence")
            if receipt.denominator == 1
            else QT_TRANSLATE_NOOP("receipt", "sequences")
        )
        receipt = replace(
            receipt,
            numerator_label=f"Σ loss / {lengths[0]}",
            denominator_label=label,
        )
    return receipt


def evaluate(
    doc: SessionDocument, progress: Callable[[float], bool] | None = None
) -> Evaluation:
    """Compute the document's loss, catching what torch would raise.

    A large batch (:data:`BLOCKED_MIN_SIZE` elements
    or more) whose loss is computed row by row is evaluated in row blocks
    (:func:`~lossgui.session.blocked.compute_in_blocks`): the same numbers,
    bit for bit, with a fraction of the temporary memory, and ``progress``
    is called between blocks.

    Parameters
    ----------
    doc : SessionDocument
        The document; it is not modified.
    progress : callable, optional
        ``progress(fraction) -> bool``, called between row blocks of a large
        batch; returning False cancels.

    Returns
    -------
    Evaluation
        A frozen snapshot. Exceptions other than :class:`LossInputError`
        (bugs) propagate to the caller.

    Raises
    ------
    EvaluationCancelled
        When ``progress`` returned False.
    """
    spec = doc.spec
    inputs = tuple((arg.name, _cast(doc, arg.name)) for arg in spec.forward)
    kwargs: dict[str, Any] = dict(doc.params)
    required = {slot.name for slot in doc.slots() if not slot.optional}
    for name in doc.tensor_params:
        on = doc.enabled.get(name) or name in required
        kwargs[name] = _cast(doc, name) if on else None
    kwargs["reduction"] = doc.reduction
    result: PipelineResult | None = None
    error: LossInputError | None = None
    probs: Array | RowProbabilities | None = None
    blocked = None
    if inputs[0][1].size >= BLOCKED_MIN_SIZE:
        from lossgui.session.blocked import compute_in_blocks  # large batches only

        blocked = compute_in_blocks(doc, inputs, kwargs, progress)
    if blocked is not None:
        result, probs = blocked
    else:
        try:
            result = compute_from_logits(
                doc.loss,
                inputs[0][1],
                *(array for _, array in inputs[1:]),
                input_mode=doc.input_mode,
                **kwargs,
            )
        except LossInputError as exc:
            error = exc
        probs = probabilities(doc.loss, inputs[0][1], doc.input_mode, result=result)
    receipt = None if result is None else receipt_for(doc, inputs, kwargs, result)
    return Evaluation(
        loss=doc.loss,
        reduction=doc.reduction,
        dtype=doc.dtype,
        input_mode=doc.input_mode,
        target_mode=doc.target_mode,
        inputs=inputs,
        kwargs=tuple(kwargs.items()),
        result=result,
        error=error,
        probabilities=probs if not isinstance(probs, np.ndarray) else _frozen(probs),
        receipt=receipt,
    )
