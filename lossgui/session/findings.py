"""What a diagnostic reports: :class:`Finding` and its one-click :class:`Fix`.

Shared by the detector modules (:mod:`lossgui.session.diagnostics`,
:mod:`~lossgui.session.diagnostics_targets`,
:mod:`~lossgui.session.diagnostics_overflow`), together with the edits and
facts more than one of them uses, so that the detectors import this module
and :func:`lossgui.session.diagnostics.diagnose` imports the detectors,
never the other way round.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from lossgui.session.convert import switch_loss

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument

__all__ = [
    "SIGMOID_LOSSES",
    "Edit",
    "Finding",
    "Fix",
    "Severity",
    "float_slots_in_use",
    "set_input_mode",
    "to_loss",
]

Severity = Literal["error", "warning", "hint"]
Edit = Callable[["SessionDocument"], "SessionDocument | None"]

#: Losses that apply a sigmoid to their first tensor themselves.
SIGMOID_LOSSES = ("BCEWithLogitsLoss", "MultiLabelSoftMarginLoss", "sigmoid_focal_loss")


@dataclass(frozen=True)
class Fix:
    """A one-click repair.

    Attributes
    ----------
    label : str
        The button's text (and the undo step's name).
    description : str
        What it changes.
    apply : callable
        ``apply(doc)`` edits ``doc`` in place (returning ``None``) or returns
        a new document, as :meth:`SessionController.apply` expects.
    """

    label: str
    description: str
    apply: Edit


@dataclass(frozen=True)
class Finding:
    """Something that looks wrong in the session."""

    code: str
    severity: Severity
    title: str
    detail: str
    fixes: tuple[Fix, ...] = ()


def to_loss(name: str, input_mode: str | None = None) -> Edit:
    """An edit switching to loss ``name`` (numbers carried over), then the mode."""

    def edit(doc: SessionDocument) -> SessionDocument:
        new = switch_loss(doc, name)
        if input_mode is not None:
            new.set_setting("input_mode", input_mode)
        return new

    return edit


def set_input_mode(mode: str) -> Edit:
    """An edit setting the input mode."""

    def edit(doc: SessionDocument) -> None:
        doc.set_setting("input_mode", mode)

    return edit


def float_slots_in_use(doc: SessionDocument) -> list[str]:
    """The float tensors the loss receives (optional ones only when enabled)."""
    return [
        slot.name
        for slot in doc.slots()
        if slot.kind == "float" and (not slot.optional or doc.enabled.get(slot.name))
    ]
