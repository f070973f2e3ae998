"""The window's session file: new, open, save, recent files and unsaved changes.

Opening an example, File > New and opening a session file are each one undo
step: Ctrl+Z returns to the previous document with its name and its typed
work, so none of them asks a question. "Unsaved changes" (the title bar's
``[*]``) means the shown document differs from the state in which it was
opened or last saved (:class:`DocumentHistory`); opening never makes a
document modified. Closing the window asks about the shown document and
about earlier documents in the undo history that hold unsaved work. A file
that cannot be read leaves everything as it was and says why in a dialog.

The window title and a permanent status-bar label (``documentLabel``) name
what is loaded: the file, or the example and its article.

A large file is read (and its document evaluated) in the window's worker
thread (:mod:`lossgui.ui.background`) and shown only when both finished;
Cancel leaves the session as it was. A large session is written there too,
to a hidden file beside the target that replaces it only when complete, so
Cancel or a failure leaves no file.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QWidget
from shiboken6 import isValid

from lossgui.i18n import QT_TRANSLATE_NOOP, translate
from lossgui.io.errors import FileFormatError
from lossgui.session import SessionDocument, startup_document
from lossgui.session.document_name import DocumentName
from lossgui.ui import background
from lossgui.ui.background import Cancelled
from lossgui.ui.commands import Change, OpenDocumentCommand
from lossgui.ui.document_history import DocumentHistory

if TYPE_CHECKING:
    from lossgui.io.session_file import LoadedSession
    from lossgui.session import Evaluation
    from lossgui.ui.main_window import MainWindow

__all__ = ["SESSION_FILTER", "SessionFiles", "ask_save_changes", "show_file_error"]

#: The file dialogs' filters, in English (shown translated: see :func:`shown_filter`).
SESSION_FILTER = QT_TRANSLATE_NOOP(
    "SessionFiles", "lossgui sessions (*.json *.lossgui);;All files (*)"
)
#: Save As's choices: readable JSON, or the binary container for large sessions.
JSON_FILTER = QT_TRANSLATE_NOOP(
    "SessionFiles", "lossgui session, readable JSON (*.json)"
)
CONTAINER_FILTER = QT_TRANSLATE_NOOP(
    "SessionFiles", "lossgui session, binary for large data (*.lossgui)"
)
ALL_FILES_FILTER = QT_TRANSLATE_NOOP("SessionFiles", "All files (*)")
RECENT_KEY = "files/recent"
RECENT_MAX = 8


def shown_filter(english: str) -> str:
    """A file dialog filter of this module in the window's language."""
    return QCoreApplication.translate("SessionFiles", english)


def ask_save_changes(parent: QWidget | None, name: str) -> str:
    """Ask whether to save ``name``'s changes: ``"save"``, ``"discard"``, ``"cancel"``.

    A module function so tests can answer it without a dialog.
    """
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.warning(
        parent,
        QCoreApplication.translate("SessionFiles", "Unsaved changes"),
        QCoreApplication.translate(
            "SessionFiles",
            "Save the changes to “{name}” before closing it?\n\n"
            "Your changes are lost if you don't save them.",
        ).format(name=name),
        buttons.Save | buttons.Discard | buttons.Cancel,
        buttons.Save,
    )
    if answer == buttons.Save:
        return "save"
    return "discard" if answer == buttons.Discard else "cancel"


def show_file_error(
    parent: QWidget | None, title: str, path: str | Path, problem: object
) -> None:
    """Say in a dialog why a file could not be used (nothing was changed)."""
    unchanged = QCoreApplication.translate(
        "SessionFiles", "Your current session is unchanged."
    )
    QMessageBox.warning(
        parent,
        title,
        f"<b>{Path(path).name}</b><br><br>{problem}<br><br>{unchanged}",
    )


