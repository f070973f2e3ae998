"""Which document the undo stack shows, and whether it has unsaved changes.

Opening an example, New and opening a session file are undo steps
(:class:`~lossgui.ui.commands.OpenDocumentCommand`), so one undo stack holds
several documents one after the other. Each document is a *segment*: the
one the window started with (or restored) and one per open command. A
segment has a name and a *saved state*: the undo command after which the
document equals its file or example (for the start document: the empty
stack, or no state at all after crash recovery). The document has unsaved
changes exactly when the stack is not at its segment's saved state, so
opening an example never makes anything "modified", and undoing the open
returns to the previous document with its own unsaved work and name.

Every command is tagged with its segment when it is pushed; that survives
Qt dropping the oldest commands at the undo limit. Qt's own clean index is
kept on the current saved state, so Qt never merges an edit into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtGui import QUndoStack

from lossgui.session.document_name import DocumentName
from lossgui.ui.commands import OpenDocumentCommand

__all__ = ["BOTTOM", "NEVER", "DocumentHistory", "Segment", "SegmentOwner"]

#: The saved state "nothing applied yet" of the start document.
BOTTOM = object()
#: A saved state no stack position has (a restored autosave, a trimmed start).
NEVER = object()
_OWNER = "lossgui_segment"
_PREVIOUS = "lossgui_previous_segment"


class SegmentOwner(Protocol):
    """What holds a segment's name and saved state.

    An :class:`~lossgui.ui.commands.OpenDocumentCommand` for the documents it
    opens, a ``_StartDocument`` for the one the window started with.
    """

    name: DocumentName
    saved: object


@dataclass(eq=False)
class _StartDocument:
    """The owner of the start segment (open commands own theirs)."""

    name: DocumentName
    saved: object


@dataclass(frozen=True)
class Segment:
    """One document in the undo history.

    Attributes
    ----------
    owner : SegmentOwner
        Holds ``name`` and ``saved`` (the open command, or the start document).
    end : int
        The stack index of the segment's latest state.
    modified : bool
        Whether that state differs from the saved one.
    """

    owner: SegmentOwner
    end: int
    modified: bool

    @property
    def name(self) -> DocumentName:
        """The document's name."""
        name = self.owner.name
        return name if isinstance(name, DocumentName) else DocumentName()


class DocumentHistory:
    """Reads the documents and their saved states out of an undo stack."""

    def __init__(self, stack: QUndoStack, name: DocumentName) -> None:
        self.stack = stack
        self._start = _StartDocument(name, BOTTOM)
        self._owner: SegmentOwner = self._start
        self._count = stack.count()

    def restart(self, name: DocumentName, saved: bool = True) -> None:
        """A fresh history; ``saved=False``: the document has no saved state."""
        self.stack.clear()
        self._start = _StartDocument(name, BOTTOM if saved else NEVER)
        self._owner = self._start
        self._count = 0
        if not saved:
            self.stack.resetClean()  # Qt's clean index stays on saved states

    # --------------------------------------------------------------- tagging
    def follow(self) -> None:
        """After every index change: tag a new command with its segment."""
        index, count = self.stack.index(), self.stack.count()
        top = self.stack.command(index - 1) if index > 0 else None
        if top is not None and not hasattr(top, _OWNER):
            if isinstance(top, OpenDocumentCommand):
                setattr(top, _PREVIOUS, self._owner)
                setattr(top, _OWNER, top)
            else:
                setattr(top, _OWNER, self._owner)
            trimmed = count == self._count == self.stack.undoLimit() > 0
            if trimmed and self._start.saved is BOTTOM:
                self._start.saved = NEVER  # index 0 is no longer the start state
        self._count = count
        self._owner = self._owner_at(index)
        if not self.current().modified and not self.stack.isClean():
            self.stack.setClean()  # Qt merges no later edit into a saved state

    def _owner_at(self, index: int) -> SegmentOwner:
        owner: SegmentOwner  # the tags follow() put on the commands
        if index > 0:
            owner = getattr(self.stack.command(index - 1), _OWNER, self._start)
            return owner
        first = self.stack.command(0) if self.stack.count() else None
        if first is None:
            return self._start
        if isinstance(first, OpenDocumentCommand):
            owner = getattr(first, _PREVIOUS, self._start)
        else:
            owner = getattr(first, _OWNER, self._start)
        return owner

    def _state(self, index: int) -> object:
        """The saved-state marker of stack position ``index``."""
        return self.stack.command(index - 1) if index > 0 else BOTTOM

    # --------------------------------------------------------------- reading
    def current(self) -> Segment:
        """The document shown now."""
        index = self.stack.index()
        owner = self._owner_at(index)
        saved = owner.saved
        return Segment(owner, index, saved is not self._state(index))

    def earlier_unsaved(self) -> list[Segment]:
        """Earlier documents (reached by undo) left unsaved, newest first."""
        found: list[Segment] = []
        for position in range(self.stack.index() - 1, -1, -1):
            command = self.stack.command(position)
            if isinstance(command, OpenDocumentCommand):
                owner: SegmentOwner = getattr(command, _PREVIOUS, self._start)
                saved = owner.saved
                if saved is not self._state(position):
                    found.append(Segment(owner, position, True))
        return found

    # --------------------------------------------------------------- writing
    def mark_saved(self, name: DocumentName) -> None:
        """The document shown now was saved as ``name``."""
        owner = self._owner_at(self.stack.index())
        owner.name = name
        self.mark_current_saved()
        self.stack.setClean()  # Qt merges no later edit into a saved state

    def mark_current_saved(self) -> None:
        """The state shown now is the document's saved state.

        Called when Qt's stack becomes clean: Qt's clean index is only ever
        put on saved states, and code outside the window (the screenshot
        tools) calls ``setClean()`` to mean "nothing to save".
        """
        owner = self._owner_at(self.stack.index())
        owner.saved = self._state(self.stack.index())
