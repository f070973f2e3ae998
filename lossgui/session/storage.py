"""How the document stores a float tensor: float64, or a large float32 as it is.

See :mod:`lossgui.session.document`: a float tensor of at least
:data:`LARGE_TENSOR_VALUES` values that arrives as float32 stays float32
(its values are exactly float32, so a float64 copy would only double the
memory of a 50,000 x 1000 batch).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["LARGE_TENSOR_VALUES", "stored_float"]

Array = npt.NDArray[Any]

#: From this many values on, a float32 tensor is stored as float32.
LARGE_TENSOR_VALUES = 1_000_000


def stored_float(array: Array) -> Array:
    """``array`` as the document stores a float tensor (C order, owned).

    float64, except a float32 array of at least :data:`LARGE_TENSOR_VALUES`
    values, which is kept as float32 (see the module docstring). Returns
    ``array`` itself when it already is what the document stores.
    """
    keep = array.dtype == np.float32 and array.size >= LARGE_TENSOR_VALUES
    dtype = np.float32 if keep else np.float64
    if array.dtype == dtype and array.flags.c_contiguous and array.flags.owndata:
        return array
    return np.array(array, dtype=dtype, order="C", copy=True)
