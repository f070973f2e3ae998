"""``CurvesPanel``: loss and gradient versus logit, linked, with the batch marked.

A view: :meth:`CurvesPanel.show_evaluation` receives every evaluation from
the main window's one recompute slot (and draws it at once when on screen,
otherwise when the panel is next shown). The curves are derived from that
frozen evaluation by :mod:`lossgui.session.curves` (the same engine call as
the numbers, ``reduction='none'`` on copies of the selected sample); the
panel only draws. Three modes share the two plots: *batch* (the current
loss), *compare* (several losses or settings) and *numerics* (BCELoss on a
sigmoid vs BCEWithLogitsLoss in float32 and float64).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from lossgui.engine.registry import LOSSES
from lossgui.session import Evaluation
from lossgui.session.curve_compare import (
    NUMERICS_RANGE,
    compare_curves,
    entry_from_evaluation,
    numerics_curves,
    vary_parameter,
)
from lossgui.session.curve_range import (
    DEFAULT_RANGE,
    covers_extent,
    domain_of,
    fitted_range,
    within_domain,
)
from lossgui.session.curve_summary import BatchSummary
from lossgui.session.curves import CurveSet, batch_curves, batch_summary
from lossgui.session.vary_values import checked_values
from lossgui.ui.plots.compare_controls import CompareControls
from lossgui.ui.plots.curve_controls import CurveControls
from lossgui.ui.plots.curve_plot import CurvePlot
from lossgui.ui.plots.export import ExportMenu
from lossgui.ui.plots.plot_text import marker_tip, notes_html, title_html
from lossgui.ui.plots.style import style_for

#: One drawn curve, ``(x, y)``.
XY = tuple[np.ndarray, np.ndarray]

__all__ = ["CurvesPanel"]


class CurvesPanel(QWidget):
    """The ``lossPlot`` and ``gradPlot`` panels and their controls.

    Signals
    -------
    elementPicked(int, int)
        A marker was clicked: the element's row and column in the logits grid.
    message(str)
        Something to say in the status bar.
    """

    elementPicked = Signal(int, int)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("curvesPanel")
        self.controls = CurveControls()
        self.compare = CompareControls()
        self.compare.hide()
        self.loss_plot = CurvePlot("lossPlot")
        self.grad_plot = CurvePlot("gradPlot", zero_line=True)
        self.grad_plot.setXLink(self.loss_plot)
        self.controls.export.setMenu(ExportMenu(self, self))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.controls)
        layout.addWidget(self.compare)
        self._plots = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._plots.setSpacing(4)
        self._plots.addWidget(self.loss_plot, 1)
        self._plots.addWidget(self.grad_plot, 1)
        layout.addLayout(self._plots, 1)
        self.curve_set: CurveSet | None = None
        self._evaluation: Evaluation | None = None
        self._selected = (0, 0)
        self._mode = "batch"
        self._axis = "logit"
        self._target = 1.0
        self._ranges = {"batch": DEFAULT_RANGE, "compare": DEFAULT_RANGE}
        self._ranges["numerics"] = NUMERICS_RANGE
        # Behind another dock tab the batch view waits: drawn on the next show.
        self._stale = False
        self._stale_view = False
        # Per-row figures of the batch (range, hardest rows), updated row by
        # row: the rows rewritten since it was made, or None (make it anew).
        self._summary: BatchSummary | None = None
        self._changed: list[range] | None = None
        #: The link to the window's selected element (set by install_curves).
        self.link: QObject | None = None
        self._connect()
        self._restyle()

    def _connect(self) -> None:
        c = self.controls
        c.modeChanged.connect(self.set_mode)
        c.rangeChanged.connect(self.set_range)
        c.axisChanged.connect(self.set_axis)
        c.fitRequested.connect(self.fit_batch)
        c.targetChanged.connect(self._on_target)
        self.compare.entriesChanged.connect(lambda: self._refresh_mode("compare"))
        self.compare.addCurrentRequested.connect(self.add_current)
        self.compare.varyRequested.connect(self.add_variations)
        self.compare.message.connect(self.message)
        for plot in (self.loss_plot, self.grad_plot):
            plot.markerClicked.connect(self._on_marker)
            plot.tip = self._marker_tip

    def set_plots_side_by_side(self, beside: bool) -> None:
        """Loss and gradient plots beside each other (a wide, low dock) or stacked."""
        self._plots.setDirection(
            QBoxLayout.Direction.LeftToRight
            if beside
            else QBoxLayout.Direction.TopToBottom
        )

    # ----------------------------------------------------------------- inputs
    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Take a new evaluation; the batch view redraws at once."""
        previous = self._evaluation
        self._evaluation = evaluation
        rows = evaluation.rewritten_rows
        if rows is None or self._changed is None or _new_view(previous, evaluation):
            self._changed = None
        else:
            self._changed.append(rows)
        self.compare.set_loss(evaluation.loss)
        if self._mode == "batch":
            self._stale_view = self._stale_view or _new_view(previous, evaluation)
            self._stale = True
            if self.isVisible() and not self.visibleRegion().isEmpty():
                self._catch_up()

    def on_visibility(self, visible: bool) -> None:
        """Dock visibility/tab switch: draw what changed while hidden."""
        if visible:
            self._catch_up()

    def showEvent(self, event: QShowEvent) -> None:
        """Qt: draw what changed while hidden."""
        super().showEvent(event)
        self._catch_up()

    def _catch_up(self) -> None:
        """Redraw the batch view if an evaluation arrived since the last draw."""
        if self._stale and self._mode == "batch":
            reset, self._stale, self._stale_view = self._stale_view, False, False
            moved = self._follow_batch(reset)
            self.refresh(reset_view=reset or moved)

    def _follow_batch(self, new_view: bool) -> bool:
        """Fit the batch range to a new view, or widen it to an edited value.

        Returns whether the range changed.
        """
        evaluation = self._evaluation
        if evaluation is None:
            return False
        extent = self._batch_summary().extent()
        domain = domain_of(evaluation)
        current = self._ranges["batch"]
        if new_view:
            wanted = fitted_range(extent, domain)
        elif not covers_extent(current, extent):
            wanted = fitted_range(extent, domain, current)
        else:
            wanted = within_domain(current, domain)
        self._ranges["batch"] = wanted
        if self._mode == "batch":
            self.controls.set_range(*wanted)
        return wanted != current

    def _batch_summary(self) -> BatchSummary:
        """The summary of the current batch, brought up to date (rows changed)."""
        assert self._evaluation is not None
        self._summary = batch_summary(self._evaluation, self._summary, self._changed)
        self._changed = []
        return self._summary

    def selected(self) -> tuple[int, int]:
        """The selected cell of the logits grid, ``(row, column)``."""
        return self._selected

    def set_selected(self, row: int, column: int) -> None:
        """Select a cell of the logits grid (highlights its markers)."""
        if (row, column) != self._selected:
            self._selected = (int(row), int(column))
            if self._mode == "batch":
                self.refresh()

    def set_mode(self, mode: str) -> None:
        """Switch between ``"batch"``, ``"compare"`` and ``"numerics"``."""
        index = self.controls.mode.findData(mode)
        if index >= 0 and index != self.controls.mode.currentIndex():
            self.controls.mode.setCurrentIndex(index)  # comes back here
            return
        self._mode = mode
        self.compare.setVisible(mode == "compare")
        self.controls.show_mode_widgets(mode)
        self.controls.set_range(*self._ranges[mode])
        self.refresh(reset_view=True)

    def set_range(self, low: float, high: float) -> None:
        """Sweep the current mode over ``[low, high]`` (cut to the input's domain)."""
        if self._mode == "batch" and self._evaluation is not None:
            low, high = within_domain((low, high), domain_of(self._evaluation))
        self._ranges[self._mode] = (low, high)
        self.controls.set_range(low, high)
        self.refresh(reset_view=True)

    def set_axis(self, axis: str) -> None:
        """Plot against the swept value (``"logit"``) or ``"p_true"``."""
        self._axis = axis
        if self.curve_set is not None:
            self._draw(self.curve_set)
            self._reset_view()

    def fit_batch(self) -> None:
        """Set the batch range to cover every marked value (with a margin)."""
        markers = None if self.curve_set is None else self.curve_set.markers
        if markers is None:
            return
        x = markers.x[np.isfinite(markers.x)].astype(np.float64)
        if x.size:
            span = max(float(x.max() - x.min()), 1.0)
            low = float(np.floor(x.min() - 0.1 * span))
            high = float(np.ceil(x.max() + 0.1 * span))
            self.set_range(low, high)

    def add_current(self) -> None:
        """Compare mode: add the current loss and settings on the selected sample."""
        if self._evaluation is not None:
            entry = entry_from_evaluation(self._evaluation, self._selected)
            self.compare.add_entries([entry])

    def add_variations(self, name: str, values: list[float]) -> None:
        """Compare mode: add the selected sample once per value of ``name``."""
        if self._evaluation is None:
            return
        spec = LOSSES[self._evaluation.loss]
        grid = self._evaluation.grid
        classes = int(grid.shape[1]) if grid.ndim == 2 else None
        typed, reason = checked_values(spec.param(name), values, classes)
        self.compare.show_refusal(reason)
        if reason is not None:
            return
        base = entry_from_evaluation(self._evaluation, self._selected)
        self.compare.add_entries(vary_parameter(base, name, typed))

    def show_message(self, text: str) -> None:
        """Forward ``text`` to the status bar."""
        self.message.emit(text)

    # ---------------------------------------------------------------- drawing
    def refresh(self, reset_view: bool = False) -> None:
        """Recompute the current mode's curves and redraw."""
        self.curve_set = self._build()
        self._draw(self.curve_set)
        if reset_view:
            self._reset_view()
        else:
            self._fit_and_place()

    def _refresh_mode(self, mode: str) -> None:
        if self._mode == mode:
            self.refresh(reset_view=True)

    def _build(self) -> CurveSet:
        x_range = self._ranges[self._mode]
        if self._mode == "compare":
            return compare_curves(self.compare.entries(), x_range)
        if self._mode == "numerics":
            return numerics_curves(self._target, x_range)
        if self._evaluation is None:
            nothing = QCoreApplication.translate("CurvesPanel", "Nothing computed yet.")
            return CurveSet("", "", "", "", error=nothing)
        return batch_curves(
            self._evaluation,
            self._selected,
            x_range,
            summary=self._batch_summary(),
        )

    def _x(self, x: np.ndarray, p_true: np.ndarray | None) -> np.ndarray:
        return p_true if self._axis == "p_true" and p_true is not None else x

    def _draw(self, cs: CurveSet) -> None:
        self.controls.set_axis_available(cs.has_p_true)
        if not cs.has_p_true:
            self._axis = "logit"
        loss = [(self._x(c.x, c.p_true), c.loss) for c in cs.curves]
        grad = [(self._x(c.x, c.p_true), c.grad) for c in cs.curves]
        labels = [c.label for c in cs.curves]
        chosen = [c.selected for c in cs.curves]
        self.loss_plot.show_curves(loss, labels, chosen)
        self.grad_plot.show_curves(grad, labels, chosen)
        x_label = (
            QCoreApplication.translate(
                "CurvesPanel", "p_t, probability of the true class"
            )
            if self._axis == "p_true"
            else cs.x_label
        )
        self.loss_plot.set_labels(x_label, cs.loss_label, title_html(cs))
        self.grad_plot.set_labels(x_label, cs.grad_label, notes_html(cs.grad_notes))
        self.loss_plot.setToolTip("\n".join([cs.error or "", *cs.notes]).strip())
        self._draw_markers(cs)

    def _draw_markers(self, cs: CurveSet) -> None:
        m = cs.markers
        if m is None:
            for plot in (self.loss_plot, self.grad_plot):
                plot.show_markers(np.empty(0), np.empty(0), np.empty(0), np.empty(0))
                plot.show_selected(None, None)
            return
        x = self._x(m.x, m.p_true).astype(np.float64)
        shown = np.flatnonzero(np.isfinite(x))
        shown = shown[np.argsort(m.curve[shown] >= 0, kind="stable")]  # grey below
        for plot, y in ((self.loss_plot, m.loss), (self.grad_plot, m.grad)):
            plot.show_markers(x[shown], y[shown], m.curve[shown], shown)
            if cs.selected is None:
                plot.show_selected(None, None)
            else:
                plot.show_selected(float(x[cs.selected]), float(y[cs.selected]))

    def _reset_view(self) -> None:
        cs = self.curve_set
        if self._axis == "p_true":
            low, high = 0.0, 1.0
        elif cs is not None and cs.curves:
            low = min(float(c.x[0]) for c in cs.curves)
            high = max(float(c.x[-1]) for c in cs.curves)
        else:
            low, high = self._ranges[self._mode]
        self.loss_plot.setXRange(low, high, padding=0.02)
        for plot in (self.loss_plot, self.grad_plot):
            plot.getPlotItem().getViewBox().refit()
            plot.enableAutoRange(axis="y")
        self._fit_and_place()

    def _fit_and_place(self) -> None:
        """Fit pending y-ranges now, before the paint, then place each legend.

        A fit made while painting moved the range mid-frame and Qt drew the
        plot twice. A plot whose range moved placed its legend already (its
        range-change handler); the others are placed for their new curves.
        """
        plots = (self.loss_plot, self.grad_plot)
        for plot, data in zip(plots, self._legend_data(), strict=True):
            moved = plot.getPlotItem().getViewBox().fit_now()
            if not moved and self.curve_set is not None:
                plot.place_legend(data)

    def _legend_data(self) -> tuple[list[XY], list[XY]]:
        """The loss and the gradient curves as drawn, for placing legends."""
        cs = self.curve_set
        if cs is None:
            return [], []
        loss = [(self._x(c.x, c.p_true), c.loss) for c in cs.curves]
        grad = [(self._x(c.x, c.p_true), c.grad) for c in cs.curves]
        return loss, grad

    # ---------------------------------------------------------------- markers
    def _on_marker(self, index: int) -> None:
        m = None if self.curve_set is None else self.curve_set.markers
        if m is None or not 0 <= index < m.rows.size:
            return
        row, col = int(m.rows[index]), int(m.cols[index])
        self.set_selected(row, col)
        self.elementPicked.emit(row, col)

    def _marker_tip(self, index: int) -> str:
        return marker_tip(
            None if self.curve_set is None else self.curve_set.markers, index
        )

    # ------------------------------------------------------------------ theme
    def _on_target(self, value: float) -> None:
        self._target = value
        self._refresh_mode("numerics")

    def _restyle(self) -> None:
        style = style_for(self)
        self.loss_plot.restyle(style)
        self.grad_plot.restyle(style)
        if self.curve_set is not None:
            self._draw(self.curve_set)

    def changeEvent(self, event: QEvent) -> None:
        """Qt: follow theme changes (plots included)."""
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)


def _new_view(previous: Evaluation | None, evaluation: Evaluation) -> bool:
    """Whether ``evaluation`` is another document, loss or input reading."""
    if previous is None:
        return True
    before = (previous.loss, previous.input_mode, previous.target_mode)
    now = (evaluation.loss, evaluation.input_mode, evaluation.target_mode)
    if before != now or len(previous.inputs) != len(evaluation.inputs):
        return True
    return any(
        a.shape != b.shape
        for (_, a), (_, b) in zip(previous.inputs, evaluation.inputs, strict=True)
    )
