"""Undoable edits of the session document, as ``QUndoCommand`` subclasses.

Three kinds cover every edit:

- :class:`CellsCommand` writes values into one tensor (typing, paste, fill);
  it keeps only the old values of the cells it touches.
- :class:`SettingCommand` changes one setting key (reduction, a parameter,
  dtype, ...); consecutive changes of the same key merge into one step.
- :class:`DocumentCommand` swaps whole document states, for edits that change
  shapes or the loss (resize, switch loss, one-hot, random logits).
- :class:`OpenDocumentCommand` is a :class:`DocumentCommand` that puts another
  document in the window (an example, New, a session file): it carries the
  new document's name and the state in which it was last saved, so undoing it
  returns to the previous document, its name and its unsaved work.
"""

from __future__ import annotations

from enum import IntFlag
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from lossgui.session import SessionDocument
    from lossgui.session.document_name import DocumentName
    from lossgui.ui.controller import SessionController

__all__ = [
    "CellsCommand",
    "Change",
    "DocumentCommand",
    "OpenDocumentCommand",
    "SettingCommand",
]

_SETTING_ID = 0x5E77


class Change(IntFlag):
    """What an edit changed, so views know how much to refresh."""

    VALUES = 1
    SETTINGS = 2
    STRUCTURE = 4


class CellsCommand(QUndoCommand):
    """Write ``values`` at ``(rows, columns)`` of tensor ``name``."""

    def __init__(
        self,
        controller: SessionController,
        name: str,
        rows: npt.ArrayLike,
        columns: npt.ArrayLike,
        values: npt.ArrayLike,
        text: str,
    ) -> None:
        super().__init__(text)
        self._controller = controller
        self._name = name
        self._rows = np.asarray(rows, dtype=np.intp)
        self._columns = np.asarray(columns, dtype=np.intp)
        table = controller.document.table(name)
        self._old = np.array(table[self._rows, self._columns], copy=True)
        self._new = np.asarray(values)

    def _apply(self, values: np.ndarray) -> None:
        self._controller.document.set_values(
            self._name, self._rows, self._columns, values
        )
        region = None
        if self._rows.size:
            region = (
                range(int(self._rows.min()), int(self._rows.max()) + 1),
                range(int(self._columns.min()), int(self._columns.max()) + 1),
            )
        self._controller.notify(Change.VALUES, (self._name,), region)

    def redo(self) -> None:
        """Qt: apply the edit."""
        self._apply(self._new)

    def undo(self) -> None:
        """Qt: revert the edit."""
        self._apply(self._old)


class SettingCommand(QUndoCommand):
    """Change one setting key; repeated changes of the same key merge."""

    def __init__(self, controller: SessionController, key: str, value: Any, text: str):
        super().__init__(text)
        self._controller = controller
        self.key = key
        self._old = controller.document.setting(key)
        self.new = value

    def id(self) -> int:
        """Qt: the merge id shared by setting changes."""
        return _SETTING_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Qt: fold a following change of the same key into this step."""
        if not isinstance(other, SettingCommand) or other.key != self.key:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        """Qt: apply the edit."""
        self._controller.document.set_setting(self.key, self.new)
        self._controller.notify(Change.SETTINGS, ())

    def undo(self) -> None:
        """Qt: revert the edit."""
        self._controller.document.set_setting(self.key, self._old)
        self._controller.notify(Change.SETTINGS, ())


class DocumentCommand(QUndoCommand):
    """Replace the whole document with ``after`` (and back to ``before`` on undo).

    The states are swapped, never copied: redo moves ``after``'s arrays into
    the window's document and keeps the document's former arrays as the
    state to return to; undo swaps back. This is exact because the undo
    stack is linear: when a step is undone or redone, every later step has
    been undone, so the window's document is in exactly the state the step
    left (or found) it in. ``before`` is the document as it was when the step
    was made; at the first redo the window's own arrays replace it (the same
    values), so a step over a 200 MB batch holds one copy of each state.
    """

    def __init__(
        self,
        controller: SessionController,
        before: SessionDocument | None,
        after: SessionDocument,
        text: str,
    ):
        super().__init__(text)
        self._controller = controller
        self._before = before
        self._after: SessionDocument | None = after

    def redo(self) -> None:
        """Qt: apply the edit."""
        assert self._after is not None, "redo of a step that is applied"
        self._before = self._controller.document.take(self._after)
        self._after = None
        self._controller.notify(Change.STRUCTURE, ())

    def undo(self) -> None:
        """Qt: revert the edit."""
        assert self._before is not None, "undo of a step that is not applied"
        self._after = self._controller.document.take(self._before)
        self._before = None
        self._controller.notify(Change.STRUCTURE, ())


class OpenDocumentCommand(DocumentCommand):
    """Show another document; see the module docstring.

    Attributes
    ----------
    name : DocumentName
        What the window calls the opened document; saving it under another
        name replaces it.
    saved : object
        The undo command after which the document equals its file or
        example: this command itself until the user saves a later state.
    """

    def __init__(
        self,
        controller: SessionController,
        before: SessionDocument | None,
        after: SessionDocument,
        text: str,
        name: DocumentName,
    ) -> None:
        super().__init__(controller, before, after, text)
        self.name = name
        self.saved: object = self
