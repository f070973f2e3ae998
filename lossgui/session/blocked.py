"""A large batch evaluated row block by row block, bit for bit as in one call.

The rows of a row-separable loss (:func:`~lossgui.session.row_blocks.row_separable`)
do not interact: each row's loss and gradient depend on that row alone, and
``'sum'``/``'mean'`` add the per-row losses. So a batch can be computed in
blocks of rows written into preallocated results, exactly as
:func:`~lossgui.session.incremental.evaluate_rows` recomputes edited rows:

- each block holds at least ``CLASSES_FIRST_MIN_SIZE`` elements, so it takes
  the batch's kernel (the kernels sum a row's classes in different orders);
- ``'mean'`` hands every block the batch's divisor
  (:func:`~lossgui.engine.batch_divisor.batch_divisor`), since torch forms
  ``1 / N`` before the backward formulas: class-index cross-entropy's and
  NLL's ``W``, or the element count learnt from one row (:func:`_mean_divisor`);
- the reduced value is formed over the whole per-element loss as the engine
  forms it (:func:`~lossgui.session.row_blocks.reduced_result`).

What the blocks buy: a 50,000 x 1000 cross-entropy needs a few full-size
temporaries in one call (the classes-first copy, ``log_softmax``, ``exp``,
the softmax for display: about a gigabyte at float32); in blocks of
:data:`BLOCK_VALUES` elements only the results are full size, and
``progress`` can report and cancel between blocks.

Where the blocks might not reproduce the batch, :func:`compute_in_blocks`
returns ``None`` and the caller computes everything in one call: a block
that raises (torch's error is then reported for the whole batch), warnings
or activations that differ between blocks, a loss with derived results.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.cross_entropy import ce_index_divisor
from lossgui.engine.errors import LossInputError
from lossgui.engine.pipeline import PipelineResult, probabilities
from lossgui.session.lazy_probabilities import RowProbabilities, lazy_applies
from lossgui.session.row_blocks import (
    WEIGHTED_MEANS,
    ce_mean_by_rows,
    compute_rows,
    kernel_rows,
    mean_by_rows,
    reduced_result,
    row_separable,
)

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument

__all__ = ["BLOCK_VALUES", "EvaluationCancelled", "compute_in_blocks"]

Array = npt.NDArray[Any]

#: About this many grid elements per block (at least one row, and at least
#: ``CLASSES_FIRST_MIN_SIZE`` so every block takes the batch's kernel).
BLOCK_VALUES = 1 << 20


class EvaluationCancelled(Exception):
    """The caller's ``progress`` callback asked to stop."""


