"""What the editing tools are called and what they do, for the loss in front.

Qt-free rules behind the grid tools' labels and limits:

- :func:`first_tensor_is_logits`: whether the first grid really holds logits
  (so "Random logits" is the honest name, else "Random inputs");
- :func:`cleared_value`: the value a cell gets when the user deletes it;
- :func:`removal_blocked`: why rows or columns cannot be removed (a tensor
  keeps at least one of each).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lossgui.i18n import translate
from lossgui.session.layout import Slot

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument

__all__ = [
    "cleared_value",
    "first_tensor_is_logits",
    "random_label",
    "random_tooltip",
    "removal_blocked",
]

_LOGIT_DOCS = ("logits", "unnormalised logits", "unnormalized logits")


def first_tensor_is_logits(doc: SessionDocument) -> bool:
    """True when the first grid holds logits.

    Either the loss takes logits itself (``BCEWithLogitsLoss``,
    ``CrossEntropyLoss``, ...) or the window applies the loss's activation
    to the grid first (input mode ``"logits"`` for ``BCELoss``,
    ``NLLLoss``, ``KLDivLoss``, ``CTCLoss``).
    """
    spec = doc.spec
    if spec.activation is not None:
        return doc.input_mode == "logits"
    return spec.forward[0].doc.strip().lower().startswith(_LOGIT_DOCS)


def random_label(doc: SessionDocument) -> str:
    """The random button's name: "Random logits" only for logits."""
    if first_tensor_is_logits(doc):
        return translate("session", "Random logits")
    return translate("session", "Random inputs")


def random_tooltip(doc: SessionDocument) -> str:
    """What the random button replaces, by torch's name of the first tensor."""
    if first_tensor_is_logits(doc):
        text = translate(
            "session",
            "Replace the logits of '{name}' with seeded random numbers "
            "(Ctrl+R; undo with Ctrl+Z).",
        )
    else:
        text = translate(
            "session",
            "Replace the values of '{name}' with seeded random numbers "
            "(Ctrl+R; undo with Ctrl+Z).",
        )
    return text.format(name=doc.first_name)


def cleared_value(slot: Slot) -> float | int:
    """The value Delete writes into a cell of ``slot``.

    A cleared cell gets what a newly inserted row would hold: the slot's
    neutral fill (``1`` for weights and variances, so a cleared weight stops
    weighting; ``0`` for inputs and float targets). Class indices clear to
    class ``0``.
    """
    if slot.kind == "index":
        return 0
    return float(slot.fill)


def removal_blocked(doc: SessionDocument, axis: int) -> str | None:
    """Why rows (``axis=0``) or columns (``axis=1``) cannot be removed now.

    Returns
    -------
    str or None
        The reason, for the disabled action's tooltip; ``None`` when
        removing is possible.
    """
    if axis == 0 and doc.rows <= 1:
        return translate(
            "session",
            "The batch has one row: a tensor keeps at least one row "
            "(insert a row first, or edit this one).",
        )
    if axis == 1 and doc.columns <= 1:
        return translate(
            "session",
            "The grid has one column: a tensor keeps at least one column "
            "(insert a column first, or edit this one).",
        )
    return None
