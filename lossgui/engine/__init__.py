"""The lossgui loss engine: PyTorch's losses, values and gradients, in pure NumPy.

Public API
----------
``compute(name, *tensors, **kwargs) -> LossResult``
    The loss as ``torch.nn.<name>(**kwargs)(*tensors)`` computes it, with the
    gradient of its sum with respect to the first tensor.
``LOSSES``
    A dict from torch name to :class:`LossSpec` (tensors, parameters,
    reductions, formula).
``LossInputError``
    Raised, with torch's message, for every input torch rejects.

This package never imports Qt.
"""

from __future__ import annotations

# Importing the family modules registers their losses in LOSSES.
from lossgui.engine import binary as _binary  # noqa: F401
from lossgui.engine import ctc as _ctc  # noqa: F401
from lossgui.engine import divergence as _divergence  # noqa: F401
from lossgui.engine import extras as _extras  # noqa: F401
from lossgui.engine import focal as _focal  # noqa: F401
from lossgui.engine import likelihood as _likelihood  # noqa: F401
from lossgui.engine import linear_cross_entropy as _linear_ce  # noqa: F401
from lossgui.engine import margin as _margin  # noqa: F401
from lossgui.engine import multi_margin as _multi_margin  # noqa: F401
from lossgui.engine import multiclass as _multiclass  # noqa: F401
from lossgui.engine import multilabel as _multilabel  # noqa: F401
from lossgui.engine import ranking as _ranking  # noqa: F401
from lossgui.engine import regression as _regression  # noqa: F401
from lossgui.engine import triplet as _triplet  # noqa: F401
from lossgui.engine.compute import compute
from lossgui.engine.errors import LossInputError
from lossgui.engine.registry import LOSSES, LossSpec, ParamSpec, TensorArg
from lossgui.engine.result import LossResult

__all__ = [
    "LOSSES",
    "LossInputError",
    "LossResult",
    "LossSpec",
    "ParamSpec",
    "TensorArg",
    "compute",
]
