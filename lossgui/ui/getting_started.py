"""Help > Getting started: a short in-app page for the first minute.

A ``QTextBrowser`` in a dialog (objectName ``gettingStartedView``) saying
what to edit, where the results and the curves are, how to open an example,
import data and copy the computation as PyTorch. Its README link shows the
installed README in the same browser; a project URL, when the package
metadata names one, opens in the system browser. The page uses the palette's
colours only, so it follows the light and dark themes.
"""

from __future__ import annotations

import email.message
import importlib.metadata
from pathlib import Path
from typing import cast

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lossgui.i18n import QT_TRANSLATE_NOOP

__all__ = ["GETTING_STARTED_HTML", "GettingStartedDialog", "project_url", "readme_text"]

README_LINK = "lossgui:readme"
START_LINK = "lossgui:start"

#: The page, one translatable piece per heading and paragraph (English here;
#: :func:`page_html` shows them in the window's language).
GETTING_STARTED_PARTS = (
    QT_TRANSLATE_NOOP(
        "GettingStartedDialog",
        "<h2>Getting started</h2>",
    ),
    QT_TRANSLATE_NOOP(
        "GettingStartedDialog",
        "<p><b>Pick a loss</b> on the left, in <i>Loss and parameters</i>: the loss, "
        "its reduction (<code>'mean'</code>, <code>'sum'</code>, <code>'none'</code>), "
        "the dtype, whether the grid holds logits or probabilities, and the loss's own "
        "parameters (<code>weight</code>, <code>pos_weight</code>, margins …). The "
        "formula box under the loss says what each element computes and what the "
        "reduction does with them.</p>",
    ),
    QT_TRANSLATE_NOOP(
        "GettingStartedDialog",
        "<p><b>Edit the numbers</b> in the middle: the <b>input</b> grid (logits or "
        "the raw values the loss takes) and the <b>target</b> grid. Type into any "
        "cell, paste a block from a spreadsheet with Ctrl+V, add rows and classes "
        "with the <i>Grid</i> controls. Every edit recomputes at once; Ctrl+Z undoes "
        "it.</p>",
    ),
    QT_TRANSLATE_NOOP(
        "GettingStartedDialog",
        "<p><b>Read the results</b>: the big number at the top is the reduced loss, "
        "with the receipt (what the mean divides by) and the PyTorch call that gives "
        "it. The <b>results</b> grid beside the inputs shows every element's "
        "probability, loss and gradient. The <b>Curves</b> dock plots loss and "
        "gradient against the logit with each element of your batch marked; "
        "<b>Explain</b> works the selected cell out step by step; <b>Compare "
        "losses</b> puts related losses side by side on the same numbers.</p>",
    ),
    QT_TRANSLATE_NOOP(
        "GettingStartedDialog",
        "<p><b>Open an example</b> from the <b>Examples</b> menu: the worked examples "
        "of five articles on these losses, and one per loss family. Change a number or "
        "the reduction and watch what moves.</p>",
    ),
    QT_TRANSLATE_NOOP(
        "GettingStartedDialog",
        "<p><b>Bring your own data</b> with <b>File &gt; Import</b> (CSV, NumPy "
        "<code>.npy</code>/<code>.npz</code>, PyTorch <code>.pt</code>, or pasted "
        "text), or drop a file on the window. <b>File &gt; Save</b> keeps the whole "
        "session; <b>File &gt; Export CSV</b> (Ctrl+E) writes one row per element.</p>",
    ),
    QT_TRANSLATE_NOOP(
        "GettingStartedDialog",
        "<p><b>Copy as PyTorch</b> (Edit menu, Ctrl+Shift+C) puts a runnable script "
        "on the clipboard that builds these tensors and this loss in torch and prints "
        "the same value and gradient.</p>",
    ),
    QT_TRANSLATE_NOOP(
        "GettingStartedDialog",
        '<p>More in the <a href="{readme}">README</a>{project}. View &gt; Precision '
        "sets how many significant digits every view shows.</p>",
    ),
)
GETTING_STARTED_HTML = "\n" + "\n".join(GETTING_STARTED_PARTS) + "\n"


def project_url() -> str | None:
    """The project's home page from the installed metadata, if it names one."""
    try:
        metadata = _metadata()
    except importlib.metadata.PackageNotFoundError:
        return None
    for entry in metadata.get_all("Project-URL") or []:
        _, _, url = entry.partition(",")
        if url.strip().startswith("http"):
            return url.strip()
    home = metadata.get("Home-page")
    return home if home and home.startswith("http") else None


def _metadata() -> email.message.Message:
    """The installed metadata of lossgui, an ``email.message.Message``.

    The stubs' ``PackageMetadata`` protocol lacks the ``get`` and
    ``get_payload`` of the message it is at run time.
    """
    return cast(email.message.Message, importlib.metadata.metadata("lossgui"))


def readme_text() -> str:
    """The README (Markdown): the source checkout's file, else the metadata's copy."""
    source = Path(__file__).resolve().parents[2] / "README.md"
    if source.is_file():
        text = source.read_text(encoding="utf-8")
        if text.startswith("# lossgui"):
            return text
    try:
        metadata = _metadata()
    except importlib.metadata.PackageNotFoundError:
        return ""
    return str(metadata.get_payload() or "")


def page_html() -> str:
    """The Getting started page with its README (and project) links."""
    url = project_url()
    project = (
        QCoreApplication.translate(
            "GettingStartedDialog", " and on the <a href='{url}'>project page</a>"
        ).format(url=url)
        if url
        else ""
    )
    parts = [
        QCoreApplication.translate("GettingStartedDialog", part)
        for part in GETTING_STARTED_PARTS
    ]
    return "\n".join(parts).format(readme=README_LINK, project=project)


class GettingStartedDialog(QDialog):
    """The Getting started page in a resizable, non-modal dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gettingStartedDialog")
        self.setWindowTitle(
            QCoreApplication.translate(
                "GettingStartedDialog", "Getting started with lossgui"
            )
        )
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("gettingStartedView")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(620, 560)
        self.show_start()

    def show_start(self) -> None:
        """Show the Getting started page."""
        self.browser.setHtml(page_html())

    def show_readme(self) -> None:
        """Show the README, with a way back to the start page."""
        text = readme_text() or QCoreApplication.translate(
            "GettingStartedDialog", "The README is not installed with this copy."
        )
        back = QCoreApplication.translate("GettingStartedDialog", "← Getting started")
        self.browser.setMarkdown(f"[{back}]({START_LINK})\n\n{text}")

    def _on_link(self, url: QUrl) -> None:
        text = url.toString()
        if text == README_LINK:
            self.show_readme()
        elif text == START_LINK:
            self.show_start()
        elif url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)
        elif url.hasFragment() and not url.scheme():
            self.browser.scrollToAnchor(url.fragment())
