"""Re-evaluate only the rows an edit changed, bit for bit as a full evaluation.

When a cell edit touches some rows of row-indexed tensors, the loss of every
other row and its gradient are unchanged: with ``reduction='none'`` each
row's loss ``l_n`` and gradient ``∂l_n/∂x_n`` depend on row ``n`` alone, and
``'sum'`` adds ``Σ_n l_n`` with an upstream gradient of 1. So
:func:`evaluate_rows` computes the loss on the edited rows only, splices their
loss, gradient, activation and probabilities into copies of the previous
arrays, and forms the sum again over the whole spliced array exactly as the
engine does (``np.sum(l, dtype=l.dtype)``). Every number is bit for bit the
full evaluation's, except the sign or payload of a NaN: NumPy's vector loops
and their scalar tails give ``inf - inf`` NaNs of different signs, so a row
computed alone may hold another NaN than in its batch (a NaN still reads
"nan", and torch's NaN signs are no part of parity either).

``'mean'`` (and ``'batchmean'``) is not done incrementally: torch sends the
upstream gradient ``1 / D`` down *before* the backward formulas, and ``D``
is a batch count (or ``Σ w[y]``), so a slice computed on its own rounds its
gradient differently; every such edit gets a full evaluation.

Anything else that couples rows also gets ``None`` (the caller then evaluates
everything): a previous error, a slice that raises (so torch's exact error is
reported) or warns differently, a loss that finishes with a linear layer or
counts lengths (CTCLoss), a broadcast dimension 0, a softmax across a 1-D
grid, ``'sum'`` formed other than as ``Σ l`` (label-smoothed cross-entropy).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.activations import CLASSES_FIRST_MIN_SIZE
from lossgui.engine.errors import LossInputError
from lossgui.engine.pipeline import PipelineResult, compute_from_logits, probabilities
from lossgui.engine.result import LossResult
from lossgui.session.evaluation import Evaluation, receipt_for

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument

__all__ = ["evaluate_rows"]

Array = npt.NDArray[Any]

#: Roles whose tensors are indexed by the grid's rows along dimension 0.
_ROW_ROLES = ("grid", "rows")
#: Losses whose per-row value depends on the batch's shape: torch's float32
#: sum over the labels (which the engine reproduces) is vectorised across rows,
#: so one row alone rounds differently from the same row in its batch.
_SHAPE_DEPENDENT = frozenset({"MultiLabelSoftMarginLoss"})
#: Roles an incremental document may hold (the others couple rows or resize).
_ALLOWED_ROLES = ("grid", "rows", "classes", "scalar")


def _frozen(array: Array) -> Array:
    array.flags.writeable = False
    return array


def _spliced(previous: Array, rows: slice, part: Array) -> Array:
    """A frozen copy of ``previous`` with ``part`` written at ``rows``."""
    out = np.array(previous, copy=True)
    out[rows] = part
    return _frozen(out)


def _cast_rows(doc: SessionDocument, name: str, previous: Array, rows: slice) -> Array:
    """``previous`` (the cast tensor) with ``rows`` cast again from the document."""
    dtype = np.int64 if doc.slot(name).kind == "index" else doc.dtype
    with np.errstate(over="ignore"):  # as evaluation._cast
        part = doc.array(name)[rows].astype(dtype, copy=True)
    return _spliced(previous, rows, part)


def _applies(
    previous: Evaluation, doc: SessionDocument, names: tuple[str, ...]
) -> bool:
    """Whether the document can take the incremental path at all."""
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
    if loss.reduction not in ("none", "sum") or loss.derived or loss.param_grads:
        return False
    spec = doc.spec
    if spec.finish is not None or spec.name in _SHAPE_DEPENDENT:
        return False
    if loss.reduction == "sum" and doc.params.get("label_smoothing", 0.0):
        return False  # torch sums each smoothed term before scaling it
    slots = doc.slots()
    if any(s.role not in _ALLOWED_ROLES or s.counts is not None for s in slots):
        return False
    by_name = {s.name: s for s in slots}
    if any(by_name[n].role not in _ROW_ROLES for n in names if n in by_name):
        return False
    if any(n not in by_name for n in names):
        return False
    grid = previous.grid
    if grid.ndim < 1:
        return False
    if grid.ndim < 2 and (
        spec.family in ("multiclass", "divergence")
        or (spec.activation or "").startswith("log_softmax")
    ):
        return False  # a softmax over dimension 0 mixes the rows
    n = grid.shape[0]
    arrays = [a for _, a in previous.inputs]
    arrays += [
        kwargs[s.name]
        for s in slots
        if s.name in doc.tensor_params and kwargs.get(s.name) is not None
    ]
    roles = [by_name[name].role for name, _ in previous.inputs]
    roles += [
        s.role
        for s in slots
        if s.name in doc.tensor_params and kwargs.get(s.name) is not None
    ]
    for role, array in zip(roles, arrays, strict=True):
        if role in _ROW_ROLES and (array.ndim < 1 or array.shape[0] != n):
            return False  # broadcast along the batch
    for array in (loss.elementwise, loss.grad, result.grad):
        if array.ndim < 1 or array.shape[0] != n:
            return False
    return True


def _block(edited: slice, n: int, row_size: int) -> slice:
    """The rows to recompute: ``edited``, widened to take the batch's kernels.

    The engine picks a kernel by size (a classes-first softmax from
    ``CLASSES_FIRST_MIN_SIZE`` elements on), and the kernels sum a row's
    classes in different orders; a block at least that large (when the batch
    is) takes the same kernel as the batch, so every row rounds the same.
    """
    if n * row_size < CLASSES_FIRST_MIN_SIZE:
        return edited
    need = -(-CLASSES_FIRST_MIN_SIZE // max(row_size, 1))
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


def _reduced(elementwise: Array, reduction: str) -> tuple[Array, float]:
    """``value`` and ``numerator`` as :func:`reduce_terms` forms them."""
    dtype = elementwise.dtype
    with np.errstate(all="ignore"):
        total = np.sum(elementwise, dtype=dtype)
    if reduction == "none":
        return elementwise, float(total)
    return np.asarray(total, dtype=dtype), float(total)


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
    inputs = tuple(
        (name, _cast_rows(doc, name, array, part) if name in names else array)
        for name, array in previous.inputs
    )
    kwargs = dict(previous.kwargs)
    for name in names:
        if name in doc.tensor_params:
            if kwargs.get(name) is None:
                return None  # an edit of a tensor the loss does not receive
            kwargs[name] = _cast_rows(doc, name, kwargs[name], part)
    block = _block(part, n, previous.grid.size // max(n, 1))
    row_named = {s.name for s in doc.slots() if s.role in _ROW_ROLES}
    slice_kwargs = {
        key: value[block]
        if key in row_named and isinstance(value, np.ndarray)
        else value
        for key, value in kwargs.items()
    }
    try:
        sliced = compute_from_logits(
            doc.loss,
            inputs[0][1][block],
            *(array[block] for _, array in inputs[1:]),
            input_mode=doc.input_mode,
            **slice_kwargs,
        )
    except LossInputError:
        return None  # the full evaluation reports torch's own error
    old = previous.result
    if sliced.loss.warnings != old.loss.warnings or sliced.loss.derived:
        return None
    if sliced.activation != old.activation:
        return None
    elementwise = _spliced(old.loss.elementwise, block, sliced.loss.elementwise)
    loss_grad = _spliced(old.loss.grad, block, sliced.loss.grad)
    grad = (
        loss_grad
        if old.grad is old.loss.grad
        else _spliced(old.grad, block, sliced.grad)
    )
    activated = None
    if old.activated is not None:
        if sliced.activated is None:
            return None
        activated = _spliced(old.activated, block, sliced.activated)
    value, numerator = _reduced(elementwise, old.loss.reduction)
    loss = LossResult(
        value=value,
        grad=loss_grad,
        elementwise=elementwise,
        reduction=old.loss.reduction,
        numerator=numerator,
        denominator=None,
        warnings=sliced.loss.warnings,
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
    )


def _probabilities(
    previous: Evaluation,
    doc: SessionDocument,
    grid: Array,
    part: slice,
    sliced: PipelineResult,
    activated: Array | None,
) -> Array | None:
    """The probabilities beside the grid, the edited rows recomputed."""
    old = previous.probabilities
    if old is None:
        return None
    assert previous.result is not None
    if old is previous.result.activated and activated is not None:
        return activated  # evaluate shares the sigmoid in the same way
    if old is previous.grid:
        return grid  # raw mode shows the grid itself
    fresh = probabilities(doc.loss, grid[part], doc.input_mode, result=sliced)
    if fresh is None:
        return None
    return _spliced(old, part, fresh)
