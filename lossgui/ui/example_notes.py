"""The "Example" dock tab: the open example, its article, and the article's numbers.

Shows the title, the article and the *full* description of the bundled
example the document is (recognised by content,
:func:`~lossgui.session.example_match.matching_example`), then every value
the article printed beside the value lossgui computes, with ✓ where they
agree within the printed digits and ✗ with the explanation where they do
not (:func:`~lossgui.session.article_check.check_rows`). After an edit the
notes stay, saying the batch is no longer the example's.
"""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDockWidget, QTextBrowser, QVBoxLayout, QWidget

from lossgui.i18n import translate
from lossgui.session import Evaluation
from lossgui.session.article_check import CheckRow, check_rows, summary_of
from lossgui.session.example_match import BundledExample, matching_example
from lossgui.ui.naming import named

if TYPE_CHECKING:
    from lossgui.ui.controller import SessionController
    from lossgui.ui.main_window import MainWindow

__all__ = ["ExampleNotes", "install_example_notes"]

log = logging.getLogger(__name__)


def _no_example() -> str:
    """The tab's text when the batch is no bundled example."""
    return QCoreApplication.translate(
        "ExampleNotes",
        "<p>This batch is not one of the bundled examples.</p>"
        "<p>Open one from the <b>Examples</b> menu: the five articles' worked "
        "examples show here with every number the article printed beside the "
        "value lossgui computes.</p>",
    )


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _row_html(row: CheckRow) -> str:
    mark = {True: "✓", False: "✗", None: "–"}[row.agrees]
    colour = {True: "#2e7d32", False: "#d93025", None: "gray"}[row.agrees]
    cells = (
        f"<td style='color:{colour}; font-size:large'><b>{mark}</b></td>"
        f"<td>{_esc(row.what)}</td>"
        f"<td><code>{_esc(row.printed)}</code></td>"
        f"<td><code>{_esc(row.computed)}</code></td>"
    )
    note = (
        f"<tr><td></td><td colspan='3'><i>{_esc(row.note)}</i></td></tr>"
        if row.note
        else ""
    )
    return f"<tr>{cells}</tr>{note}"


def notes_html(
    example: BundledExample | None, rows: list[CheckRow], edited: bool
) -> str:
    """The tab's text: title, article, description, printed versus computed."""
    if example is None:
        return _no_example()
    title = translate("examples", example.title)
    group = translate("examples", example.group)
    description = translate("examples", example.description)
    parts = [f"<h3>{_esc(title)}</h3>", f"<p><b>{_esc(group)}</b>"]
    article = example.article
    if article:
        seed = QCoreApplication.translate("ExampleNotes", " · seed article {seed}")
        parts.append(seed.format(seed=_esc(str(article.get("seed", "")))))
    parts.append(f"</p><p>{_esc(description)}</p>")
    if edited:
        parts.append(
            QCoreApplication.translate(
                "ExampleNotes",
                "<p><i>This batch is no longer the example's (it was edited, or "
                "another session was opened), so the article's numbers no longer "
                "apply; Ctrl+Z goes back.</i></p>",
            )
        )
        return "".join(parts)
    if rows:
        parts.append(
            "<p><b>"
            + QCoreApplication.translate(
                "ExampleNotes", "What the article printed, beside what lossgui computes"
            )
            + "</b></p><table cellspacing='0' cellpadding='3'><tr><th></th>"
            + "<th align='left'>"
            + QCoreApplication.translate("ExampleNotes", "printed for")
            + "</th><th align='left'>"
            + QCoreApplication.translate("ExampleNotes", "article")
            + "</th><th align='left'>lossgui</th></tr>"
        )
        parts.extend(_row_html(row) for row in rows)
        parts.append("</table>")
        parts.append(f"<p>{_agreement(rows)}</p>")
    elif article.get("note"):
        parts.append(f"<p><i>{_esc(str(article['note']))}</i></p>")
    return "".join(parts)


def _agreement(rows: list[CheckRow]) -> str:
    """How many printed values agree, and how many slips are explained."""
    slips = sum(row.agrees is False for row in rows)
    agree = sum(row.agrees is True for row in rows)
    if agree == 1:
        agreed = QCoreApplication.translate(
            "ExampleNotes", "1 printed value agrees (✓ within the printed digits)"
        )
    else:
        agreed = QCoreApplication.translate(
            "ExampleNotes", "{count} printed values agree (✓ within the printed digits)"
        ).format(count=agree)
    if not slips:
        return agreed + QCoreApplication.translate("ExampleNotes", ".")
    if slips == 1:
        return agreed + QCoreApplication.translate(
            "ExampleNotes", "; 1 slip explained above."
        )
    return agreed + QCoreApplication.translate(
        "ExampleNotes", "; {count} slips explained above."
    ).format(count=slips)


class ExampleNotes(QWidget):
    """The Example tab (an :class:`~lossgui.ui.views.EvaluationView`).

    Signals
    -------
    summaryChanged(str)
        The one-line article check for the value's summary ("" for none),
        made from the same rows as the tab, once per evaluation.
    """

    summaryChanged = Signal(str)
    #: The Example dock (set by :func:`install_example_notes`).
    dock: QDockWidget

    def __init__(
        self, controller: SessionController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self.example: BundledExample | None = None
        self.rows: list[CheckRow] = []
        self.edited = False
        self.browser = named(QTextBrowser(), "exampleNotesText")
        self.browser.setOpenExternalLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.browser)
        self._page = _no_example()
        self.browser.setHtml(self._page)

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Recognise the example and compare the article's numbers."""
        try:
            doc = self._controller.document
            found = matching_example(doc)
            if found is not None:
                self.example, self.edited = found, False
                self.rows = check_rows(doc, evaluation, found)
            else:
                self.edited = self.example is not None
                self.rows = []
            page = notes_html(self.example, self.rows, self.edited)
            if page != self._page:  # an unchanged page is not laid out again
                self._page = page
                self.browser.setHtml(page)
            self.summaryChanged.emit(
                summary_of(found, self.rows, evaluation.reduction) or ""
            )
        except Exception:  # a view never lets an exception reach the event loop
            log.exception("example notes failed")
            self._page = ""
            self.browser.setPlainText(
                QCoreApplication.translate(
                    "ExampleNotes", "The example notes could not be shown."
                )
            )

    def text(self) -> str:
        """What the tab shows, as plain text (for tests)."""
        return self.browser.toPlainText()


def install_example_notes(
    window: MainWindow, beside: QDockWidget | None
) -> ExampleNotes:
    """Add the Example tab to ``window``, tabified with the dock ``beside``."""
    notes = ExampleNotes(window.controller)
    notes.summaryChanged.connect(window.summary.set_article_note)
    dock = window.add_dock_view(
        notes, QCoreApplication.translate("ExampleNotes", "Example"), name="Example"
    )
    if beside is not None:
        window.tabifyDockWidget(beside, dock)
    notes.dock = dock
    return notes
