"""``TensorPanel``: one editable grid per tensor of the loss, side by side.

The forward tensors (logits first, then target, ...) and any enabled
per-element tensor argument (BCE's ``weight``) each get a titled
:class:`TensorTableView`. Grids with one row per sample scroll together with
the results grid so a row reads straight across. Short tensors with their
own shape (CTCLoss's label sequence and length scalars) share one narrow
column, each a one-row grid; a label sequence has a spin box for its length.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QObject, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lossgui.i18n import translate
from lossgui.session.layout import Slot
from lossgui.ui.commands import Change
from lossgui.ui.table_views import GridView, TensorTableView
from lossgui.ui.tensor_model import TensorTableModel

if TYPE_CHECKING:
    from lossgui.ui.controller import SessionController

__all__ = ["ScrollSync", "TensorEditor", "TensorPanel", "table_object_name"]

_HINTS = {"index": "class indices", "float": ""}
#: Roles shown as one-row grids stacked in a shared column.
_SIDE_ROLES = ("sequence", "scalar")
MAX_SEQUENCE = 100_000
#: The widest a tensor grid (or the shared column of short tensors) is made.
MAX_GRID_WIDTH = 900
MAX_SIDE_WIDTH = 320


def table_object_name(name: str, first: bool) -> str:
    """``inputTable`` for the first tensor, ``targetTable``, ``weightTable``, ..."""
    if first:
        return "inputTable"
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest) + "Table"


class TitledGrid(QWidget):
    """A grid with a one-line rich-text title above it."""

    def __init__(self, view: GridView, parent: QWidget | None = None) -> None:
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

    view: TensorTableView

    def __init__(
        self,
        controller: SessionController,
        slot: Slot,
        first: bool,
        parent: QWidget | None = None,
    ) -> None:
        view = TensorTableView(controller)
        super().__init__(view, parent)
        self.slot = slot
        self.first = first
        self.model = TensorTableModel(controller, slot.name, view)
        view.setModel(self.model)
        view.setObjectName(table_object_name(slot.name, first))
        self._controller = controller
        self.length_spin: QSpinBox | None = None
        if slot.role == "sequence":
            self._add_length_spin()
        if slot.role in _SIDE_ROLES:
            if slot.kind == "index":  # whole numbers: narrow columns
                view.horizontalHeader().setDefaultSectionSize(
                    view.fontMetrics().horizontalAdvance("−0000") + 16
                )
            view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            view.setFixedHeight(
                view.horizontalHeader().height()
                + view.verticalHeader().defaultSectionSize()
                + view.horizontalScrollBar().sizeHint().height()
                + 2 * view.frameWidth()
            )
        self.update_title()

    def _add_length_spin(self) -> None:
        """A spin box for the sequence's length ``S`` beside the title."""
        spin = QSpinBox()
        spin.setObjectName(table_object_name(self.slot.name, False) + "LengthSpin")
        spin.setRange(1, MAX_SEQUENCE)
        spin.setKeyboardTracking(False)
        spin.setPrefix("S = ")
        spin.setToolTip(
            QCoreApplication.translate(
                "TensorEditor", "S: the number of labels in {name}."
            ).format(name=self.slot.name)
        )
        spin.valueChanged.connect(self._on_length_changed)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        layout = cast(QVBoxLayout, self.layout())  # TitledGrid's own
        layout.removeWidget(self.title)
        row.addWidget(self.title, 1)
        row.addWidget(spin)
        layout.insertLayout(0, row)
        self.length_spin = spin

    def _on_length_changed(self, length: int) -> None:
        name = self.slot.name
        doc = self._controller.document
        if name in doc.tensors and length != doc.sequence_length(name):
            self._controller.apply(
                lambda d: d.resize_sequence(name, length),
                QCoreApplication.translate(
                    "TensorEditor", "{name}: {length} labels"
                ).format(name=name, length=length),
            )

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
        hint = self.slot.hint or _HINTS[self.slot.kind]
        if self.slot.counts == "rows":
            hint = f"≤ T = {doc.rows}"
        elif self.slot.counts is not None:
            hint = f"≤ S = {doc.sequence_length(self.slot.counts)}"
        if (self.first and doc.input_mode == "logits" and doc.spec.activation) or (
            self.first and "logit" in doc.spec.forward[0].doc.lower()
        ):
            hint = "logits"
        dtype = "int64" if self.slot.kind == "index" else doc.dtype
        # the layout's hints are English data, shown through translate("session")
        extra = f" · {translate('session', hint)}" if hint else ""
        self.title.setText(f"<b>{self.slot.name}</b> {shape} {dtype}{extra}")
        meaning = translate("engine", self.slot.doc)
        shape_note = QCoreApplication.translate(
            "TensorEditor", "Shape torch accepts: {shape}"
        ).format(shape=self.slot.shape_text)
        self.title.setToolTip(f"{meaning}\n{shape_note}")
        self.view.setToolTip(meaning)
        if self.length_spin is not None:
            blocker = QSignalBlocker(self.length_spin)
            self.length_spin.setValue(int(array.size))
            blocker.unblock()


