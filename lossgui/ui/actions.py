"""The main window's menus, shortcuts and the tools that may ask for input.

Edit actions work on the grid that last had the focus (the logits grid at
start). Nothing here computes a loss: every action goes to the controller.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QMessageBox, QWidget

from lossgui.io.cells import parse_index
from lossgui.io.errors import FileFormatError
from lossgui.io.text_parse import parse_block
from lossgui.session import number_format, target_modes, target_name
from lossgui.session.edit_labels import random_label
from lossgui.session.grid_ops import argmax_labels
from lossgui.ui.grid_controls import update_remove_actions
from lossgui.ui.language import LanguageMenu
from lossgui.ui.precision import SETTINGS_KEY as PRECISION_KEY
from lossgui.ui.precision import precision_signals, set_precision, stored_precision
from lossgui.ui.table_views import GridView, TensorTableView
from lossgui.ui.theme import THEMES, apply_theme, theme_label

if TYPE_CHECKING:
    from lossgui.ui.getting_started import GettingStartedDialog
    from lossgui.ui.main_window import MainWindow

__all__ = ["WindowActions"]

_KEY = QKeySequence.StandardKey


class WindowActions(QObject):
    """Builds the menu bar of ``window`` and runs its commands.

    A child of the window, so its application-wide ``focusChanged``
    connection ends with the window.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.controller = window.controller
        self._active: GridView | None = None
        self._seed = 0
        app = cast(QApplication, QApplication.instance())  # widgets need one
        app.focusChanged.connect(self._on_focus_changed)
        bar = window.menuBar()
        stack = self.controller.undo_stack

        file_menu = bar.addMenu(QCoreApplication.translate("WindowActions", "&File"))
        file_menu.setObjectName("fileMenu")
        self.file_menu = file_menu  # the file actions add Open, Save, Export, ...
        self.new_action = self._action(
            file_menu,
            QCoreApplication.translate("WindowActions", "&New session"),
            self.new_session,
            _KEY.New,
        )
        file_menu.addSeparator()
        self._action(
            file_menu,
            QCoreApplication.translate("WindowActions", "&Quit"),
            window.close,
            _KEY.Quit,
        )

        edit = bar.addMenu(QCoreApplication.translate("WindowActions", "&Edit"))
        edit.setObjectName("editMenu")
        edit.setToolTipsVisible(True)  # disabled actions say why
        self.undo_action = stack.createUndoAction(
            window, QCoreApplication.translate("WindowActions", "&Undo")
        )
        self.undo_action.setShortcut(QKeySequence(_KEY.Undo))
        self.redo_action = stack.createRedoAction(
            window, QCoreApplication.translate("WindowActions", "&Redo")
        )
        self.redo_action.setShortcuts([QKeySequence(_KEY.Redo), QKeySequence("Ctrl+Y")])
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        self.copy_action = self._action(
            edit,
            QCoreApplication.translate("WindowActions", "&Copy"),
            self.copy,
            _KEY.Copy,
        )
        self.paste_action = self._action(
            edit,
            QCoreApplication.translate("WindowActions", "&Paste"),
            self.paste,
            _KEY.Paste,
        )
        edit.addSeparator()
        self.insert_row_action = self._action(
            edit,
            QCoreApplication.translate("WindowActions", "Insert &row below"),
            self.insert_row,
            "Ctrl+Shift+=",
        )
        self.remove_rows_action = self._action(
            edit,
            QCoreApplication.translate("WindowActions", "Remove selected ro&ws"),
            self.remove_rows,
            "Ctrl+-",
        )
        self.insert_column_action = self._action(
            edit,
            QCoreApplication.translate("WindowActions", "Insert c&olumn right"),
            self.insert_column,
        )
        self.remove_columns_action = self._action(
            edit,
            QCoreApplication.translate("WindowActions", "Remove selected colu&mns"),
            self.remove_columns,
        )
        edit.addSeparator()
        self.fill_action = self._action(
            edit,
            QCoreApplication.translate("WindowActions", "&Fill column…"),
            self.fill_column,
        )
        self.one_hot_action = self._action(
            edit,
            QCoreApplication.translate("WindowActions", "One-&hot from class indices…"),
            self.one_hot,
        )
        self.random_action = self._action(
            edit,
            QCoreApplication.translate("WindowActions", "Random &logits"),
            self.random_logits,
            "Ctrl+R",
        )

        self.view_menu = bar.addMenu(
            QCoreApplication.translate("WindowActions", "&View")
        )
        self.view_menu.setObjectName("viewMenu")
        theme_menu = self.view_menu.addMenu(
            QCoreApplication.translate("WindowActions", "&Theme")
        )
        group = QActionGroup(window)
        self.theme_actions: dict[str, QAction] = {}
        current = str(window.settings.value("view/theme", "system"))
        for name in THEMES:
            action = QAction(theme_label(name), window, checkable=True)
            action.setChecked(name == current)
            action.triggered.connect(lambda _=False, n=name: self.set_theme(n))
            group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[name] = action
        self.view_menu.addAction(window.controls_dock.toggleViewAction())

        self._build_precision_menu()
        self.language_menu = LanguageMenu(self.view_menu, window.settings, window)

        help_menu = bar.addMenu(QCoreApplication.translate("WindowActions", "&Help"))
        help_menu.setObjectName("helpMenu")
        self.help_menu = help_menu
        self.getting_started_action = self._action(
            help_menu,
            QCoreApplication.translate("WindowActions", "&Getting started"),
            self.getting_started,
            _KEY.HelpContents,
        )
        self.getting_started_action.setObjectName("gettingStartedAction")
        self._getting_started: GettingStartedDialog | None = None
        self._action(
            help_menu,
            QCoreApplication.translate("WindowActions", "&About lossgui"),
            self.about,
        )

        grid = window.grid_controls
        grid.randomRequested.connect(self.random_logits)
        grid.oneHotRequested.connect(self.one_hot)
        grid.fillRequested.connect(self.fill_column)
        self.update_enabled()

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    # ------------------------------------------------------------ active grid
    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        widget = new
        while widget is not None:
            if isinstance(widget, GridView):
                self._active = widget
                self.update_enabled()
                return
            widget = widget.parentWidget()

    def active_view(self) -> GridView:
        """The grid that last had the focus (the logits grid if none did)."""
        views = self.window.grid_views()
        if self._active is not None and self._active in views:
            return self._active
        return views[0]

    def set_active_view(self, view: GridView) -> None:
        """Make ``view`` the target of the Edit actions."""
        self._active = view
        self.update_enabled()

    def attach_context_menu(self, view: GridView) -> None:
        """Give ``view`` a right-click menu with the Edit actions that apply to it."""
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(
            lambda pos, v=view: self._context_menu(v, pos)
        )

    def _context_menu(self, view: GridView, pos: QPoint) -> None:
        self.set_active_view(view)
        menu = QMenu(view)
        actions: list[QAction | None] = [self.copy_action]
        if isinstance(view, TensorTableView):
            actions += [
                self.paste_action,
                None,
                self.insert_row_action,
                self.remove_rows_action,
                self.insert_column_action,
                self.remove_columns_action,
                None,
                self.fill_action,
            ]
        for action in actions:
            if action is None:
                menu.addSeparator()
            elif action.isEnabled():
                menu.addAction(action)
        menu.popup(view.viewport().mapToGlobal(pos))

    def _tensor_view(self) -> TensorTableView | None:
        view = self.active_view()
        return view if isinstance(view, TensorTableView) else None

    def update_enabled(self) -> None:
        """Enable the actions that make sense for the active grid and loss."""
        view = self._tensor_view()
        doc = self.controller.document
        role = (
            doc.slot(view.model().name).role
            if view is not None and view.model().name in {s.name for s in doc.slots()}
            else None
        )
        self.paste_action.setEnabled(view is not None)
        self.insert_row_action.setEnabled(role in ("grid", "rows"))
        self.insert_column_action.setEnabled(role in ("grid", "classes"))
        update_remove_actions(
            self.remove_rows_action, self.remove_columns_action, doc, role
        )
        self.random_action.setText(random_label(doc))
        self.fill_action.setEnabled(view is not None)
        self.one_hot_action.setEnabled(self._one_hot_kind() is not None)
        self.window.grid_controls.one_hot_button.setEnabled(
            self._one_hot_kind() is not None
        )

    # ---------------------------------------------------------------- editing
    def copy(self) -> None:
        """Copy the active grid's selection as TSV."""
        self.active_view().copy_selection()

    def paste(self) -> None:
        """Paste the clipboard into the active tensor grid."""
        view = self._tensor_view()
        if view is not None:
            view.paste_clipboard()

    def _box(self) -> tuple[GridView, tuple[int, int, int, int] | None]:
        view = self.active_view()
        return view, view.selection_box()

    def insert_row(self) -> None:
        """Insert a sample below the current row."""
        _, box = self._box()
        at = self.controller.document.rows if box is None else box[2] + 1
        self.controller.insert_rows(at, 1)

    def remove_rows(self) -> None:
        """Remove the selected rows (at least one row always remains)."""
        _, box = self._box()
        if box is not None:
            self.controller.remove_rows(box[0], box[2] - box[0] + 1)

    def insert_column(self) -> None:
        """Insert a class right of the current column."""
        _, box = self._box()
        at = self.controller.document.columns if box is None else box[3] + 1
        self.controller.insert_columns(at, 1)

    def remove_columns(self) -> None:
        """Remove the selected columns (classes)."""
        _, box = self._box()
        if box is not None:
            self.controller.remove_columns(box[1], box[3] - box[1] + 1)

    def fill_column(self) -> None:
        """Ask for a value and write it into every row of the current column."""
        view = self._tensor_view() or self.window.tensor_panel.views()[0]
        model = view.model()
        box = view.selection_box()
        column = 0 if box is None else box[1]
        text, ok = QInputDialog.getText(
            self.window,
            QCoreApplication.translate("WindowActions", "Fill column"),
            QCoreApplication.translate(
                "WindowActions", "Value for every row of {name}, column {column}:"
            ).format(name=model.name, column=column),
        )
        if not ok:
            return
        try:
            value = model.parse(text)
        except FileFormatError as exc:
            self.window.show_message(
                QCoreApplication.translate(
                    "WindowActions", "Fill refused: {error}"
                ).format(error=exc)
            )
            return
        self.controller.fill_column(model.name, column, value)

    def _one_hot_kind(self) -> str | None:
        doc = self.controller.document
        name = target_name(doc.spec)
        if name is None:
            return None
        slot = doc.slot(name)
        if (
            slot.kind == "index"
            and slot.role == "rows"
            and "probability" in target_modes(doc.spec)
        ):
            return "mode"
        if slot.kind == "float" and slot.role == "grid" and doc.columns >= 2:
            return "ask"
        return None

    def one_hot(self) -> None:
        """One-hot targets: switch CE to probabilities, or ask for each row's class."""
        kind = self._one_hot_kind()
        doc = self.controller.document
        if kind == "mode":
            self.controller.set_target_mode("probability")
            return
        if kind is None:
            self.window.show_message(
                QCoreApplication.translate(
                    "WindowActions",
                    "One-hot needs class-index targets or a multi-column target",
                )
            )
            return
        name = target_name(doc.spec)
        assert name is not None  # _one_hot_kind found the target
        default = ", ".join(str(i) for i in argmax_labels(doc.tensors[name]).tolist())
        text, ok = QInputDialog.getText(
            self.window,
            QCoreApplication.translate("WindowActions", "One-hot targets"),
            QCoreApplication.translate(
                "WindowActions",
                "Class index (0…{last}) of each row, separated by commas:",
            ).format(last=doc.columns - 1),
            text=default,
        )
        if not ok:
            return
        try:
            values = parse_block(text).values.ravel()
            labels = np.array([parse_index(repr(float(v))) for v in values])
            self.controller.apply(
                lambda d: d.set_one_hot_target(labels),
                QCoreApplication.translate("WindowActions", "One-hot targets"),
            )
        except ValueError as exc:  # FileFormatError included
            self.window.show_message(
                QCoreApplication.translate(
                    "WindowActions", "One-hot refused: {error}"
                ).format(error=exc)
            )

    def random_logits(self) -> None:
        """Replace the logits with seeded random values (a new seed each time)."""
        self._seed += 1
        self.controller.randomize(self._seed)
        self.window.show_message(
            QCoreApplication.translate(
                "WindowActions", "Random logits, seed {seed} (undo with Ctrl+Z)"
            ).format(seed=self._seed)
        )

    def new_session(self) -> None:
        """File > New: the cat/dog example, untitled (asks about unsaved changes)."""
        self.window.files.new_session()

    # -------------------------------------------------------------------- view
    def _build_precision_menu(self) -> None:
        """View > Precision: significant digits of every view, remembered."""
        menu = self.view_menu.addMenu(
            QCoreApplication.translate("WindowActions", "&Precision")
        )
        menu.setObjectName("precisionMenu")
        group = QActionGroup(self.window)
        self.precision_actions: dict[int, QAction] = {}
        for digits in number_format.DIGIT_CHOICES:
            action = QAction(
                QCoreApplication.translate(
                    "WindowActions", "{digits} significant digits"
                ).format(digits=digits),
                self.window,
                checkable=True,
            )
            action.triggered.connect(lambda _=False, d=digits: set_precision(d))
            group.addAction(action)
            menu.addAction(action)
            self.precision_actions[digits] = action
        digits = number_format.set_significant_digits(
            stored_precision(self.window.settings.value(PRECISION_KEY))
        )
        self.precision_actions[digits].setChecked(True)
        precision_signals().changed.connect(self._on_precision_changed)

    def _on_precision_changed(self, digits: int) -> None:
        """Any precision control changed the digits: remember, tick and repaint."""
        self.window.settings.setValue(PRECISION_KEY, digits)
        self.precision_actions[digits].setChecked(True)
        self.window.repaint_views()

    def set_theme(self, name: str) -> None:
        """Apply and remember a theme (``system``, ``light`` or ``dark``)."""
        used = apply_theme(cast(QApplication, QApplication.instance()), name)
        self.window.settings.setValue("view/theme", used)
        self.theme_actions[used].setChecked(True)

    def getting_started(self) -> None:
        """Help > Getting started (F1): the short in-app guide."""
        from lossgui.ui.getting_started import GettingStartedDialog

        if self._getting_started is None:
            self._getting_started = GettingStartedDialog(self.window)
        self._getting_started.show_start()
        self._getting_started.show()
        self._getting_started.raise_()

    def about(self) -> None:
        """A short about box."""
        QMessageBox.about(
            self.window,
            QCoreApplication.translate("WindowActions", "About lossgui"),
            QCoreApplication.translate(
                "WindowActions",
                "<b>lossgui</b> — see what each PyTorch loss computes on your own "
                "numbers: the per-element loss, the reduction and the gradient on "
                "every logit.",
            ),
        )
