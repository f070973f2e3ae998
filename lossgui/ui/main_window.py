"""``MainWindow``: the controls dock, the tensor grids, the results, one recompute.

Data flows one way. Widgets and models edit through the
:class:`SessionController`; its ``changed`` signal reaches
:meth:`MainWindow._on_document_changed`, which refreshes the editors and
calls :meth:`MainWindow._recompute`, the only place that evaluates the
document. The frozen :class:`Evaluation` then goes to every registered view
in the same event-loop turn.

A full evaluation of a large document (more than
:data:`~lossgui.ui.background.EVALUATION_VALUES` values) runs in the worker
thread of :attr:`MainWindow.background` instead: the views keep the previous
evaluation meanwhile, edits are held off, and Cancel undoes the change that
asked for it. Smaller documents, cell edits that
:func:`~lossgui.session.incremental.evaluate_rows` handles, and the window's
first evaluation (there is nothing to show meanwhile) stay synchronous.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QGroupBox,
    QMainWindow,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lossgui.session import Evaluation, SessionDocument, startup_document
from lossgui.session.incremental import evaluate_rows
from lossgui.ui.actions import WindowActions
from lossgui.ui.background import BackgroundRunner, is_large
from lossgui.ui.commands import Change
from lossgui.ui.controller import SessionController
from lossgui.ui.file_actions import FileActions
from lossgui.ui.grid_area import GridArea
from lossgui.ui.grid_controls import GridControls
from lossgui.ui.language import choose_language, install_language
from lossgui.ui.loss_controls import LossControls
from lossgui.ui.naming import named
from lossgui.ui.param_panel import ParamPanel
from lossgui.ui.plots import install_curves
from lossgui.ui.results_panel import ResultEditor, ResultSummary
from lossgui.ui.table_views import GridView
from lossgui.ui.tensor_panel import ScrollSync, TensorPanel
from lossgui.ui.understanding import install_understanding
from lossgui.ui.views import EvaluationView
from lossgui.ui.window_layout import WindowLayout

if TYPE_CHECKING:
    from lossgui.ui.example_notes import ExampleNotes

__all__ = ["MainWindow"]

log = logging.getLogger(__name__)
ORGANIZATION = "lossgui"
APPLICATION = "lossgui"
STATUS_TIMEOUT_MS = 8000
#: The size of the first window (no remembered geometry): a small laptop's.
DEFAULT_SIZE = (1024, 700)
#: Characters a drop-down of the controls dock is sized for (its list is wider).
COMBO_CHARACTERS = 9


class MainWindow(QMainWindow):
    """The lossgui main window.

    Parameters
    ----------
    document : SessionDocument, optional
        What to open; the cat/dog example by default.
    settings : QSettings, optional
        Where geometry and theme are remembered; ``QSettings("lossgui",
        "lossgui")`` by default (tests pass one in a temporary folder).
    """

    #: The Example tab (set by :func:`~lossgui.ui.understanding.install_understanding`).
    example_notes: ExampleNotes

    def __init__(
        self, document: SessionDocument | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.settings = (
            settings if settings is not None else QSettings(ORGANIZATION, APPLICATION)
        )
        # before any widget is built: their text is translated as they are made
        install_language(choose_language(self.settings))
        self.setWindowTitle(
            QCoreApplication.translate("MainWindow", "lossgui — PyTorch loss explorer")
        )
        self.controller = SessionController(document or startup_document(), self)
        self.evaluation: Evaluation | None = None
        # The evaluation of the document as it stands, for an incremental edit.
        self._incremental_base: Evaluation | None = None
        # An evaluation of the next document shown, computed in the background
        # by an open or import (see :meth:`prime`).
        self._primed: Evaluation | None = None
        # Bumped by every full evaluation; a background result of an older one
        # is stale and dropped.
        self._generation = 0
        # Where Cancel returns the undo stack: the step before the change whose
        # background evaluation runs, and the stack index then.
        self._cancel_to: tuple[object, int] | None = None
        # The undo stack is being returned to the shown evaluation's document.
        self._restoring = False
        self._views: list[EvaluationView] = []
        self._build_central()
        self._build_controls_dock()
        self.window_layout = WindowLayout(self)
        self.statusBar().setObjectName("statusBar")
        self.background = BackgroundRunner(self)
        self.window_actions = WindowActions(self)
        self._scroll_sync = ScrollSync(self)
        self._relink_scrolling()
        self._wire_views()
        self.controller.changed.connect(self._on_document_changed)
        self.add_view(self.summary)
        self.add_view(self.result_editor)
        self.curves_panel = install_curves(self)
        self.files = FileActions(self)  # File/Examples menus, autosave, drops
        self.understanding = install_understanding(self)  # explain, compare, fixes
        self.window_actions.view_menu.addSeparator()
        self.window_actions.view_menu.addAction(self.window_layout.auto_action)
        self._recompute()
        self._restore_settings()
        self.window_layout.apply()

    # ------------------------------------------------------------------ build
    def _build_central(self) -> None:
        self.summary = ResultSummary()
        self.result_editor = ResultEditor()
        self.grid_area = GridArea(self.result_editor)
        self.tensor_panel = TensorPanel(self.controller, self.grid_area.inputs, self)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.grid_area, 1)
        self.setCentralWidget(central)

    def _build_controls_dock(self) -> None:
        self.loss_controls = LossControls(self.controller)
        self.param_panel = ParamPanel(self.controller)
        self.grid_controls = GridControls(self.controller)
        body = QWidget()
        layout = QVBoxLayout(body)
        for title, widget in (
            (QCoreApplication.translate("MainWindow", "Loss"), self.loss_controls),
            (QCoreApplication.translate("MainWindow", "Parameters"), self.param_panel),
            (QCoreApplication.translate("MainWindow", "Grid"), self.grid_controls),
        ):
            group = QGroupBox(title)
            inner = QVBoxLayout(group)
            inner.addWidget(widget)
            layout.addWidget(group)
        layout.addStretch(1)
        for combo in body.findChildren(QComboBox):
            # a long loss name must not widen the whole dock: the list shows it
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(COMBO_CHARACTERS)
        scroll = QScrollArea()
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        dock = named(
            QDockWidget(
                QCoreApplication.translate("MainWindow", "Loss and parameters"), self
            ),
            "controlsDock",
        )
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        dock.setWidget(scroll)
        self.controls_dock = dock
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

    def _relink_scrolling(self) -> None:
        row_views = [
            self.tensor_panel.editors[s.name].view
            for s in self.tensor_panel.visible_slots()
            if s.role in ("grid", "rows") and s.name in self.tensor_panel.editors
        ]
        self._scroll_sync.set_views([*row_views, self.result_editor.view])

    # ------------------------------------------------------------------ views
    def add_view(self, view: EvaluationView) -> None:
        """Register ``view``; it gets the current and every later evaluation."""
        self._views.append(view)
        if self.evaluation is not None:
            view.show_evaluation(self.evaluation)

    def add_dock_view(
        self,
        widget: QWidget,
        title: str,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.BottomDockWidgetArea,
        name: str | None = None,
    ) -> QDockWidget:
        """Put ``widget`` in a panel dock and register it as a view.

        Panels start under the grids, where they ask the least of a small
        window; :class:`WindowLayout` moves them right in a wide one.
        ``title`` is shown (translated by the caller); ``name``, English
        and the same in every language, makes the dock's object name
        ``<name>Dock`` that saved layouts and lookups use (by default the
        title without spaces).
        """
        stem = (name or title).replace(" ", "")
        dock = named(QDockWidget(title, self), f"{stem}Dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.window_layout.watch(dock)
        self.window_actions.view_menu.addAction(dock.toggleViewAction())
        if isinstance(widget, EvaluationView):
            self.add_view(widget)
        return dock

    def grid_views(self) -> list[GridView]:
        """Every grid: tensors, per-class vectors and results."""
        return [
            *self.tensor_panel.views(),
            *self.param_panel.views.values(),
            self.result_editor.view,
        ]

    # -------------------------------------------------------------- recompute
    def _on_document_changed(self, change: int, names: tuple[str, ...]) -> None:
        sizes = len(self.tensor_panel.views())
        try:
            if change & (Change.STRUCTURE | Change.SETTINGS):
                self.loss_controls.sync()
                self.grid_controls.sync()
            self.param_panel.on_change(change, names)
            self.tensor_panel.on_change(change, names)
            if change & (Change.STRUCTURE | Change.SETTINGS):
                self._wire_views()
                self._relink_scrolling()
            if change & (Change.STRUCTURE | Change.SETTINGS) or (
                len(self.tensor_panel.views()) != sizes
            ):
                self.window_layout.schedule()
            self.window_actions.update_enabled()
        except Exception as exc:  # keep the window alive whatever a widget does
            self.report_error(exc)
        region = self.controller.edited_region if change == Change.VALUES else None
        self._recompute(names, None if region is None else region[0])

    def _wire_views(self) -> None:
        """Connect new grids to the status bar and give them a context menu."""
        for view in self.grid_views():
            if not view.property("lossgui_wired"):
                view.setProperty("lossgui_wired", True)
                view.message.connect(self.show_message)
                model = view.model()
                if hasattr(model, "rejected"):
                    model.rejected.connect(self.show_message)
                self.window_actions.attach_context_menu(view)

    def _recompute(
        self, names: tuple[str, ...] = (), rows: range | None = None
    ) -> None:
        """Evaluate the document once and hand the result to every view.

        A value edit of ``rows`` of the tensors ``names`` recomputes only those
        rows when :func:`evaluate_rows` can do so exactly; anything else is
        a full evaluation, in the background for a large document.
        """
        base, self._incremental_base = self._incremental_base, None
        primed, self._primed = self._primed, None
        if self._restoring:  # back to the document the views still show
            self._incremental_base = self.evaluation
            return
        self._generation += 1
        document = self.controller.document
        try:
            evaluation = primed
            if evaluation is None and rows is not None and base is not None:
                evaluation = evaluate_rows(base, document, names, rows)
            if (
                evaluation is None
                and self.evaluation is not None
                and is_large(document)
            ):
                self._evaluate_in_background()
                return
            if evaluation is None:
                evaluation = document.evaluate()
        except Exception as exc:  # an engine bug: report it, keep everything editable
            self.report_error(exc)
            return
        self._show_evaluation(evaluation)

    def _show_evaluation(self, evaluation: Evaluation) -> None:
        """Make ``evaluation`` the window's and hand it to every view."""
        self._cancel_to = None
        self.evaluation = self._incremental_base = evaluation
        for view in list(self._views):
            try:
                view.show_evaluation(evaluation)
            except Exception as exc:
                self.report_error(exc)

    def _evaluate_in_background(self) -> None:
        """Evaluate the large document in the worker; see the module docstring."""
        runner = self.background
        if runner.busy:  # a newer change supersedes a running evaluation
            runner.cancel(quiet=True)
        stack = self.controller.undo_stack
        if self._cancel_to is None:  # the shown evaluation's document is this step's
            index = stack.index()  # a step being pushed or undone is not counted yet
            self._cancel_to = (stack.command(index - 1) if index else None, index)
        generation = self._generation
        document = self.controller.document

        def done(evaluation: Evaluation) -> None:
            if generation == self._generation:
                self._show_evaluation(evaluation)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._cancel_to = None
                self.report_error(exc)

        runner.start(
            QCoreApplication.translate("MainWindow", "Evaluating {loss}…").format(
                loss=document.loss
            ),
            lambda progress: document.evaluate(progress),  # stops at Cancel
            done=done,
            failed=failed,
            cancelled=self._evaluation_cancelled,
        )

    def _evaluation_cancelled(self) -> None:
        """Cancel: undo the change whose evaluation was running."""
        self._generation += 1
        target = self._cancel_to
        self._cancel_to = None
        stack = self.controller.undo_stack
        start, index = stack.index(), -1
        if target is not None:
            anchor, index = target
            if anchor is not None:  # a full stack drops old steps: find it again
                found = (i for i in range(stack.count()) if stack.command(i) is anchor)
                position = next(found, None)
                index = -1 if position is None else position + 1
        if index < 0 or index == start:  # not an undo step: evaluate what is there
            self._recompute()
            return
        self._restoring = True
        try:
            stack.setIndex(index)
        finally:
            self._restoring = False
        self.show_message(
            QCoreApplication.translate(
                "MainWindow",
                "Evaluation cancelled: the change was undone, the results are "
                "those shown before",
            )
        )

    def prime(self, evaluation: Evaluation | None) -> None:
        """Hand over the evaluation of the document about to be shown.

        An open or import that evaluated its document in the background calls
        this just before it replaces the document (and with None after), so
        the replacement is not evaluated again.
        """
        self._primed = evaluation

    def repaint_views(self) -> None:
        """Show the same evaluation again in every view (the precision changed)."""
        for view in list(self._views):
            try:
                if self.evaluation is not None:
                    view.show_evaluation(self.evaluation)
            except Exception as exc:
                self.report_error(exc)
        for grid in self.grid_views():
            grid.viewport().update()

    # --------------------------------------------------------------- messages
    def show_message(self, text: str) -> None:
        """Say something in the status bar for a few seconds."""
        self.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    def report_error(self, exc: BaseException) -> None:
        """Log an unexpected exception and show it in the status bar."""
        log.error("internal error", exc_info=exc)
        self.statusBar().showMessage(
            QCoreApplication.translate(
                "MainWindow", "Internal error: {kind}: {error}"
            ).format(kind=type(exc).__name__, error=exc),
            15000,
        )

    # --------------------------------------------------------------- settings
    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(*DEFAULT_SIZE)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    def save_settings(self) -> None:
        """Remember geometry and dock layout."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()

    def setVisible(self, visible: bool) -> None:
        """Qt: lay the window out for the size it shows at, then show it.

        The layout rules run before Qt lays the window out for showing, so
        that the first paint shows the docks where they stay and every
        widget gets its first resize at its final size (a window resized
        between construction and ``show()`` would otherwise be laid out
        once with the constructor's arrangement, then again).
        """
        if visible and not self.isVisible():
            self.window_layout.apply()
        super().setVisible(visible)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Qt: ask about unsaved changes, then remember geometry and docks."""
        if not self.files.confirm_close():
            event.ignore()
            return
        self.save_settings()
        super().closeEvent(event)