class ScrollSync(QObject):
    """Keep the vertical scroll position of several grids equal."""

    def __init__(self, parent: QObject | None = None) -> None:
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
        Where the editors live, side by side (the grid area's inputs).
    """

    def __init__(
        self,
        controller: SessionController,
        splitter: QSplitter,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._splitter = splitter
        self.editors: dict[str, TensorEditor] = {}
        self._side = QWidget()
        self._side.setObjectName("sideTensors")
        self._side_layout = QVBoxLayout(self._side)
        self._side_layout.setContentsMargins(0, 0, 0, 0)
        self._side_layout.addStretch(1)
        self._side.hide()
        self.rebuild()

    def visible_slots(self) -> list[Slot]:
        """Forward tensors, then enabled tensor arguments that are grids."""
        doc = self._controller.document
        return [
            slot
            for slot in doc.slots()
            if not slot.optional
            or (slot.role not in ("classes", "outputs") and doc.enabled.get(slot.name))
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
        editor: TensorEditor | None
        for name in list(self.editors):
            editor = self.editors[name]
            if name not in wanted or editor.first != (name == first_name):
                editor.hide()
                editor.setParent(None)
                editor.deleteLater()
                del self.editors[name]
        position, stacked = 0, 0
        for slot in slots:
            editor = self.editors.get(slot.name)
            if editor is not None and (slot.role in _SIDE_ROLES) != (
                editor.slot.role in _SIDE_ROLES
            ):
                editor.hide()
                editor.setParent(None)
                editor.deleteLater()
                editor = None
            if editor is None:
                editor = TensorEditor(self._controller, slot, slot.name == first_name)
                self.editors[slot.name] = editor
            elif reset:
                editor.model.reset()
            else:
                editor.model.refresh()
            if slot.role in _SIDE_ROLES:
                if not stacked:
                    self._splitter.insertWidget(position, self._side)
                    position += 1
                self._side_layout.insertWidget(stacked, editor)
                stacked += 1
            else:
                self._splitter.insertWidget(position, editor)
                position += 1
            editor.show()
            editor.update_title()
        self._side.setVisible(bool(stacked))
        if not stacked:
            self._side.setParent(None)

    def column_widths(self) -> list[int]:
        """The width each column of the inputs splitter wants, in order.

        One per grid (its columns' text or its title, whichever is wider),
        and one for the shared column of short tensors.
        """
        widths: list[int] = []
        side = 0
        for editor in self.ordered_editors():
            wanted = min(
                max(editor.view.preferred_width(), editor.title.sizeHint().width()),
                MAX_GRID_WIDTH,
            )
            if editor.slot.role in _SIDE_ROLES:
                if not side:
                    widths.append(0)
                header = editor.title.sizeHint().width()
                if editor.length_spin is not None:
                    header += editor.length_spin.sizeHint().width() + 8
                side = max(side, min(max(wanted, header), MAX_SIDE_WIDTH))
                widths[-1] = side
            else:
                widths.append(wanted)
        return widths

    def rows_height(self, max_rows: int) -> int:
        """The height that shows every grid's title and up to ``max_rows`` rows."""
        heights = [
            editor.title.height() + editor.view.preferred_height(max_rows)
            for editor in self.ordered_editors()
            if editor.slot.role not in _SIDE_ROLES
        ]
        return max(heights, default=120) + 4

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
        region = self._controller.edited_region
        for name in names:
            editor = self.editors.get(name)
            if editor is None:
                continue
            if region is None:
                editor.model.refresh()
            else:  # repaint only the edited cells, not the whole grid
                editor.model.refresh_region(*region)
