"""The window's session file: new, open, save, recent files and unsaved changes.

"Unsaved changes" is the undo stack's clean state: saving marks the stack
clean, every edit (and undo back past the save) makes it dirty, and the
title bar's ``[*]`` follows it. Opening, New and closing ask first when there
are unsaved changes. Opening a file replaces the document outright (the undo
history starts afresh); a file that cannot be read leaves everything as it
was and says why in a dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox
from shiboken6 import isValid

from lossgui.io.errors import FileFormatError
from lossgui.session import SessionDocument, startup_document
from lossgui.ui.commands import Change

__all__ = ["SESSION_FILTER", "SessionFiles", "ask_save_changes", "show_file_error"]

SESSION_FILTER = "lossgui sessions (*.json);;All files (*)"
RECENT_KEY = "files/recent"
RECENT_MAX = 8


def ask_save_changes(parent, name: str) -> str:
    """Ask whether to save ``name``'s changes: ``"save"``, ``"discard"``, ``"cancel"``.

    A module function so tests can answer it without a dialog.
    """
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.warning(
        parent,
        "Unsaved changes",
        f"Save the changes to “{name}” before closing it?\n\n"
        "Your changes are lost if you don't save them.",
        buttons.Save | buttons.Discard | buttons.Cancel,
        buttons.Save,
    )
    if answer == buttons.Save:
        return "save"
    return "discard" if answer == buttons.Discard else "cancel"


def show_file_error(parent, title: str, path: str | Path, problem: object) -> None:
    """Say in a dialog why a file could not be used (nothing was changed)."""
    QMessageBox.warning(
        parent,
        title,
        f"<b>{Path(path).name}</b><br><br>{problem}<br><br>"
        "Your current session is unchanged.",
    )


class SessionFiles(QObject):
    """Tracks the file behind the window's document and its unsaved changes.

    Signals
    -------
    pathChanged(object)
        The session's file changed (a ``Path`` or ``None``).
    """

    pathChanged = Signal(object)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.controller = window.controller
        self.stack = self.controller.undo_stack
        self.path: Path | None = None
        self.title = "Untitled"
        self.stack.cleanChanged.connect(self._on_clean_changed)
        self.update_title()

    # ------------------------------------------------------------------ state
    @property
    def modified(self) -> bool:
        """True when the document has changes not saved to a file."""
        return not self.stack.isClean()

    def display_name(self) -> str:
        """The file's name, or the example's title, or "Untitled"."""
        return self.path.name if self.path is not None else self.title

    def update_title(self) -> None:
        """``name[*] — lossgui``, with ``*`` shown while there are unsaved changes."""
        self.window.setWindowTitle(f"{self.display_name()}[*] — lossgui")
        self.window.setWindowModified(self.modified)

    def _on_clean_changed(self, _clean: bool) -> None:
        if isValid(self.window):  # the stack also signals while the window dies
            self.update_title()

    def confirm_discard(self) -> bool:
        """Ask about unsaved changes; True when it is fine to replace the document."""
        if not self.modified:
            return True
        answer = ask_save_changes(self.window, self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    # --------------------------------------------------------------- document
    def replace_document(
        self,
        doc: SessionDocument,
        path: Path | None,
        title: str = "Untitled",
        modified: bool = False,
    ) -> None:
        """Show ``doc`` as a fresh document (new undo history)."""
        self.controller.document.assign(doc)
        self.stack.clear()
        if modified:
            self.stack.resetClean()
        self.path = path
        self.title = title
        self.controller.notify(Change.STRUCTURE, ())
        self.update_title()
        self.pathChanged.emit(path)

    def new_session(self) -> None:
        """File > New: the cat/dog example, untitled."""
        if self.confirm_discard():
            self.replace_document(startup_document(), None)
            self.window.show_message("New session: the cat/dog example")

    def open_dialog(self) -> None:
        """File > Open…: pick a session file."""
        if not self.confirm_discard():
            return
        start = str(self.path.parent) if self.path else ""
        name, _ = QFileDialog.getOpenFileName(
            self.window, "Open session", start, SESSION_FILTER
        )
        if name:
            self.open_path(name, confirmed=True)

    def open_path(
        self, path: str | Path, confirmed: bool = False, example: bool = False
    ) -> bool:
        """Open the session at ``path``; False (with a dialog) if it cannot be."""
        if not confirmed and not self.confirm_discard():
            return False
        file = Path(path)
        # deferred: json, schema checks and hashing are not needed at start-up
        from lossgui.io.session_file import read_session

        try:
            loaded = read_session(file)
        except FileFormatError as exc:
            show_file_error(self.window, "Cannot open session", file, exc)
            self.window.show_message(f"Cannot open {file.name}: {exc}")
            return False
        meta: dict[str, Any] = loaded.example
        if example:
            title = f"Example: {meta.get('title', file.stem)}"
            self.replace_document(loaded.document, None, title)
            self.window.show_message(f"{title}. {meta.get('description', '')}")
        else:
            self.replace_document(loaded.document, file.resolve())
            self.add_recent(file)
            self.window.show_message(f"Opened {file.name}")
        return True

    # ------------------------------------------------------------------ saving
    def save(self) -> bool:
        """File > Save (Save As… for an untitled session); True when saved."""
        if self.path is None:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        """File > Save As…: pick a file name; True when saved."""
        start = (
            str(self.path) if self.path else f"{self.title.split(':')[-1].strip()}.json"
        )
        name, _ = QFileDialog.getSaveFileName(
            self.window, "Save session", start, SESSION_FILTER
        )
        if not name:
            return False
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".json")
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Write the session to ``path`` (atomically); True when it worked."""
        from lossgui.io.session_file import write_session  # deferred, as above

        try:
            write_session(path, self.controller.document)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            QMessageBox.critical(
                self.window,
                "Cannot save session",
                f"<b>{path.name}</b> could not be written: {reason}.<br><br>"
                "Nothing was written; choose another folder with File > Save As….",
            )
            self.window.show_message(f"Cannot save {path.name}: {reason}")
            return False
        self.path = path.resolve()
        self.stack.setClean()
        self.add_recent(path)
        self.update_title()
        self.pathChanged.emit(self.path)
        self.window.show_message(f"Saved {path.name}")
        return True

    # ------------------------------------------------------------------ recent
    def recent_files(self) -> list[str]:
        """Recently opened or saved sessions, newest first (existing ones only)."""
        value = self.window.settings.value(RECENT_KEY, [])
        names = [value] if isinstance(value, str) else list(value or [])
        return [name for name in names if Path(name).is_file()]

    def add_recent(self, path: str | Path) -> None:
        """Put ``path`` first in the recent-files list."""
        name = str(Path(path).resolve())
        names = [n for n in self.recent_files() if n != name]
        self.window.settings.setValue(RECENT_KEY, [name, *names][:RECENT_MAX])

    def clear_recent(self) -> None:
        """Forget the recent files."""
        self.window.settings.setValue(RECENT_KEY, [])
