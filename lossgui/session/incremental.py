"""Re-evaluate only the rows an edit changed, bit for bit as a full evaluation.

When a cell edit touches some rows of row-indexed tensors of a row-separable
loss (:func:`~lossgui.session.row_blocks.row_separable`), the loss of every
other row and its gradient are unchanged. So :func:`evaluate_rows` computes
the loss on the edited rows only, splices their loss, gradient, activation
and probabilities into the previous arrays (copies, or the arrays themselves
when they are large, see :data:`IN_PLACE_MIN_SIZE`), and forms the reduction
again over the whole spliced array exactly as the engine does. Every number
is bit for bit the full evaluation's, except the sign or payload of a NaN:
NumPy's vector loops and their scalar tails give ``inf - inf`` NaNs of
different signs, so a row computed alone may hold another NaN than in its
batch (a NaN still reads "nan", and torch's NaN signs are no part of parity
either).

``'mean'`` is done incrementally where every row can be given the batch's
divisor (:func:`~lossgui.session.row_blocks.mean_by_rows`): torch forms
``1 / N`` (or ``1 / Σ w[y_n]``) before the backward formulas, so the rows get
the previous evaluation's denominator through
:func:`~lossgui.engine.batch_divisor.batch_divisor`. For the losses whose
divisor depends on the targets (ignored rows, class weights) only edits of
the input qualify; a target edit may change it and gets a full evaluation.

Anything else that couples rows also gets ``None`` (the caller then evaluates
everything): a previous error, a slice that raises (so torch's exact error is
reported) or warns differently, a loss that finishes with a linear layer or
counts lengths (CTCLoss), a broadcast dimension 0, a softmax across a 1-D
grid, ``'sum'`` formed other than as ``Σ l`` (label-smoothed cross-entropy).
Nothing of the previous evaluation is written before the edited rows are
known to reproduce the batch, so after ``None`` it still shows what it
showed (until the full evaluation replaces it, or for good if that is
cancelled).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.errors import LossInputError
from lossgui.engine.pipeline import PipelineResult, probabilities
from lossgui.session.evaluation import Evaluation, cast_rows, receipt_for
from lossgui.session.lazy_probabilities import RowProbabilities
from lossgui.session.row_blocks import (
    ROW_ROLES,
    WEIGHTED_MEANS,
    compute_rows,
    kernel_rows,
    reduced_result,
    row_separable,
)

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument

__all__ = ["IN_PLACE_MIN_SIZE", "evaluate_rows"]

Array = npt.NDArray[Any]

#: From this many elements on, an edit writes the previous evaluation's
#: arrays in place instead of copying them (see :func:`_spliced`).
IN_PLACE_MIN_SIZE = 1_000_000


def _frozen(array: Array) -> Array:
    array.flags.writeable = False
    return array


def _spliced(previous: Array, rows: slice, part: Array) -> Array:
    """``previous`` with ``part`` written at ``rows``, frozen.

    A copy, except for a large array (:data:`IN_PLACE_MIN_SIZE` elements or
    more) that owns its memory: that one is written in place (a copy of
    200 MB costs more than the whole edit may), and the evaluation that
    returns it says so in :attr:`Evaluation.rewritten_rows`.
    """
    if previous.size >= IN_PLACE_MIN_SIZE and previous.flags.owndata:
        previous.flags.writeable = True
        previous[rows] = part
        return _frozen(previous)
    out = np.array(previous, copy=True)
    out[rows] = part
    return _frozen(out)


def _cast_rows(doc: SessionDocument, name: str, previous: Array, rows: slice) -> Array:
    """``previous`` (the cast tensor) with ``rows`` cast again from the document.

    A large tensor stored in the session's dtype is a read-only view of the
    document's own array (see :func:`lossgui.session.evaluation.evaluate`):
    the edit has already written it, so it is returned as it is.
    """
    if previous.base is doc.array(name):
        return previous
    return _spliced(previous, rows, cast_rows(doc, name, rows))


def _applies(
    previous: Evaluation, doc: SessionDocument, names: tuple[str, ...]
) -> bool:
    """Whether the edit of ``names`` can take the incremental path at all."""
    result = previous.result
    if result is None or previous.error is not None:
        return False
    settings = (doc.loss, doc.reduction, doc.dtype, doc.input_mode, doc.target_mode)
    if settings != (
        previous.loss,
        previous.reduction,
        previous.dtype,
        previous.input_mode,
        previous.target_mode,
    ):
        return False
    kwargs = dict(previous.kwargs)
    for key, value in doc.params.items():
        if key not in kwargs or not _same_param(kwargs[key], value):
            return False
    required = {s.name for s in doc.slots() if not s.optional}
    for name in doc.tensor_params:
        on = bool(doc.enabled.get(name)) or name in required
        if (kwargs.get(name) is not None) != on:
            return False
    loss = result.loss
    if loss.derived or loss.param_grads or not row_separable(doc):
        return False
    if loss.reduction == "mean" and (
        loss.denominator is None
        or (set(names) != {doc.first_name} and doc.loss in WEIGHTED_MEANS)
    ):
        return False  # a target edit may change the divisor W
    by_name = {s.name: s for s in doc.slots()}
    if any(n not in by_name or by_name[n].role not in ROW_ROLES for n in names):
        return False
    n = previous.grid.shape[0]
    for array in (loss.elementwise, loss.grad, result.grad):
        if array.ndim < 1 or array.shape[0] != n:
            return False
    return True


def _block(edited: slice, n: int, row_size: int) -> slice:
    """The rows to recompute: ``edited``, widened to take the batch's kernel.

    A batch too small for the classes-first kernel keeps ``edited``: its
    rows take the other kernel at any size (see :func:`kernel_rows`).
    """
    need = kernel_rows(row_size)
    if n < need:
        return edited
    start, stop = edited.start, edited.stop
    if stop - start >= need:
        return edited
    stop = min(n, start + need)
    start = max(0, stop - need)
    return slice(start, stop)


def _same_param(a: object, b: object) -> bool:
    """Whether a scalar constructor argument is unchanged (NaN equals NaN)."""
    if type(a) is not type(b):
        return False
    return a == b or (a != a and b != b)  # NaN equals NaN


def evaluate_rows(
    previous: Evaluation,
    doc: SessionDocument,
    names: tuple[str, ...],
    rows: range,
) -> Evaluation | None:
    """The document's evaluation, recomputing only ``rows`` of ``names``.

    Parameters
    ----------
    previous : Evaluation
        The evaluation of the document before the edit; not modified.
    doc : SessionDocument
        The document after the edit. Only the table rows ``rows`` of the
        tensors ``names`` may differ from what ``previous`` was computed on.
    names : tuple of str
        The edited tensors.
    rows : range
        The edited rows of their 2-D tables (step 1).

    Returns
    -------
    Evaluation or None
        Equal, array for array and bit for bit, to ``doc.evaluate()``; or
        ``None`` where that cannot be guaranteed (see the module docstring),
        and the caller evaluates the whole document.
    """
    if rows.step != 1 or not names or not _applies(previous, doc, names):
        return None
    assert previous.result is not None  # checked in _applies
    n = previous.grid.shape[0]
    if not 0 <= rows.start < rows.stop <= n:
        return None
    part = slice(rows.start, rows.stop)
    kwargs = dict(previous.kwargs)
    if any(n in doc.tensor_params and kwargs.get(n) is None for n in names):
        return None  # an edit of a tensor the loss does not receive
    block = _block(part, n, previous.grid.size // max(n, 1))
    old = previous.result
    divisor = old.loss.denominator if old.loss.reduction == "mean" else None
    # The block is computed from fresh casts of the edited tensors first: the
    # previous evaluation (which stays on screen if this returns None, e.g.
    # until a background evaluation ends or is cancelled) is written only
    # once the block is known to reproduce the batch.
    block_inputs = tuple(
        (name, cast_rows(doc, name, block) if name in names else array[block])
        for name, array in previous.inputs
    )
    row_named = {s.name for s in doc.slots() if s.role in ROW_ROLES}
    block_kwargs = {
        key: cast_rows(doc, key, block)
        if key in names and key in doc.tensor_params  # (PoissonNLL: log_input)
        else value[block]
        if key in row_named and isinstance(value, np.ndarray)
        else value
        for key, value in kwargs.items()
    }
    try:
        sliced = compute_rows(doc, block_inputs, block_kwargs, slice(None), divisor)
    except LossInputError:
        return None  # the full evaluation reports torch's own error
    if sliced.loss.warnings != old.loss.warnings or sliced.loss.derived:
        return None
    if sliced.activation != old.activation:
        return None
    if old.activated is not None and sliced.activated is None:
        return None
    inputs = tuple(
        (name, _cast_rows(doc, name, array, part) if name in names else array)
        for name, array in previous.inputs
    )
    for name in names:
        if name in doc.tensor_params:
            kwargs[name] = _cast_rows(doc, name, kwargs[name], part)
    elementwise = _spliced(old.loss.elementwise, block, sliced.loss.elementwise)
    loss_grad = _spliced(old.loss.grad, block, sliced.loss.grad)
    grad = (
        loss_grad
        if old.grad is old.loss.grad
        else _spliced(old.grad, block, sliced.grad)
    )
    activated = None
    if old.activated is not None and sliced.activated is not None:
        activated = _spliced(old.activated, block, sliced.activated)
    loss = reduced_result(
        elementwise, loss_grad, old.loss.reduction, divisor, sliced.loss.warnings
    )
    result = PipelineResult(loss, sliced.activation, activated, grad)
    probs = _probabilities(previous, doc, inputs[0][1], block, sliced, activated)
    # the same loss and settings as ``previous`` (checked above): new numbers only
    return replace(
        previous,
        inputs=inputs,
        kwargs=tuple(kwargs.items()),
        result=result,
        probabilities=probs,
        receipt=receipt_for(doc, inputs, kwargs, result),
        rewritten_rows=range(block.start, block.stop),
    )


def _probabilities(
    previous: Evaluation,
    doc: SessionDocument,
    grid: Array,
    part: slice,
    sliced: PipelineResult,
    activated: Array | None,
) -> Array | RowProbabilities | None:
    """The probabilities beside the grid, the edited rows recomputed."""
    old = previous.probabilities
    if old is None:
        return None
    if isinstance(old, RowProbabilities):  # computed when read, from the new grid
        return RowProbabilities(doc.loss, grid, doc.input_mode)
    assert previous.result is not None
    if old is previous.result.activated and activated is not None:
        return activated  # evaluate shares the sigmoid in the same way
    if old is previous.grid:
        return grid  # raw mode shows the grid itself
    fresh = probabilities(doc.loss, grid[part], doc.input_mode, result=sliced)
    if fresh is None:
        return None
    return _spliced(old, part, fresh)
