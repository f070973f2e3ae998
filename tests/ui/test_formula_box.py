"""The formula box follows the reduction combo and wraps only between terms."""

from __future__ import annotations

from conftest import label, select_loss
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QComboBox

from lossgui.engine.registry import LOSSES
from lossgui.session.formula_text import BREAK, formula_text


def _choose_reduction(window, reduction: str) -> None:
    combo = window.findChild(QComboBox, "reductionCombo")
    combo.setCurrentIndex(combo.findText(reduction))
    QApplication.processEvents()


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u2060", "").replace(BREAK, "")


def test_the_box_shows_the_reduction_chosen_in_the_combo(make_window):
    window = make_window()
    box = label(window, "formulaLabel")
    _choose_reduction(window, "sum")
    assert window.controller.document.reduction == "sum"
    assert _plain(box.text()).splitlines()[-1] == "sum = Σ l"
    assert "mean" not in box.text()
    _choose_reduction(window, "none")
    assert _plain(box.text()).splitlines()[-1] == "none: the per-element l"
    _choose_reduction(window, "mean")
    assert _plain(box.text()).splitlines()[-1] == "mean = Σ l / numel"
    _choose_reduction(window, "sum")
    window.controller.undo_stack.undo()
    undone = window.controller.document.reduction
    assert undone != "sum"
    assert _plain(box.text()).splitlines()[-1].startswith(("mean", "none"))
    assert box.text() == formula_text(window.controller.document)


def test_kl_batchmean_and_weighted_nll(make_window):
    window = make_window()
    select_loss(window, "KLDivLoss")
    _choose_reduction(window, "batchmean")
    box = label(window, "formulaLabel")
    assert _plain(box.text()).splitlines()[-1].startswith("batchmean = Σ l / N")
    select_loss(window, "NLLLoss")
    window.controller.set_setting("enabled.weight", True)
    _choose_reduction(window, "mean")
    assert _plain(box.text()).splitlines()[-1] == "mean = Σ_n l_n / Σ_n w[y_n]"


def _break_points(text: str, font, width: float) -> list[tuple[str, float]]:
    """(text before each line break, widest line) as the label lays it out."""
    breaks = []
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)  # what QLabel uses
        layout.setTextOption(option)
        layout.beginLayout()
        starts = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            starts.append((line.textStart(), line.naturalTextWidth()))
        layout.endLayout()
        breaks += [(paragraph[:start], natural) for start, natural in starts[1:]]
        breaks += [("", natural) for _, natural in starts[:1]]
    return breaks


def test_narrow_boxes_break_only_between_terms_and_clip_nothing(make_window):
    window = make_window()
    select_loss(window, "BCELoss")
    box = label(window, "formulaLabel")
    text, font = box.text(), box.font()
    assert "(1−\u2060y)" in text
    for width in (box.width(), 260, 200, 160):
        for before, natural in _break_points(text, font, width):
            if before:  # the line broke after a space or a marked break only
                assert before[-1] in (" ", BREAK), (width, before)
            assert natural <= width + 1, (width, before)
    # the label has the height its wrapped text needs: nothing is cut off
    assert box.height() >= box.heightForWidth(box.width())


def test_every_loss_s_formula_fits_a_narrow_dock(make_window):
    window = make_window()
    box = label(window, "formulaLabel")
    for loss in LOSSES:
        select_loss(window, loss)
        for width in (box.width(), 220):
            for before, natural in _break_points(box.text(), box.font(), width):
                assert natural <= width + 1, (loss, width, before)
