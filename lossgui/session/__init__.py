"""The session document: what the user edits, and its frozen evaluation (no Qt).

Public API
----------
``startup_document()``
    The cat/dog batch (BCEWithLogitsLoss, mean → 1.0828).
``new_document(name)``, ``switch_loss(doc, name)``, ``switch_target_mode(doc, mode)``
    A loss's example, and carrying numbers over to another loss or target form.
``SessionDocument``
    Loss, settings and tensors as plain data; ``doc.evaluate()``.
``Evaluation``
    The frozen result every view receives.
"""

from __future__ import annotations

from lossgui.session.convert import (
    new_document,
    startup_document,
    switch_loss,
    switch_target_mode,
    target_name,
)
from lossgui.session.document import DTYPES, INPUT_MODES, SessionDocument
from lossgui.session.evaluation import Evaluation, evaluate
from lossgui.session.layout import Slot, has_class_dim, target_modes
from lossgui.session.receipt import Receipt

__all__ = [
    "DTYPES",
    "INPUT_MODES",
    "Evaluation",
    "Receipt",
    "SessionDocument",
    "Slot",
    "evaluate",
    "has_class_dim",
    "new_document",
    "startup_document",
    "switch_loss",
    "switch_target_mode",
    "target_modes",
    "target_name",
]