class SessionFiles(QObject):
    """Tracks the name of the window's document and its unsaved changes.

    Parameters
    ----------
    window : MainWindow
        The window (its controller's undo stack holds the documents).
    start_name : DocumentName, optional
        What the document the window starts with is called.

    Signals
    -------
    modifiedChanged(bool)
        The document got, or lost, unsaved changes.
    """

    modifiedChanged = Signal(bool)

    def __init__(
        self, window: MainWindow, start_name: DocumentName | None = None
    ) -> None:
        super().__init__(window)
        self.window = window
        self.controller = window.controller
        self.stack = self.controller.undo_stack
        self.startup_name = start_name or DocumentName()
        self.history = DocumentHistory(self.stack, self.startup_name)
        self.label = QLabel()
        self.label.setObjectName("documentLabel")
        window.statusBar().addPermanentWidget(self.label)
        self._shown: tuple[DocumentName, bool] | None = None
        self.stack.indexChanged.connect(self._on_index_changed)
        self.stack.cleanChanged.connect(self._on_clean_changed)
        self.update_title()

    # ------------------------------------------------------------------ state
    @property
    def name(self) -> DocumentName:
        """What the shown document is called."""
        return self.history.current().name

    @property
    def path(self) -> Path | None:
        """The shown document's file, if it has one."""
        return self.name.path

    @property
    def modified(self) -> bool:
        """True when the shown document differs from its file or example."""
        return self.history.current().modified

    def display_name(self) -> str:
        """The file's name, or the example's title, or "Untitled"."""
        return self.name.display()

    def update_title(self) -> None:
        """Title (``*`` while modified) and status label follow the document."""
        name, modified = self.name, self.modified
        if self._shown == (name, modified):
            return
        previous = self._shown
        self._shown = (name, modified)
        self.window.setWindowTitle(name.window_title())
        self.window.setWindowModified(modified)
        self.label.setText(name.status_text())
        self.label.setToolTip(name.status_tip())
        if previous is None or previous[1] != modified:
            self.modifiedChanged.emit(modified)

    def _on_index_changed(self, _index: int) -> None:
        if isValid(self.window) and isValid(self.stack):  # also while the window dies
            self.history.follow()
            self.update_title()

    def _on_clean_changed(self, clean: bool) -> None:
        if clean and isValid(self.window) and isValid(self.stack):
            self.history.mark_current_saved()
            self.update_title()

    def confirm_close(self) -> bool:
        """Ask about unsaved work before the history is lost; True to go on.

        The shown document is asked about first, then each earlier document
        in the undo history with unsaved changes (shown while asked about).
        Cancel, or a save that does not happen, returns to where the user was.
        """
        start = self.stack.index()
        pending = self.history.earlier_unsaved()
        if self.modified:
            pending.insert(0, self.history.current())
        for segment in pending:
            if segment.end != self.stack.index():
                self.stack.setIndex(segment.end)
            answer = ask_save_changes(self.window, self.display_name())
            if answer == "cancel" or (answer == "save" and not self.save()):
                self.stack.setIndex(start)
                return False
        return True

    # --------------------------------------------------------------- document
    def replace_document(
        self, doc: SessionDocument, name: DocumentName, modified: bool = False
    ) -> None:
        """Show ``doc`` with a fresh undo history (start-up, crash recovery).

        ``modified`` marks a document that has no saved state (a restored
        autosave): it stays modified until saved. ``doc`` is handed over, not
        copied (callers pass a fresh document).
        """
        self.controller.document.take(doc)
        self.history.restart(name, saved=not modified)
        self.controller.notify(Change.STRUCTURE, ())
        self._after_replace()

    def open_document(
        self, doc: SessionDocument, name: DocumentName, text: str
    ) -> None:
        """Show ``doc`` as one undo step (Ctrl+Z returns to the current one).

        ``doc`` is kept by the undo step as it is (callers hand over a fresh
        document; the step's redo moves it into the window's document, and
        keeps the window's former arrays for undo, without copies).
        """
        self.stack.push(OpenDocumentCommand(self.controller, None, doc, text, name))
        # a full undo stack drops its oldest step and keeps its index, so the
        # push may not announce itself: follow it here
        self._after_replace()

    def _after_replace(self) -> None:
        self.history.follow()
        self.update_title()

    def new_session(self) -> None:
        """File > New: the start-up example, as one undo step."""
        self.open_document(
            startup_document(),
            self.startup_name,
            QCoreApplication.translate("SessionFiles", "New session"),
        )
        self.window.show_message(
            QCoreApplication.translate(
                "SessionFiles",
                "New session: {name} (Ctrl+Z returns to the previous one)",
            ).format(name=self.display_name())
        )

    def open_dialog(self) -> None:
        """File > Open…: pick a session file."""
        start = str(self.path.parent) if self.path else ""
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            QCoreApplication.translate("SessionFiles", "Open session"),
            start,
            shown_filter(SESSION_FILTER),
        )
        if name:
            self.open_path(name)

    def open_path(
        self, path: str | Path, example: bool = False, fresh: bool = False
    ) -> bool:
        """Open the session at ``path``; False (with a dialog) if it cannot be.

        ``example``: a bundled example (named by its title, not its file).
        ``fresh``: start a new undo history (a file given at start-up);
        otherwise opening is one undo step.
        """
        if self.window.background.busy:
            return False
        file = Path(path)
        try:
            loaded, evaluation = self._read(file)
        except Cancelled:
            self.window.show_message(
                QCoreApplication.translate(
                    "SessionFiles", "Opening {file} cancelled; nothing changed"
                ).format(file=file.name)
            )
            return False
        except FileFormatError as exc:
            show_file_error(
                self.window,
                QCoreApplication.translate("SessionFiles", "Cannot open session"),
                file,
                exc,
            )
            self.window.show_message(
                QCoreApplication.translate(
                    "SessionFiles", "Cannot open {file}: {error}"
                ).format(file=file.name, error=exc)
            )
            return False
        meta: dict[str, Any] = loaded.example
        if example:
            name = DocumentName(
                example=str(meta.get("title", file.stem)),
                group=str(meta.get("group", "")),
            )
            message = QCoreApplication.translate(
                "SessionFiles", "Opened example: {title}"
            ).format(title=translate("examples", name.example))
        else:
            name = DocumentName(file.resolve())
            self.add_recent(file)
            message = QCoreApplication.translate(
                "SessionFiles", "Opened {file}"
            ).format(file=file.name)
        self.window.prime(evaluation)
        try:
            if fresh:
                self.replace_document(loaded.document, name)
            else:
                self.open_document(loaded.document, name, message)
        finally:
            self.window.prime(None)
        self.window.show_message(message)
        return True

    def _read(self, file: Path) -> tuple[LoadedSession, Evaluation | None]:
        """Read ``file``; a large one (and its evaluation) in the worker thread.

        Raises
        ------
        FileFormatError
            When the file cannot be used.
        Cancelled
            When the user cancelled the reading.
        """
        # deferred: json, schema checks and hashing are not needed at start-up
        from lossgui.io.session_file import read_session

        try:
            size = file.stat().st_size
        except OSError:
            size = 0  # read_session says why
        if size <= background.BACKGROUND_BYTES:
            return read_session(file), None

        def job(
            progress: background.Progress,
        ) -> tuple[LoadedSession, Evaluation | None]:
            loaded = read_session(file)
            if not background.is_large(loaded.document):
                return loaded, None
            if not progress(0.5):
                return loaded, None  # cancelled: the result is discarded

            def rest(fraction: float) -> bool:
                return progress(0.5 + 0.5 * fraction)

            return loaded, loaded.document.evaluate(rest)

        return self.window.background.run(
            QCoreApplication.translate("SessionFiles", "Opening {file}…").format(
                file=file.name
            ),
            job,
        )

    # ------------------------------------------------------------------ saving
    def save(self) -> bool:
        """File > Save (Save As… for an untitled session); True when saved.

        A large session (more than
        :data:`~lossgui.io.session_binary.LARGE_SESSION_VALUES` values) whose
        file is JSON goes to Save As…, which proposes a ``.lossgui`` container.
        """
        from lossgui.io.session_file import is_container_path  # deferred

        if self.path is None or (not is_container_path(self.path) and self._large()):
            return self.save_as()
        return self.save_to(self.path)

    def _large(self) -> bool:
        from lossgui.io.session_binary import LARGE_SESSION_VALUES, session_values

        return session_values(self.controller.document) > LARGE_SESSION_VALUES

    def save_as(self) -> bool:
        """File > Save As…: pick a file name; True when saved.

        The name's extension picks the form (``.lossgui``: the binary
        container; anything else: JSON); without one, the chosen filter's.
        Large sessions start with the container proposed.
        """
        from lossgui.io.session_binary import CONTAINER_SUFFIX  # deferred

        start = Path(str(self.path) if self.path else self.name.file_name())
        json_filter, container = (
            shown_filter(JSON_FILTER),
            shown_filter(CONTAINER_FILTER),
        )
        chosen = json_filter
        if self._large():
            start, chosen = start.with_suffix(CONTAINER_SUFFIX), container
        filters = f"{json_filter};;{container};;{shown_filter(ALL_FILES_FILTER)}"
        name, picked = QFileDialog.getSaveFileName(
            self.window,
            QCoreApplication.translate("SessionFiles", "Save session"),
            str(start),
            filters,
            chosen,
        )
        if not name:
            return False
        path = Path(name)
        if not path.suffix:
            suffix = CONTAINER_SUFFIX if picked == container else ".json"
            path = path.with_suffix(suffix)
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Write the session to ``path`` (atomically); True when it worked."""
        if self.window.background.busy:
            return False
        try:
            self._write(path)
        except Cancelled:
            self.window.show_message(
                QCoreApplication.translate(
                    "SessionFiles", "Saving {file} cancelled; nothing was written"
                ).format(file=path.name)
            )
            return False
        except OSError as exc:
            reason = exc.strerror or str(exc)
            QMessageBox.critical(
                self.window,
                QCoreApplication.translate("SessionFiles", "Cannot save session"),
                QCoreApplication.translate(
                    "SessionFiles",
                    "<b>{file}</b> could not be written: {reason}.<br><br>"
                    "Nothing was written; choose another folder with File > Save As….",
                ).format(file=path.name, reason=reason),
            )
            self.window.show_message(
                QCoreApplication.translate(
                    "SessionFiles", "Cannot save {file}: {reason}"
                ).format(file=path.name, reason=reason)
            )
            return False
        self.history.mark_saved(self.name.saved_as(path.resolve()))
        self.add_recent(path)
        self.update_title()
        self.window.show_message(
            QCoreApplication.translate("SessionFiles", "Saved {file}").format(
                file=path.name
            )
        )
        return True

    def _write(self, path: Path) -> None:
        """Write the document to ``path``; a large one in the worker thread.

        In the worker, the session goes to a hidden file beside ``path``
        that replaces it once complete (and is removed after Cancel or a
        failure), so ``path`` is either the old file or the whole new one.

        Raises
        ------
        OSError
            When the file cannot be written.
        Cancelled
            When the user cancelled the writing.
        """
        from lossgui.io.session_binary import session_values
        from lossgui.io.session_file import write_session  # deferred, as above

        doc = self.controller.document
        if session_values(doc) <= background.BACKGROUND_VALUES:
            write_session(path, doc)
            return
        unique = uuid.uuid4().hex[:8]  # an abandoned save may still write its own
        partial = path.with_name(f".{path.stem}.saving-{unique}{path.suffix}")

        def remove(_result: object = None) -> None:
            with contextlib.suppress(OSError):
                partial.unlink()

        def job(_progress: background.Progress) -> None:
            write_session(partial, doc)

        try:
            self.window.background.run(
                QCoreApplication.translate("SessionFiles", "Saving {file}…").format(
                    file=path.name
                ),
                job,
                discard=remove,
            )
            os.replace(partial, path)
        except OSError:
            remove()
            raise

    # ------------------------------------------------------------------ recent
    def recent_files(self) -> list[str]:
        """Recently opened or saved sessions, newest first (existing ones only)."""
        value = self.window.settings.value(RECENT_KEY, [])
        # QSettings gives a str for a one-entry list, else a list of str
        names = (
            [value]
            if isinstance(value, str)
            else list(cast("Iterable[str]", value or []))
        )
        return [name for name in names if Path(name).is_file()]

    def add_recent(self, path: str | Path) -> None:
        """Put ``path`` first in the recent-files list."""
        name = str(Path(path).resolve())
        names = [n for n in self.recent_files() if n != name]
        self.window.settings.setValue(RECENT_KEY, [name, *names][:RECENT_MAX])

    def clear_recent(self) -> None:
        """Forget the recent files."""
        self.window.settings.setValue(RECENT_KEY, [])
