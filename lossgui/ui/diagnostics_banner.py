"""``DiagnosticsBanner``: what looks wrong in the session, with one-click fixes.

Shown under the result (objectName ``diagnosticsBanner``) when
:func:`lossgui.session.diagnostics.diagnose` finds something, hidden
otherwise. Each finding is a coloured line with its explanation in the
tooltip and one button per fix; a fix goes through the controller, so it is
one undo step.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lossgui.i18n import QT_TRANSLATE_NOOP
from lossgui.session import Evaluation
from lossgui.session.diagnostics import Finding, Fix, diagnose
from lossgui.session.grid_facts import GridFacts
from lossgui.ui.naming import named

if TYPE_CHECKING:
    from lossgui.ui.controller import SessionController

__all__ = ["DiagnosticsBanner"]

#: Severity -> the word before a finding's title (translated where shown).
_TAGS = {
    "error": QT_TRANSLATE_NOOP("DiagnosticsBanner", "Error"),
    "warning": QT_TRANSLATE_NOOP("DiagnosticsBanner", "Check"),
    "hint": QT_TRANSLATE_NOOP("DiagnosticsBanner", "Hint"),
}
#: (light, dark) background and border of each severity.
_COLOURS = {
    "error": (("#fdecea", "#e0a39b", "#8a1f11"), ("#4a1f1f", "#b04a4a", "#ffc9c9")),
    "warning": (("#fff4e0", "#e5c07b", "#6b4500"), ("#3d3320", "#a88a3c", "#ffe2a8")),
    "hint": (("#e8f0fe", "#a8c1f0", "#1a3f7a"), ("#1f2c44", "#4a6ea8", "#cfe0ff")),
}


def _key(findings: tuple[Finding, ...]) -> list[tuple[str, ...]]:
    """What the banner shows of ``findings`` (fixes are closures, never equal)."""
    return [
        (f.code, f.title, f.detail, *(fix.label for fix in f.fixes)) for f in findings
    ]


class DiagnosticsBanner(QFrame):
    """The findings of the current session; see the module docstring.

    Parameters
    ----------
    controller : SessionController
        Where fixes are applied (and the document is read).
    """

    def __init__(
        self, controller: SessionController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("diagnosticsBanner")
        self._controller = controller
        self.findings: tuple[Finding, ...] = ()
        self._facts: GridFacts | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 2, 0, 2)
        self._layout.setSpacing(3)
        self.hide()

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Evaluation view hook: diagnose the session again."""
        doc = self._controller.document
        if doc.loss != evaluation.loss:
            return
        grid = doc.tensors[doc.first_name]
        rows = evaluation.rewritten_rows
        if self._facts is None or self._facts.array is not grid or rows is None:
            self._facts = GridFacts(grid)  # measured on first use
        else:  # an edit of a few rows: the rest of the facts still hold
            self._facts.update(rows)
        findings = diagnose(doc, evaluation, self._facts)
        same = _key(findings) == _key(self.findings)
        self.findings = findings
        if not same:
            self._rebuild()

    def _rebuild(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            assert item is not None  # count() said there is one
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        for finding in self.findings:
            self._layout.addWidget(self._row(finding))
        self.setVisible(bool(self.findings))

    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def _row(self, finding: Finding) -> QWidget:
        bg, border, text = _COLOURS[finding.severity][1 if self._dark() else 0]
        row = named(QFrame(), f"finding_{finding.code}")
        row.setStyleSheet(
            f"QFrame#finding_{finding.code} {{background:{bg}; border:1px solid "
            f"{border}; border-radius:4px;}} QLabel {{color:{text}; border:none;}}"
        )
        layout = QHBoxLayout(row)
        layout.setContentsMargins(8, 3, 4, 3)
        tag = QCoreApplication.translate("DiagnosticsBanner", _TAGS[finding.severity])
        heading = QCoreApplication.translate("DiagnosticsBanner", "{tag}: {title}")
        label = QLabel(
            f"<b>{heading.format(tag=tag, title=escape(finding.title))}</b><br>"
            f"<span style='font-size:small'>{escape(finding.detail)}</span>"
        )
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setToolTip(finding.detail)
        label.setWordWrap(True)
        label.setMinimumWidth(200)
        layout.addWidget(label, 1)
        for i, fix in enumerate(finding.fixes):
            button = named(QPushButton(fix.label), f"fix_{finding.code}_{i}")
            button.setToolTip(f"{fix.description}\n\n{finding.detail}")
            button.clicked.connect(lambda _=False, f=fix: self.apply(f))
            layout.addWidget(button)
        return row

    def apply(self, fix: Fix) -> None:
        """Apply ``fix`` to the document as one undo step."""
        self._controller.apply(fix.apply, fix.label)

    def changeEvent(self, event: QEvent) -> None:
        """Qt: recolour after a theme switch."""
        if event.type() == QEvent.Type.PaletteChange and self.findings:
            self._rebuild()
        super().changeEvent(event)
