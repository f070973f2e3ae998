"""From a training script or notebook to lossgui: :func:`show` and :func:`save`.

Both take the tensors of one loss call, in the order of the loss's
``forward``, and the loss itself::

    import lossgui

    criterion = nn.CrossEntropyLoss(weight=w, label_smoothing=0.1)
    lossgui.show(logits, labels, loss=criterion)       # the window
    lossgui.save("batch.lossgui", logits, labels, loss=criterion)  # headless

:func:`save` never imports Qt; :func:`show` imports it when called.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument
    from lossgui.ui.main_window import MainWindow

__all__ = ["save", "show"]


def _document(
    tensors: tuple[object, ...], loss: object, kwargs: dict[str, Any]
) -> SessionDocument:
    from lossgui.session.from_code import document_from_call

    return document_from_call(tensors, loss, kwargs)


def show(
    *tensors: object, loss: object, block: bool | None = None, **kwargs: Any
) -> MainWindow:
    """Open the lossgui window on one call of a loss.

    Parameters
    ----------
    *tensors : torch.Tensor, ndarray or nested list
        The loss's ``forward`` arguments in torch's order (``input, target``;
        ``input1, input2, target``; ``log_probs, targets, input_lengths,
        target_lengths`` ...). torch tensors may live on any device, require
        grad, be non-leaf or non-contiguous: they are detached and copied to
        the CPU. float64 tensors are computed in float64, everything else in
        float32. Shapes the grids cannot hold directly are mapped as File >
        Import does (a trailing dimension of 1 dropped, per-class or
        per-sample vectors placed); anything else raises its message.
    loss : torch.nn.Module, type or str
        A torch loss module, whose constructor arguments (``weight``,
        ``pos_weight``, ``ignore_index``, ``label_smoothing``, ``reduction``,
        ``beta``, ``delta``, ``margin``, ``p``, ``eps``, ``blank``,
        ``distance_function``, ...) are read from it; a loss class
        (``nn.HuberLoss``); or a loss name (``"CrossEntropyLoss"``,
        ``"sigmoid_focal_loss"``, ``"Poly1CrossEntropyLoss"``).
    block : bool, optional
        Run Qt's event loop until the window is closed. By default ``show``
        blocks in a plain script and returns at once where a Qt event loop
        already runs (IPython or Jupyter after ``%gui qt``, an application
        with its own ``QApplication``).
    **kwargs
        Constructor arguments, as :func:`lossgui.engine.compute` takes them
        (``reduction="sum"``, ``pos_weight=torch.tensor([3.0])``); with a
        module they override what is read from it.

    Returns
    -------
    lossgui.ui.main_window.MainWindow
        The window. Its value is what ``loss(*tensors)`` returns: the grid
        holds exactly what the loss receives (input mode "raw").

    Raises
    ------
    lossgui.session.from_torch.UnsupportedLossError
        For what lossgui cannot compute exactly, named: a subclass of a torch
        loss, a custom ``distance_function``, forward hooks.
    ValueError
        For a tensor that does not fit the loss (the import dialog's message).
    TypeError
        For the wrong number of tensors or an unknown keyword argument.
    RuntimeError
        When Qt cannot open a window here (missing system libraries).

    See Also
    --------
    save : the same, written to a session file without Qt.

    Examples
    --------
    >>> criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0]))
    >>> lossgui.show(logits, labels.float(), loss=criterion)  # doctest: +SKIP
    """
    doc = _document(tensors, loss, kwargs)
    from lossgui.ui.show import show_document  # Qt only here

    return show_document(doc, block)


def save(
    path: str | os.PathLike[str], *tensors: object, loss: object, **kwargs: Any
) -> Path:
    """Write one call of a loss to a session file, without Qt.

    For a training job on a headless machine: ``lossgui PATH`` (or File >
    Open) later shows the same value :func:`show` would.

    Parameters
    ----------
    path : str or os.PathLike
        The session file to write, atomically. Its extension picks the form:
        ``.lossgui`` is the binary container (a zip of a JSON manifest and
        NumPy ``.npy`` tensors; fast at any size), anything else readable
        JSON (for small batches: at most 2,000,000 values). Without an
        extension, ``.lossgui`` is added for more than 1,000,000 values and
        ``.json`` otherwise.
    *tensors : torch.Tensor, ndarray or nested list
        The loss's ``forward`` arguments in torch's order (see :func:`show`).
    loss : torch.nn.Module, type or str
        The loss (see :func:`show`).
    **kwargs
        Constructor arguments (see :func:`show`).

    Returns
    -------
    pathlib.Path
        The file written (``path``, with the extension added if it had none).

    Raises
    ------
    lossgui.session.from_torch.UnsupportedLossError, ValueError, TypeError
        As :func:`show`; ValueError also for a JSON name given more than
        2,000,000 values (save those as ``.lossgui``).
    OSError
        When the file cannot be written (nothing is left behind).

    Examples
    --------
    >>> lossgui.save("batch.lossgui", logits, labels, loss=criterion)  # doctest: +SKIP
    PosixPath('batch.lossgui')
    """
    doc = _document(tensors, loss, kwargs)
    from lossgui.io.session_binary import (
        CONTAINER_SUFFIX,
        JSON_MAX_VALUES,
        LARGE_SESSION_VALUES,
        session_values,
    )
    from lossgui.io.session_file import is_container_path, write_session

    target = Path(path)
    values = session_values(doc)
    if not target.suffix:
        large = values > LARGE_SESSION_VALUES
        target = target.with_suffix(CONTAINER_SUFFIX if large else ".json")
    if not is_container_path(target) and values > JSON_MAX_VALUES:
        raise ValueError(
            f"the batch has {values:,} values; readable JSON sessions hold at most "
            f"{JSON_MAX_VALUES:,}: save it as "
            f"'{target.with_suffix(CONTAINER_SUFFIX).name}'"
        )
    write_session(target, doc)
    return target
