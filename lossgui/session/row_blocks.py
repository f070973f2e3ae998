"""Which losses can be computed row block by row block, and computing one block.

The rows of a row-separable loss do not interact: with ``reduction='none'``
each row's loss ``l_n`` and gradient ``∂l_n/∂x_n`` depend on row ``n``
alone, and ``'sum'`` adds ``Σ_n l_n`` with an upstream gradient of 1.
``'mean'`` qualifies only where the batch's divisor can be handed to the
block (:func:`mean_by_rows`): torch forms ``1 / D`` before the backward
formulas, so a block with its own ``D`` would round its gradient
differently. Both the incremental evaluation of an edit
(:mod:`lossgui.session.incremental`) and the blocked evaluation of a large
batch (:mod:`lossgui.session.blocked`) are built on these.
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.activations import CLASSES_FIRST_MIN_SIZE
from lossgui.engine.batch_divisor import batch_divisor
from lossgui.engine.pipeline import PipelineResult, compute_from_logits
from lossgui.engine.reduction import reduce_terms
from lossgui.engine.registry import LOSSES
from lossgui.engine.result import LossResult, Terms

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument

__all__ = [
    "ALLOWED_ROLES",
    "MEAN_BY_ROWS",
    "ROW_ROLES",
    "WEIGHTED_MEANS",
    "ce_mean_by_rows",
    "compute_rows",
    "kernel_rows",
    "mean_by_rows",
    "reduced_result",
    "row_separable",
]

Array = npt.NDArray[Any]

#: Losses whose ``'mean'`` every row block forms with the batch's divisor
#: (see :func:`mean_by_rows`); the incremental tests check each bit for bit.
MEAN_BY_ROWS = frozenset(LOSSES) - {
    "CTCLoss",
    "CrossEntropyLoss",  # index targets only: ce_mean_by_rows
    "LinearCrossEntropyLoss",
    "MultiLabelSoftMarginLoss",
    "SoftDiceLoss",
}
#: Losses whose ``'mean'`` divisor depends on the targets (ignored rows,
#: class weights): only edits of the input keep it.
WEIGHTED_MEANS = frozenset({"CrossEntropyLoss", "NLLLoss"})
#: Losses whose weighted ``'mean'`` is another formula (torch's Python path
#: for an element weight): with the weight on they evaluate in full.
_WEIGHTED_OTHERWISE = frozenset({"L1Loss", "MSELoss"})
#: Roles whose tensors are indexed by the grid's rows along dimension 0.
ROW_ROLES = ("grid", "rows")
#: Losses whose per-row value depends on the batch's shape: torch's float32
#: sum over the labels (which the engine reproduces) is vectorised across rows,
#: so one row alone rounds differently from the same row in its batch.
_SHAPE_DEPENDENT = frozenset({"MultiLabelSoftMarginLoss"})
#: Roles an incremental document may hold (the others couple rows or resize).
ALLOWED_ROLES = ("grid", "rows", "classes", "scalar")


def kernel_rows(row_size: int) -> int:
    """The fewest rows of ``row_size`` elements that take the batch's kernel.

    The engine picks a kernel by size (a classes-first softmax from
    ``CLASSES_FIRST_MIN_SIZE`` elements on), and the kernels sum a row's
    classes in different orders: rows computed together in a block of at
    least this many rows round exactly as in their (large) batch.
    """
    return -(-CLASSES_FIRST_MIN_SIZE // max(row_size, 1))


def row_separable(doc: SessionDocument) -> bool:
    """Whether the document's loss can be computed row block by row block.

    Only the document is read (not an evaluation): the loss, its reduction,
    its slots' roles and the tensors' shapes. ``'mean'`` qualifies for
    class-index ``CrossEntropyLoss`` (:func:`mean_by_rows`) only.
    """
    spec = doc.spec
    if doc.reduction not in ("none", "sum") and not mean_by_rows(doc):
        return False
    if spec.finish is not None or spec.name in _SHAPE_DEPENDENT:
        return False
    if doc.reduction == "sum" and doc.params.get("label_smoothing", 0.0):
        return False  # torch sums each smoothed term before scaling it
    slots = doc.slots()
    if any(s.role not in ALLOWED_ROLES or s.counts is not None for s in slots):
        return False
    grid = doc.array(doc.first_name)
    if grid.ndim < 1:
        return False
    if grid.ndim < 2 and (
        spec.family in ("multiclass", "divergence")
        or (spec.activation or "").startswith("log_softmax")
    ):
        return False  # a softmax over dimension 0 mixes the rows
    n = grid.shape[0]
    for slot in slots:
        if slot.role not in ROW_ROLES:
            continue
        if slot.name in doc.tensor_params and not (
            doc.enabled.get(slot.name) or not slot.optional
        ):
            continue
        array = doc.array(slot.name)
        if array.ndim < 1 or array.shape[0] != n:
            return False  # broadcast along the batch
    return True


def ce_mean_by_rows(doc: SessionDocument) -> bool:
    """Class-index ``CrossEntropyLoss`` ``'mean'`` that blocks can reproduce.

    Without label smoothing, on a 2-D float grid: its classes-first kernel
    takes the batch's ``W`` (the kept rows' count or ``Σ w[y_n]``) from
    :func:`~lossgui.engine.batch_divisor.batch_divisor`, and the blocked
    evaluation can form ``W`` before the first block
    (:func:`~lossgui.engine.cross_entropy.ce_index_divisor`).
    """
    if doc.loss != "CrossEntropyLoss" or doc.reduction != "mean":
        return False
    if doc.target_mode != "index" or doc.params.get("label_smoothing", 0.0):
        return False
    return doc.array(doc.first_name).ndim == 2


def mean_by_rows(doc: SessionDocument) -> bool:
    """Whether ``'mean'`` can be computed by rows with the batch's divisor.

    Class-index cross-entropy (:func:`ce_mean_by_rows`), and the losses of
    :data:`MEAN_BY_ROWS`, whose ``1 / N`` (the element count, or NLLLoss's
    ``Σ w[y_n]``) comes from
    :func:`~lossgui.engine.batch_divisor.divisor_or` wherever they form it.
    """
    if ce_mean_by_rows(doc):
        return True
    if doc.loss in _WEIGHTED_OTHERWISE and any(doc.enabled.values()):
        return False
    return doc.reduction == "mean" and doc.loss in MEAN_BY_ROWS


def reduced_result(
    elementwise: Array,
    grad: Array,
    reduction: str,
    divisor: float | None,
    warnings: tuple[str, ...],
) -> LossResult:
    """The :class:`LossResult` of a batch assembled from row blocks.

    ``elementwise`` and ``grad`` hold every row, ``grad`` already formed for
    the reduction (``'mean'``'s with the batch's ``divisor``, see
    :func:`compute_rows`); the engine's own :func:`reduce_terms` forms the
    value over the whole ``elementwise``, as it does for one call.
    """
    mean = reduction == "mean"
    if mean and divisor is None:
        raise ValueError("'mean' of row blocks needs the batch's divisor")
    terms = Terms(
        elementwise,
        grad,
        float(elementwise.size) if divisor is None else divisor,
        warnings=warnings,
        grad_is_mean=mean,
    )
    return reduce_terms(terms, reduction)


def compute_rows(
    doc: SessionDocument,
    inputs: tuple[tuple[str, Array], ...],
    kwargs: dict[str, Any],
    block: slice,
    divisor: float | None,
) -> PipelineResult:
    """The loss of the rows ``block`` of the cast ``inputs`` and ``kwargs``.

    ``divisor``: the batch's ``'mean'`` divisor, handed to the loss with
    :func:`~lossgui.engine.batch_divisor.batch_divisor`.

    Raises
    ------
    LossInputError
        What torch would raise for these rows.
    """
    row_named = {s.name for s in doc.slots() if s.role in ROW_ROLES}
    slice_kwargs = {
        key: value[block]
        if key in row_named and isinstance(value, np.ndarray)
        else value
        for key, value in kwargs.items()
    }
    scope = nullcontext() if divisor is None else batch_divisor(divisor)
    with scope:
        return compute_from_logits(
            doc.loss,
            inputs[0][1][block],
            *(array[block] for _, array in inputs[1:]),
            input_mode=doc.input_mode,
            **slice_kwargs,
        )
