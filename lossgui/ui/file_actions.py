"""The window's file features: the File and Examples menus and what they run.

:class:`FileActions` is created once by the main window. It adds to the File
menu (after New): Open…, Open Recent, Save, Save As…, Import (arrays from a
file, paste as tensor) and Export CSV…; a top-level Examples menu with every
bundled example session; "Paste as tensor…" in the Edit menu; the
"Hardest samples" panel; drag-and-drop of files; autosave and crash
recovery. The work itself lives in the ``file_*`` modules.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from lossgui.i18n import translate
from lossgui.io.arrays import ARRAY_SUFFIXES
from lossgui.io.bundled import list_examples
from lossgui.session import startup_document
from lossgui.session.document_name import DocumentName
from lossgui.session.examples import STARTUP_EXAMPLE
from lossgui.ui.file_autosave import Autosave
from lossgui.ui.file_drop import FileDropFilter
from lossgui.ui.file_export import export_csv
from lossgui.ui.file_import import Importer
from lossgui.ui.file_session import SessionFiles
from lossgui.ui.hardest_panel import HardestPanel

if TYPE_CHECKING:
    from lossgui.ui.main_window import MainWindow

__all__ = ["FileActions"]

_KEY = QKeySequence.StandardKey


class FileActions(QObject):
    """Menus, panels and handlers for files; see the module docstring."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.examples = list_examples()
        self.sessions = SessionFiles(window, self._start_name())
        self.importer = Importer(window)
        self.autosave = Autosave(window, self.sessions)
        self.drop = FileDropFilter(window, self)
        self.hardest = HardestPanel(self._select_sample)
        self.hardest_dock = window.add_dock_view(
            self.hardest,
            QCoreApplication.translate("FileActions", "Hardest samples"),
            name="Hardest samples",
        )
        self.hardest_dock.hide()
        self._build_file_menu()
        self._build_examples_menu()

    def _start_name(self) -> DocumentName:
        """The start-up example's name, if the window shows that example."""
        from lossgui.io.session_file import documents_equal  # deferred

        doc = self.window.controller.document
        meta = next((e for e in self.examples if e.path.stem == STARTUP_EXAMPLE), None)
        if meta is None or not documents_equal(doc, startup_document()):
            return DocumentName()
        return DocumentName(example=meta.title, group=meta.group)

    # ------------------------------------------------------------------ menus
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | str | None = None,
        name: str | None = None,
    ) -> QAction:
        action = QAction(text, self.window)
        if name:
            action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: self._run(slot))
        return action

    def _run(self, slot: Callable[[], object]) -> None:
        """Run a menu command (not while a background job runs).

        An unexpected exception goes to the status bar, never into Qt's
        event loop.
        """
        if self.window.background.busy:
            return
        try:
            slot()
        except Exception as exc:
            self.window.report_error(exc)

    def _build_file_menu(self) -> None:
        actions = self.window.window_actions
        menu: QMenu = actions.file_menu
        s = self.sessions
        self.open_action = self._action(
            QCoreApplication.translate("FileActions", "&Open…"),
            s.open_dialog,
            _KEY.Open,
            "openAction",
        )
        self.recent_menu = QMenu(
            QCoreApplication.translate("FileActions", "Open &Recent"), self.window
        )
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.save_action = self._action(
            QCoreApplication.translate("FileActions", "&Save"),
            s.save,
            _KEY.Save,
            "saveAction",
        )
        self.save_as_action = self._action(
            QCoreApplication.translate("FileActions", "Save &As…"),
            s.save_as,
            "Ctrl+Shift+S",
            "saveAsAction",
        )
        self.import_action = self._action(
            QCoreApplication.translate("FileActions", "&Arrays from file…"),
            self.importer.import_dialog,
            "Ctrl+I",
            "importArraysAction",
        )
        self.paste_tensor_action = self._action(
            QCoreApplication.translate("FileActions", "Paste as &tensor…"),
            self.importer.paste_as_tensor,
            "Ctrl+Shift+V",
            "pasteTensorAction",
        )
        self.export_action = self._action(
            QCoreApplication.translate("FileActions", "&Export CSV…"),
            lambda: export_csv(self.window),
            "Ctrl+E",
            "exportCsvAction",
        )
        self.export_action.setToolTip(
            QCoreApplication.translate(
                "FileActions",
                "One row per input element (value, target, loss, gradient) plus a "
                "JSON summary of the loss, its parameters and the reduced value.",
            )
        )
        import_menu = QMenu(
            QCoreApplication.translate("FileActions", "&Import"), self.window
        )
        import_menu.setObjectName("importMenu")
        import_menu.addAction(self.import_action)
        import_menu.addAction(self.paste_tensor_action)
        listed = menu.actions()
        after_new = listed.index(actions.new_action) + 1
        before = listed[after_new] if after_new < len(listed) else None
        for item in (
            self.open_action,
            self.recent_menu.menuAction(),
            None,
            self.save_action,
            self.save_as_action,
            None,
            import_menu.menuAction(),
            self.export_action,
        ):
            if item is None and before is not None:
                menu.insertSeparator(before)
            elif item is None:
                menu.addSeparator()
            elif before is not None:
                menu.insertAction(before, item)
            else:
                menu.addAction(item)
        paste = actions.paste_action
        for owner in paste.associatedObjects():
            if isinstance(owner, QMenu):
                following = owner.actions()
                position = following.index(paste) + 1
                if position < len(following):
                    owner.insertAction(following[position], self.paste_tensor_action)
                else:
                    owner.addAction(self.paste_tensor_action)
                break

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.sessions.recent_files()
        for number, name in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(name).name}")
            action.setToolTip(name)
            action.triggered.connect(
                lambda _=False, n=name: self._run(lambda: self.sessions.open_path(n))
            )
        if not recent:
            self.recent_menu.addAction(
                QCoreApplication.translate("FileActions", "(no recent sessions)")
            ).setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(
                QCoreApplication.translate("FileActions", "Clear list"),
                self.sessions.clear_recent,
            )

    def _build_examples_menu(self) -> None:
        bar = self.window.menuBar()
        self.examples_menu = QMenu(
            QCoreApplication.translate("FileActions", "E&xamples"), self.window
        )
        self.examples_menu.setObjectName("examplesMenu")
        self.example_actions: dict[str, QAction] = {}
        groups: dict[str, QMenu] = {}
        for example in self.examples:
            menu = groups.get(example.group)
            if menu is None:
                menu = self.examples_menu.addMenu(translate("examples", example.group))
                groups[example.group] = menu
            action = menu.addAction(translate("examples", example.title))
            description = translate("examples", example.description)
            action.setToolTip(description)
            action.setStatusTip(description)
            action.triggered.connect(
                lambda _=False, p=example.path: self._run(
                    lambda: self.sessions.open_path(p, example=True)
                )
            )
            self.example_actions[example.path.stem] = action
        for submenu in groups.values():
            submenu.setToolTipsVisible(True)
        help_menu = self.window.window_actions.help_menu.menuAction()
        if help_menu in bar.actions():
            bar.insertMenu(help_menu, self.examples_menu)
        else:
            bar.addMenu(self.examples_menu)

    # ------------------------------------------------------------------ panels
    def show_hardest(self) -> None:
        """Show the hardest-samples panel."""
        self.hardest_dock.show()
        self.hardest_dock.raise_()

    def _select_sample(self, sample: int) -> None:
        views = self.window.tensor_panel.views()
        if not views:
            return
        view = views[0]
        index = view.model().index(sample, 0)
        view.setCurrentIndex(index)
        view.selectRow(sample)
        view.scrollTo(index, view.ScrollHint.PositionAtCenter)
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.window.show_message(
            QCoreApplication.translate(
                "FileActions", "Sample {sample} selected"
            ).format(sample=sample)
        )

    # --------------------------------------------------------------- lifecycle
    def new_session(self) -> None:
        """File > New: the start-up example, as one undo step."""
        if not self.window.background.busy:
            self.sessions.new_session()

    def startup(self, session_file: str | None) -> None:
        """At start: open ``session_file``, or recover an autosave if one is left."""
        if session_file is not None and Path(session_file).suffix.lower() in (
            ARRAY_SUFFIXES
        ):
            self.importer.import_file(session_file)
        elif session_file is not None:
            self.sessions.open_path(session_file, fresh=True)
        else:
            self.autosave.recover()

    def confirm_close(self) -> bool:
        """Before the window closes: ask about unsaved work; True to close."""
        if not self.sessions.confirm_close():
            return False
        self.autosave.clean_exit()
        return True
