"""Autosave and crash recovery.

A few seconds after the document changes (and while it has unsaved
changes) the session is written to ``autosave-<pid>.lossgui`` (the process's
first window; ``autosave-<pid>-<n>.lossgui`` for the n-th further window, as
``lossgui.show`` opens from a notebook) in the autosave
folder: ``$LOSSGUI_AUTOSAVE_DIR`` if set, else ``autosave/`` under
``QStandardPaths.AppDataLocation``. The file is the binary session container
(:mod:`lossgui.io.session_binary`), written atomically with the rescued
session's name and the time in its manifest's ``"autosave"`` object: it
takes about a millisecond for a small session and under 100 ms for
:data:`AUTOSAVE_MAX_ELEMENTS` values, where readable JSON would take about a
second per million values. Saving the session, or returning to the saved
state, removes the file, and so does a clean exit (which also records its
time in the settings). An autosave file left behind therefore means a
lossgui that did not exit cleanly — newer than its last clean exit by
construction. On the next start with no file to open, the newest such file
(whose process is gone; ``autosave-*.json`` files that earlier lossgui
versions wrote count too) is restored with its name, marked as unsaved
until it is saved (documents opened after it open clean), and the status
bar says so.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, QTimer
from shiboken6 import isValid

from lossgui.io.errors import FileFormatError
from lossgui.session.document_name import DocumentName

if TYPE_CHECKING:
    from lossgui.ui.file_session import SessionFiles
    from lossgui.ui.main_window import MainWindow

__all__ = [
    "AUTOSAVE_DELAY_MS",
    "AUTOSAVE_ENV",
    "AUTOSAVE_MAX_ELEMENTS",
    "AUTOSAVE_SUFFIX",
    "Autosave",
    "autosave_dir",
]

AUTOSAVE_ENV = "LOSSGUI_AUTOSAVE_DIR"
AUTOSAVE_DELAY_MS = 3000
#: Larger documents are not autosaved: their container takes more than about
#: 100 ms to write (10,000,000 float64 values: about 85 ms as measured),
#: which would stall the window a few seconds after every edit. Their data
#: comes from files that can be imported again; the status bar says so once.
AUTOSAVE_MAX_ELEMENTS = 10_000_000
#: The autosave file's extension (the binary container's).
AUTOSAVE_SUFFIX = ".lossgui"
#: Extensions of autosave files recovered: containers, and the JSON files
#: earlier lossgui versions wrote.
RECOVERED_SUFFIXES = (AUTOSAVE_SUFFIX, ".json")
CLEAN_EXIT_KEY = "files/clean_exit"
RECOVERY_MESSAGE_MS = 30_000


def autosave_dir() -> Path:
    """The folder autosave files go to (``$LOSSGUI_AUTOSAVE_DIR`` wins)."""
    override = os.environ.get(AUTOSAVE_ENV)
    if override:
        return Path(override)
    base = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation
    )
    return Path(base or Path.home() / ".lossgui") / "autosave"


#: Windows given an autosave file so far in this process (one file each).
_windows_opened = 0


def _next_file_name() -> str:
    """``autosave-<pid>.lossgui``, then ``autosave-<pid>-1.lossgui``, ``-2`` ..."""
    global _windows_opened
    number = _windows_opened
    _windows_opened += 1
    suffix = f"-{number}" if number else ""
    return f"autosave-{os.getpid()}{suffix}{AUTOSAVE_SUFFIX}"


def _owner_pid(path: Path) -> int | None:
    """The process id an autosave file's name carries, or None if it has none."""
    pid_text = path.stem.removeprefix("autosave-").partition("-")[0]
    return int(pid_text) if pid_text.isdigit() else None


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (POSIX; elsewhere assume not)."""
    if sys.platform == "win32" or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Autosave(QObject):
    """Writes the window's unsaved session every few seconds after a change."""

    def __init__(self, window: MainWindow, sessions: SessionFiles) -> None:
        super().__init__(window)
        self.window = window
        self.sessions = sessions
        self.stack = window.controller.undo_stack
        self.file = autosave_dir() / _next_file_name()
        self._warned_size = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_DELAY_MS)
        self.timer.timeout.connect(self.save_now)
        self.stack.indexChanged.connect(self._schedule)
        sessions.modifiedChanged.connect(self._on_modified_changed)

    def _alive(self) -> bool:
        """False while the window is being destroyed (its stack still signals)."""
        return isValid(self.stack) and isValid(self.timer) and isValid(self.window)

    def _schedule(self, _index: int = 0) -> None:
        if self._alive() and self.sessions.modified:
            self.timer.start()

    def _on_modified_changed(self, modified: bool) -> None:
        if not modified and self._alive():
            self.timer.stop()
            self.remove()

    def save_now(self) -> bool:
        """Write the autosave file now (if there are unsaved changes)."""
        self.timer.stop()
        if self.window.background.busy:  # a job holds the document: try later
            self.timer.start()
            return False
        doc = self.window.controller.document
        if not self.sessions.modified:
            self.remove()
            return False
        size = sum(a.size for a in (*doc.tensors.values(), *doc.tensor_params.values()))
        if size > AUTOSAVE_MAX_ELEMENTS:
            self.remove()  # an older, smaller state is no longer the one to rescue
            if not self._warned_size:
                self._warned_size = True
                self.window.show_message(
                    QCoreApplication.translate(
                        "Autosave",
                        "Autosave is off for this session of {values} values "
                        "(autosave stops at {limit} to keep the window "
                        "responsive); save it with Ctrl+S",
                    ).format(values=f"{size:,}", limit=f"{AUTOSAVE_MAX_ELEMENTS:,}")
                )
            return False
        self._warned_size = False
        name = self.sessions.name
        info = {
            "path": None if name.path is None else str(name.path),
            "title": name.example,
            "group": name.group,
            "saved_at": time.time(),
            "pid": os.getpid(),
        }
        # deferred: json, zip and schema checks are not needed at start-up
        from lossgui.io.session_file import write_session

        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            write_session(self.file, doc, autosave=info)
        except OSError as exc:
            self.window.show_message(
                QCoreApplication.translate(
                    "Autosave", "Autosave failed: {error}"
                ).format(error=exc.strerror or exc)
            )
            return False
        return True

    def remove(self) -> None:
        """Delete this window's autosave file (nothing left to rescue)."""
        with contextlib.suppress(OSError):
            self.file.unlink(missing_ok=True)

    def clean_exit(self) -> None:
        """The window closes normally: no rescue needed next time."""
        self.timer.stop()
        self.remove()
        self.window.settings.setValue(CLEAN_EXIT_KEY, time.time())

    def orphans(self) -> list[Path]:
        """Autosave files of lossgui processes that are gone, newest first."""
        folder = self.file.parent
        if not folder.is_dir():
            return []
        found = []
        for path in folder.glob("autosave-*"):
            pid = _owner_pid(path)
            if (
                path == self.file
                or path.suffix.lower() not in RECOVERED_SUFFIXES
                or pid is None
                or _alive(pid)
            ):
                continue
            with contextlib.suppress(OSError):
                found.append((path.stat().st_mtime, path))
        return [path for _, path in sorted(found, reverse=True)]

    def recover(self) -> bool:
        """Restore the newest orphaned autosave; True when one was restored."""
        from lossgui.io.session_file import read_session  # deferred, as above

        for path in self.orphans():
            try:
                loaded = read_session(path)
            except FileFormatError:
                continue  # a damaged autosave: leave it for inspection
            info = loaded.autosave
            original = info.get("path")
            file = Path(original) if isinstance(original, str) and original else None
            name = DocumentName(
                file, str(info.get("title") or ""), str(info.get("group") or "")
            )
            self.sessions.replace_document(loaded.document, name, modified=True)
            with contextlib.suppress(OSError):
                path.unlink()
            self.save_now()
            stamp = info.get("saved_at")
            if isinstance(stamp, int | float):
                message = QCoreApplication.translate(
                    "Autosave",
                    "Recovered unsaved changes from {time}: lossgui did not exit "
                    "cleanly last time. Save them with Ctrl+S.",
                ).format(time=time.strftime("%H:%M:%S", time.localtime(stamp)))
            else:
                message = QCoreApplication.translate(
                    "Autosave",
                    "Recovered unsaved changes: lossgui did not exit cleanly last "
                    "time. Save them with Ctrl+S.",
                )
            self.window.statusBar().showMessage(message, RECOVERY_MESSAGE_MS)
            return True
        return False
