"""Editors for one constructor argument, generated from a :class:`ParamSpec`.

``float`` → :class:`FloatSpinBox` (accepts ``1e-8``, ``inf``), ``int`` →
``QSpinBox``, ``bool`` → ``QCheckBox``, ``choice`` → ``QComboBox``. Every
editor gets torch's meaning and default as its tooltip and reports changes
through one callback, so the parameter panel needs no per-loss code.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox, QWidget

from lossgui.engine.registry import ParamSpec
from lossgui.i18n import translate
from lossgui.io.cells import format_exact
from lossgui.io.errors import FileFormatError
from lossgui.io.text_parse import parse_number

__all__ = [
    "FloatSpinBox",
    "make_editor",
    "param_label",
    "param_tooltip",
    "set_editor_value",
]

_INT_LIMIT = 2**31 - 1


class FloatSpinBox(QDoubleSpinBox):
    """A double spin box that shows and reads numbers like a person writes them.

    Values keep full precision (no rounding to a fixed number of decimals);
    scientific notation, ``inf`` and the Unicode minus are accepted.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDecimals(323)  # no rounding: textFromValue decides the digits
        self.setKeyboardTracking(False)

    def textFromValue(self, value: float) -> str:
        """Qt: the shortest exact text of ``value``."""
        return format_exact(value)

    def valueFromText(self, text: str) -> float:
        """Qt: parse ``text`` (the current value if it does not parse)."""
        try:
            return parse_number(text)
        except FileFormatError:
            return self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        """Qt: acceptable when the text is a number, intermediate otherwise."""
        try:
            parse_number(text)
        except FileFormatError:
            # Partial input ("1e", "-", "in") may still become a number.
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos

    def stepBy(self, steps: int) -> None:
        """Qt: step by a tenth of the value's order of magnitude."""
        value = self.value()
        if math.isfinite(value):
            step = 10 ** math.floor(math.log10(abs(value))) / 10 if value else 0.1
            self.setValue(value + steps * max(step, 1e-12))


def param_label(param: ParamSpec) -> str:
    """The form label of ``param``: its name, or what a functional-only one is.

    A tensor that only ``torch.nn.functional`` takes, shaped like the input,
    reads "per-element weight (functional `weight=`)" rather than a cryptic
    "weight (F.)".
    """
    if not param.functional_only:
        return param.name
    per_element = param.kind == "tensor" and "same as input" in (param.shape or "")
    what = (
        QCoreApplication.translate("ParamWidgets", "per-element {name}").format(
            name=param.name
        )
        if per_element
        else param.name
    )
    return QCoreApplication.translate(
        "ParamWidgets", "{what} (functional `{name}=`)"
    ).format(what=what, name=param.name)


def param_tooltip(param: ParamSpec) -> str:
    """Torch's meaning of ``param`` plus its default, for a tooltip."""
    text = translate("engine", param.doc).strip()
    if "default" not in param.doc.lower():  # torch's doc names no default
        text += QCoreApplication.translate(
            "ParamWidgets", " Default: {default}."
        ).format(default=repr(param.default))
    if param.minimum is not None or param.maximum is not None:
        lo = "-inf" if param.minimum is None else format_exact(param.minimum)
        hi = "inf" if param.maximum is None else format_exact(param.maximum)
        text += "\n" + QCoreApplication.translate(
            "ParamWidgets", "Range torch accepts: [{low}, {high}]."
        ).format(low=lo, high=hi)
    if param.functional_only:
        text += "\n" + QCoreApplication.translate(
            "ParamWidgets", "Only the torch.nn.functional form takes this argument."
        )
    return text


def make_editor(
    param: ParamSpec, value: Any, on_change: Callable[[Any], None]
) -> QWidget:
    """A widget editing ``param``, showing ``value`` and calling ``on_change(new)``."""
    editor: QWidget
    if param.kind == "bool":
        box = QCheckBox()
        box.toggled.connect(lambda checked: box.setText(str(bool(checked))))
        box.toggled.connect(lambda checked: on_change(bool(checked)))
        editor = box
    elif param.kind == "choice":
        combo = QComboBox()
        combo.addItems(list(param.choices))
        combo.currentTextChanged.connect(on_change)
        editor = combo
    elif param.kind == "int":
        spin = QSpinBox()
        spin.setKeyboardTracking(False)
        low = int(param.minimum) if param.minimum is not None else -_INT_LIMIT
        spin.setRange(
            low, int(param.maximum) if param.maximum is not None else _INT_LIMIT
        )
        if param.default is None:  # torch's None: the lowest step, shown as "None"
            spin.setMinimum(low - 1)
            spin.setSpecialValueText("None")
        spin.valueChanged.connect(
            lambda v: on_change(
                None if spin.specialValueText() and v == spin.minimum() else int(v)
            )
        )
        editor = spin
    else:
        fspin = FloatSpinBox()
        # torch checks most ranges at forward time: let the user type any value
        # and see torch's error, so the spin box itself is unbounded.
        fspin.setRange(-math.inf, math.inf)
        fspin.valueChanged.connect(lambda v: on_change(float(v)))
        editor = fspin
    editor.setObjectName(f"param_{param.name}")
    editor.setToolTip(param_tooltip(param))
    set_editor_value(editor, value)
    return editor


def set_editor_value(editor: QWidget, value: Any) -> None:
    """Show ``value`` in an editor from :func:`make_editor`, without signalling."""
    blocker = QSignalBlocker(editor)
    if isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
        editor.setText(str(bool(value)))  # torch's spelling of the value
    elif isinstance(editor, QComboBox):
        editor.setCurrentText(str(value))
    elif isinstance(editor, QSpinBox):
        none = value is None and bool(editor.specialValueText())
        editor.setValue(editor.minimum() if none else int(value))
    elif isinstance(editor, QDoubleSpinBox):
        editor.setValue(float(value))
    blocker.unblock()
