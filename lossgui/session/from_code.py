"""A document from a loss call in the user's code: ``loss(*tensors)``.

:func:`document_from_call` is what :func:`lossgui.show` and
:func:`lossgui.save` build: the tensors (torch, NumPy or nested lists) in the
order of the loss's ``forward``, the loss read by
:func:`~lossgui.session.from_torch.read_loss`, the shapes mapped onto the
grids exactly as the import dialog maps them
(:func:`~lossgui.session.import_arrays.document_from_arrays`). The document is
in ``"raw"`` input mode: the grid holds what the loss itself receives (the
probabilities of ``BCELoss``, the log-probabilities of ``NLLLoss``), so its
value is the module's output on the same tensors.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from lossgui.engine.registry import LOSSES
from lossgui.session.document import DType, SessionDocument
from lossgui.session.from_torch import is_tensor, read_loss, to_array
from lossgui.session.import_arrays import document_from_arrays

__all__ = ["document_from_call"]


def _dtype(first: object, array: np.ndarray[Any, Any]) -> DType:
    """float64 for a float64 tensor or array; float32 otherwise.

    Nested lists follow ``torch.tensor``: Python floats become float32.
    """
    typed = is_tensor(first) or isinstance(first, np.ndarray | np.generic)
    return "float64" if typed and array.dtype == np.float64 else "float32"


def document_from_call(
    tensors: Sequence[object], loss: object, kwargs: Mapping[str, Any] | None = None
) -> SessionDocument:
    """The document showing ``loss(*tensors)``.

    Parameters
    ----------
    tensors : sequence
        The forward tensors in torch's order (``input, target`` ...).
    loss : torch.nn.Module, type, str or function
        See :func:`~lossgui.session.from_torch.read_loss`.
    kwargs : mapping, optional
        Constructor arguments (override what a module holds).

    Raises
    ------
    TypeError
        For the wrong number of tensors, a ``loss`` of the wrong type or an
        unknown keyword argument.
    ValueError
        :class:`~lossgui.session.from_torch.UnsupportedLossError` for what the
        engine cannot express; :class:`~lossgui.io.errors.FileFormatError`
        (the import dialog's message) for a tensor that does not fit.
    """
    call = read_loss(loss, kwargs)
    spec = LOSSES[call.name]
    names = [arg.name for arg in spec.forward]
    if len(tensors) != len(names):
        raise TypeError(
            f"{call.name} takes {len(names)} tensors ({', '.join(names)}) in this "
            f"order; got {len(tensors)}"
        )
    arrays = {
        name: to_array(value, name) for name, value in zip(names, tensors, strict=True)
    }
    doc = document_from_arrays(
        call.name,
        arrays | call.tensors,
        # a None parameter (LinearCrossEntropyLoss's ignore_index) is the
        # document's default already: it has no typed value to set
        params={k: v for k, v in call.params.items() if v is not None},
        reduction=call.reduction,
        dtype=_dtype(tensors[0], arrays[names[0]]),
        input_mode="raw",
    )
    for name in doc.tensor_params:
        doc.enabled[name] = name in call.tensors
    return doc
