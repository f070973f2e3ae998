"""``TensorPanel``: one editable grid per tensor of the loss, side by side.

The forward tensors (logits first, then target, ...) and any enabled
per-element tensor argument (BCE's ``weight``) each get a titled
:class:`TensorTableView`. Grids with one row per sample scroll together with
the results grid so a row reads straight across.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from lossgui.session.layout import Slot
from lossgui.ui.commands import Change
from lossgui.ui.table_views import GridView, TensorTableView
from lossgui.ui.tensor_model import TensorTableModel

__all__ = ["ScrollSync", "TensorEditor", "TensorPanel", "table_object_name"]

_HINTS = {"index": "class indices", "float": ""}


def table_object_name(name: str, first: bool) -> str:
    """``inputTable`` for the first tensor, ``targetTable``, ``weightTable``, ..."""
    if first:
        return "inputTable"
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest) + "Table"


class TitledGrid(QWidget):
    """A grid with a one-line rich-text title above it."""

    def __init__(self, view: GridView, parent=None):
        super().__init__(parent)
        self.view = view
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setContentsMargins(2, 0, 8, 0)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.title.setFixedHeight(self.title.fontMetrics().height() + 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(view)


class TensorEditor(TitledGrid):
    """The titled grid of one tensor."""

    def __init__(self, controller, slot: Slot, first: bool, parent=None):
        view = TensorTableView(controller)
        super().__init__(view, parent)
        self.slot = slot
        self.first = first
        self.model = TensorTableModel(controller, slot.name, view)
        view.setModel(self.model)
        view.setObjectName(table_object_name(slot.name, first))
        self._controller = controller
        self.update_title()

    def update_title(self) -> None:
        """Show the tensor's name, shape and what it holds."""
        doc = self._controller.document
        try:
            array = doc.array(self.slot.name)
        except KeyError:
            return
        self.slot = doc.slot(self.slot.name)
        shape = (
            "("
            + ", ".join(str(s) for s in array.shape)
            + ("," if array.ndim == 1 else "")
            + ")"
        )
        hint = _HINTS[self.slot.kind]
        if (self.first and doc.input_mode == "logits" and doc.spec.activation) or (
            self.first and "logit" in doc.spec.forward[0].doc.lower()
        ):
            hint = "logits"
        dtype = "int64" if self.slot.kind == "index" else doc.dtype
        extra = f" · {hint}" if hint else ""
        self.title.setText(f"<b>{self.slot.name}</b> {shape} {dtype}{extra}")
        self.title.setToolTip(
            f"{self.slot.doc}\nShape torch accepts: {self.slot.shape_text}"
        )
        self.view.setToolTip(self.slot.doc)


class ScrollSync(QObject):
    """Keep the vertical scroll position of several grids equal."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._views: list[GridView] = []
        self._busy = False

    def set_views(self, views: list[GridView]) -> None:
        """Synchronise exactly ``views`` from now on."""
        self._views = list(views)
        for view in self._views:
            if not view.property("lossgui_scroll_synced"):
                view.setProperty("lossgui_scroll_synced", True)
                view.verticalScrollBar().valueChanged.connect(
                    lambda value, source=view: self._on_scrolled(source, value)
                )

    def _on_scrolled(self, source: GridView, value: int) -> None:
        if self._busy or source not in self._views:
            return
        self._busy = True
        try:
            for view in self._views:
                if view is not source:
                    view.verticalScrollBar().setValue(value)
        finally:
            self._busy = False


class TensorPanel(QObject):
    """Creates, orders and refreshes the tensor editors inside ``splitter``.

    Parameters
    ----------
    controller : SessionController
        Source of the document and target of the edits.
    splitter : QSplitter
        Where the editors live; they are kept in front of any other widget
        already in it (the results grid).
    """

    def __init__(self, controller, splitter: QSplitter, parent=None):
        super().__init__(parent)
        self._controller = controller
        self._splitter = splitter
        self.editors: dict[str, TensorEditor] = {}
        self.rebuild()

    def visible_slots(self) -> list[Slot]:
        """Forward tensors, then enabled tensor arguments that are grids."""
        doc = self._controller.document
        return [
            slot
            for slot in doc.slots()
            if not slot.optional
            or (slot.role != "classes" and doc.enabled.get(slot.name))
        ]

    def rebuild(self, reset: bool = True) -> None:
        """Match the editors to the document's tensors (add, remove, reorder).

        Parameters
        ----------
        reset : bool
            Re-read every grid's shape (after a structural edit); otherwise
            kept grids only repaint, which keeps their selection.
        """
        slots = self.visible_slots()
        first_name = slots[0].name
        wanted = {slot.name for slot in slots}
        for name in list(self.editors):
            editor = self.editors[name]
            if name not in wanted or editor.first != (name == first_name):
                editor.hide()
                editor.setParent(None)
                editor.deleteLater()
                del self.editors[name]
        for position, slot in enumerate(slots):
            editor = self.editors.get(slot.name)
            if editor is None:
                editor = TensorEditor(self._controller, slot, slot.name == first_name)
                self.editors[slot.name] = editor
            elif reset:
                editor.model.reset()
            else:
                editor.model.refresh()
            self._splitter.insertWidget(position, editor)
            editor.show()
            editor.update_title()

    def ordered_editors(self) -> list[TensorEditor]:
        """The editors in display order."""
        return [
            self.editors[s.name] for s in self.visible_slots() if s.name in self.editors
        ]

    def views(self) -> list[TensorTableView]:
        """The grids in display order."""
        return [
            self.editors[s.name].view
            for s in self.visible_slots()
            if s.name in self.editors
        ]

    def on_change(self, change: int, names: tuple[str, ...]) -> None:
        """Refresh after an edit."""
        if change & (Change.STRUCTURE | Change.SETTINGS):
            self.rebuild(reset=bool(change & Change.STRUCTURE))
            return
        for name in names:
            editor = self.editors.get(name)
            if editor is not None:
                editor.model.refresh()
