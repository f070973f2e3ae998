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


def stored_float(array: Array, owned: bool = False) -> Array:
    """``array`` as the document stores a float tensor (C order, its own copy).

    float64, except a float32 array of at least :data:`LARGE_TENSOR_VALUES`
    values, which is kept as float32 (see the module docstring).

    Parameters
    ----------
    array : ndarray
        The values.
    owned : bool
        The caller hands ``array`` over (freshly read from a file, referred to
        by nothing else): it is kept as it is when it already has the storage
        dtype and layout, instead of copied. Otherwise the document gets a
        copy, so that two tensors made from one array, or the caller's own
        array, never share memory with the document.
    """
    keep = array.dtype == np.float32 and array.size >= LARGE_TENSOR_VALUES
    dtype = np.float32 if keep else np.float64
    fits = array.dtype == dtype and array.flags.c_contiguous and array.flags.owndata
    if owned and fits:
        return array
    return np.array(array, dtype=dtype, order="C", copy=True)
