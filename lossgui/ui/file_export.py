"""File > Export CSV…: the current evaluation as tidy CSV plus a JSON summary.

The writer is :func:`lossgui.io.csv_export.write_export` (Qt-free, atomic);
this module asks for the file name, writes a big batch in the window's
worker thread with progress and Cancel (:mod:`lossgui.ui.background`) and
reports the outcome. Exporting never changes the document.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from lossgui.i18n import QT_TRANSLATE_NOOP
from lossgui.ui import background

if TYPE_CHECKING:
    from lossgui.ui.main_window import MainWindow

__all__ = ["CSV_FILTER", "export_csv"]

#: English; shown translated (the patterns stay).
CSV_FILTER = QT_TRANSLATE_NOOP("FileExport", "CSV files (*.csv);;All files (*)")
LAST_DIR_KEY = "files/export_dir"


def _default_name(window: MainWindow) -> str:
    files = getattr(window, "files", None)
    stem = "lossgui-export"
    if files is not None and files.sessions.path is not None:
        stem = files.sessions.path.stem
    folder = str(window.settings.value(LAST_DIR_KEY, "") or "")
    return str(Path(folder) / f"{stem}.csv") if folder else f"{stem}.csv"


def export_csv(window: MainWindow) -> Path | None:
    """Ask for a CSV name and export; returns the CSV path, or None."""
    if window.background.busy:
        return None
    evaluation = window.evaluation
    if evaluation is None or not evaluation.ok:
        reason = evaluation.error.torch_text if evaluation and evaluation.error else ""
        QMessageBox.information(
            window,
            QCoreApplication.translate("FileExport", "Export CSV"),
            QCoreApplication.translate(
                "FileExport",
                "There is nothing to export: torch refuses the current input.",
            )
            + (f"<br><br><tt>{reason}</tt>" if reason else ""),
        )
        return None
    name, _ = QFileDialog.getSaveFileName(
        window,
        QCoreApplication.translate("FileExport", "Export CSV"),
        _default_name(window),
        QCoreApplication.translate("FileExport", CSV_FILTER),
    )
    if not name:
        return None
    path = Path(name)
    if not path.suffix:
        path = path.with_suffix(".csv")
    # deferred: the CSV writer is needed only when exporting, not at start-up
    from lossgui.io.csv_export import ExportCancelled, ExportError, write_export

    try:
        if evaluation.grid.size <= background.BACKGROUND_VALUES:
            csv_file, summary = write_export(path, evaluation)
        else:  # the writer stops at Cancel and leaves nothing: wait for it
            csv_file, summary = window.background.run(
                QCoreApplication.translate("FileExport", "Writing {file}…").format(
                    file=path.name
                ),
                lambda progress: write_export(path, evaluation, progress),
                wait=True,
            )
    except ExportCancelled:
        window.show_message(
            QCoreApplication.translate(
                "FileExport", "Export cancelled; nothing was written"
            )
        )
        return None
    except (OSError, ExportError) as exc:
        cause = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        QMessageBox.critical(
            window,
            QCoreApplication.translate("FileExport", "Cannot export CSV"),
            QCoreApplication.translate(
                "FileExport",
                "<b>{file}</b> could not be written: {reason}.<br><br>"
                "Nothing was written.",
            ).format(file=path.name, reason=cause),
        )
        window.show_message(
            QCoreApplication.translate(
                "FileExport", "Cannot export {file}: {reason}"
            ).format(file=path.name, reason=cause)
        )
        return None
    window.settings.setValue(LAST_DIR_KEY, str(csv_file.parent))
    rows = evaluation.grid.size
    window.show_message(
        QCoreApplication.translate(
            "FileExport", "Exported {rows} rows to {file} (summary in {summary})"
        ).format(rows=f"{rows:,}", file=csv_file.name, summary=summary.name)
    )
    return csv_file
