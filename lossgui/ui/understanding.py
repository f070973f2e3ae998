"""``install_understanding(window)``: the panels that explain the numbers.

Adds to the main window, without it knowing their classes:

- the **Explain** dock (:class:`ExplainPanel`, ``explainView``), following
  the selected cell through an :class:`ElementTracker`;
- the **Compare losses** dock (:class:`ComparePanel`) with the SGD controls;
- the diagnostics banner under the result (:class:`DiagnosticsBanner`);
- "Copy as PyTorch" (Edit menu and Tools), "Verify with PyTorch", "SGD step"
  (Tools menu).

The docks share the right dock area with the curves as tabs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QVBoxLayout

from lossgui.ui.compare_panel import ComparePanel
from lossgui.ui.diagnostics_banner import DiagnosticsBanner
from lossgui.ui.element_tracker import ElementTracker
from lossgui.ui.example_notes import install_example_notes
from lossgui.ui.explain_panel import ExplainPanel
from lossgui.ui.naming import named
from lossgui.ui.torch_actions import TorchActions

if TYPE_CHECKING:
    from lossgui.ui.main_window import MainWindow

__all__ = ["Understanding", "install_understanding"]


@dataclass
class Understanding:
    """What :func:`install_understanding` added (for tests and other panels)."""

    tracker: ElementTracker
    explain: ExplainPanel
    explain_dock: QDockWidget
    compare: ComparePanel
    compare_dock: QDockWidget
    banner: DiagnosticsBanner
    torch: TorchActions
    sgd_action: QAction
    tools_menu: QMenu


def _menu_of(action: QAction) -> QMenu | None:
    """The menu ``action`` opens (a menu bar's are QMenus; PySide6 says QObject)."""
    return cast("QMenu | None", action.menu())


def _tools_menu(window: MainWindow) -> QMenu:
    """The Tools menu (created before Help if nobody made one yet)."""
    bar = window.menuBar()
    for action in bar.actions():
        menu = _menu_of(action)
        if menu is not None and menu.objectName() == "toolsMenu":
            return menu
    menu = QMenu(QCoreApplication.translate("Understanding", "&Tools"), bar)
    menu.setObjectName("toolsMenu")
    help_action = window.window_actions.help_menu.menuAction()
    if help_action in bar.actions():
        bar.insertMenu(help_action, menu)
    else:
        bar.addMenu(menu)
    return menu


def _edit_menu_insert(window: MainWindow, action: QAction) -> None:
    """Put ``action`` right after Edit > Copy."""
    copy = window.window_actions.copy_action
    for menu_action in window.menuBar().actions():
        menu = _menu_of(menu_action)
        if menu is not None and copy in menu.actions():
            actions = menu.actions()
            after = (
                actions[actions.index(copy) + 1] if copy is not actions[-1] else None
            )
            if after is None:
                menu.addAction(action)
            else:
                menu.insertAction(after, action)
            return


def install_understanding(window: MainWindow) -> Understanding:
    """Add the explain, compare and diagnostics features to ``window``."""
    controller = window.controller
    tracker = ElementTracker.for_window(window)  # shared with the curves
    explain = ExplainPanel()
    explain_dock = window.add_dock_view(
        explain, QCoreApplication.translate("Understanding", "Explain"), name="Explain"
    )
    tracker.elementChanged.connect(explain.set_element)
    compare = ComparePanel(controller)
    compare.message.connect(window.show_message)
    compare_dock = window.add_dock_view(
        compare,
        QCoreApplication.translate("Understanding", "Compare losses"),
        name="Compare losses",
    )
    curves = window.findChild(QDockWidget, "CurvesDock")
    if curves is not None:
        window.tabifyDockWidget(curves, explain_dock)
    window.tabifyDockWidget(explain_dock, compare_dock)
    window.example_notes = install_example_notes(window, compare_dock)
    # the last tabified dock becomes the current tab: put the cheap one in front
    (curves if curves is not None else explain_dock).raise_()
    # a dock behind another tab stays "visible" to Qt: refresh on tab switches
    compare_dock.visibilityChanged.connect(compare.on_visibility)
    explain_dock.visibilityChanged.connect(explain.on_visibility)
    banner = DiagnosticsBanner(controller)
    central = window.centralWidget()
    assert central is not None  # made by MainWindow._build_central
    layout = cast(QVBoxLayout, central.layout())
    layout.insertWidget(layout.indexOf(window.summary) + 1, banner)
    window.add_view(banner)
    torch = TorchActions(window)
    _edit_menu_insert(window, torch.copy_action)
    tools = _tools_menu(window)
    tools.setToolTipsVisible(True)  # Verify with PyTorch says why it is disabled
    tools.addAction(torch.copy_action)
    tools.addAction(torch.verify_action)
    tools.addSeparator()
    sgd_action = named(
        QAction(
            QCoreApplication.translate("Understanding", "Gradient &step on the logits"),
            window,
        ),
        "sgdStepAction",
    )
    sgd_action.setToolTip(
        QCoreApplication.translate(
            "Understanding", "z ← z − lr·∂L/∂z with the learning rate of Compare losses"
        )
    )
    sgd_action.triggered.connect(lambda _=False: compare.sgd.step())
    tools.addAction(sgd_action)
    return Understanding(
        tracker,
        explain,
        explain_dock,
        compare,
        compare_dock,
        banner,
        torch,
        sgd_action,
        tools,
    )