def _blocks(n: int, row_size: int) -> list[slice]:
    """Row blocks covering ``0..n``; the last one ends at ``n`` full-sized."""
    per = max(1, BLOCK_VALUES // max(row_size, 1))
    per = max(per, kernel_rows(row_size))
    if per >= n:
        return [slice(0, n)]
    starts = [*range(0, n - per, per), n - per]  # the last block overlaps
    return [slice(start, start + per) for start in starts]


def _mean_divisor(
    doc: SessionDocument, inputs: Any, kwargs: dict[str, Any]
) -> float | None:
    """The batch's ``'mean'`` divisor, formed before the first block; else None.

    Class-index cross-entropy and ``NLLLoss``: ``W`` as the engine forms it
    (the kept rows' count or ``Σ w[y_n]``, the same formula for both). A loss
    whose divisor is its element count: its elements per row times the rows
    (its ``'sum'`` of one row is computed to learn that count). ``None`` for
    another reduction, and where the divisor depends on the targets in
    another way.

    Raises
    ------
    LossInputError
        What torch would raise for the batch or its first block.
    """
    if doc.reduction != "mean" or not mean_by_rows(doc):
        return None
    if ce_mean_by_rows(doc) or doc.loss == "NLLLoss":  # W = kept count or Σ w[y_n]
        x, y = inputs[0][1], inputs[1][1]
        weight = kwargs.get("weight")
        return ce_index_divisor(x, y, weight, int(kwargs["ignore_index"]))
    if doc.loss in WEIGHTED_MEANS:
        return None
    one_row = slice(0, 1)  # only the shape of its elementwise loss is needed
    probe = compute_rows(doc, inputs, {**kwargs, "reduction": "sum"}, one_row, None)
    elementwise = probe.loss.elementwise
    if elementwise.ndim < 1 or elementwise.shape[0] != 1:
        return None
    return float(inputs[0][1].shape[0] * elementwise.size)


def _empty_like_rows(part: Array, n: int) -> Array:
    return np.empty((n, *part.shape[1:]), dtype=part.dtype)


def compute_in_blocks(
    doc: SessionDocument,
    inputs: tuple[tuple[str, Array], ...],
    kwargs: dict[str, Any],
    progress: Callable[[float], bool] | None = None,
) -> tuple[PipelineResult, Array | RowProbabilities | None] | None:
    """The loss and the display probabilities of the whole batch, in row blocks.

    Parameters
    ----------
    doc : SessionDocument
        The document (its loss, settings and slots).
    inputs, kwargs
        The cast forward tensors and constructor arguments, as
        :func:`~lossgui.session.evaluation.evaluate` builds them.
    progress : callable, optional
        ``progress(fraction) -> bool`` between blocks; False cancels.

    Returns
    -------
    tuple or None
        ``(result, probabilities)`` equal bit for bit to one call (a large
        grid's softmax probabilities as a
        :class:`~lossgui.session.lazy_probabilities.RowProbabilities`), or
        ``None`` where that is not guaranteed (see the module docstring).

    Raises
    ------
    EvaluationCancelled
        When ``progress`` returned False.
    """
    if not row_separable(doc):
        return None
    grid = inputs[0][1]
    n = grid.shape[0]
    blocks = _blocks(n, grid.size // max(n, 1))
    if len(blocks) < 2:
        return None
    try:
        divisor = _mean_divisor(doc, inputs, kwargs)
    except LossInputError:
        return None  # the one call reports torch's error
    if doc.reduction == "mean" and divisor is None:
        return None
    out: dict[str, Array | None] = {}
    first: PipelineResult | None = None
    shares = {"grad": False, "probs": False, "probs_grid": False, "lazy": False}
    has_probs = False
    for count, block in enumerate(blocks):
        if progress is not None and not progress(count / len(blocks)):
            raise EvaluationCancelled
        try:
            part = compute_rows(doc, inputs, kwargs, block, divisor)
        except LossInputError:
            return None
        rows = grid[block]
        probs = probabilities(doc.loss, rows, doc.input_mode, result=part)
        if first is None:
            first = part
            if part.loss.derived or part.loss.param_grads:
                return None
            for array in (part.loss.elementwise, part.loss.grad, part.grad):
                if array.ndim < 1 or array.shape[0] != block.stop - block.start:
                    return None
            shares["grad"] = part.grad is part.loss.grad
            shares["probs"] = probs is not None and probs is part.activated
            shares["probs_grid"] = probs is not None and probs is rows
            shares["lazy"] = (
                probs is not None
                and not (shares["probs"] or shares["probs_grid"])
                and probs.shape == rows.shape
                and lazy_applies(grid)
            )
            out["elementwise"] = _empty_like_rows(part.loss.elementwise, n)
            out["loss_grad"] = _empty_like_rows(part.loss.grad, n)
            out["grad"] = None if shares["grad"] else _empty_like_rows(part.grad, n)
            out["activated"] = (
                None if part.activated is None else _empty_like_rows(part.activated, n)
            )
            fresh = not (shares["probs"] or shares["probs_grid"] or shares["lazy"])
            out["probs"] = (
                _empty_like_rows(probs, n) if probs is not None and fresh else None
            )
            has_probs = probs is not None
        elif (
            part.loss.warnings != first.loss.warnings
            or part.activation != first.activation
            or (part.activated is None) != (first.activated is None)
            or (probs is None) == has_probs
        ):
            return None
        _write(out, "elementwise", block, part.loss.elementwise)
        _write(out, "loss_grad", block, part.loss.grad)
        _write(out, "grad", block, part.grad)
        _write(out, "activated", block, part.activated)
        _write(out, "probs", block, probs)
    assert first is not None
    elementwise, loss_grad = out["elementwise"], out["loss_grad"]
    assert elementwise is not None and loss_grad is not None
    loss = reduced_result(
        elementwise, loss_grad, first.loss.reduction, divisor, first.loss.warnings
    )
    grad = loss_grad if out["grad"] is None else out["grad"]
    result = PipelineResult(loss, first.activation, out["activated"], grad)
    shown: Array | RowProbabilities | None = out["probs"]
    if shares["probs"]:
        shown = result.activated
    elif shares["probs_grid"]:
        shown = grid
    elif shares["lazy"]:
        shown = RowProbabilities(doc.loss, grid, doc.input_mode)
    if progress is not None:
        progress(1.0)
    return result, shown


def _write(out: dict[str, Array | None], key: str, block: slice, part: Any) -> None:
    target = out.get(key)
    if target is not None and part is not None:
        target[block] = part
