"""An :class:`~lossgui.session.explain.Explanation` as HTML for a text browser.

Plain HTML 4 with inline styles (what ``QTextBrowser`` understands); the
colours come from the caller, so the same page reads well on a light and a
dark palette. Each step is three lines: the formula, the formula with the
numbers, and the value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from lossgui.i18n import QT_TRANSLATE_NOOP, translate
from lossgui.session.explain.steps import Explanation, Section, Step, Table

__all__ = ["DARK", "LIGHT", "Colours", "to_html"]

#: Step kinds that get a small tag next to their symbol (translated when shown).
_TAGGED = {
    "activation": QT_TRANSLATE_NOOP("explain", "activation"),
    "log": QT_TRANSLATE_NOOP("explain", "log"),
    "weight": QT_TRANSLATE_NOOP("explain", "weight"),
    "pos_weight": "pos_weight",
    "smoothing": QT_TRANSLATE_NOOP("explain", "smoothing"),
    "margin": QT_TRANSLATE_NOOP("explain", "margin"),
}


@dataclass(frozen=True)
class Colours:
    """The page's colours (CSS colour strings)."""

    text: str
    muted: str
    accent: str
    value: str
    code_bg: str
    error_bg: str
    error_text: str


LIGHT = Colours(
    "#202124", "#5f6368", "#1a5fb4", "#a0400b", "#eef1f5", "#fdecea", "#8a1f11"
)
DARK = Colours(
    "#e8e8e8", "#a8a8a8", "#7fb2ff", "#ffb070", "#2c2f36", "#4a1f1f", "#ffc9c9"
)


_SUBSCRIPT = re.compile(r"(?<![\w'])(\w'?)_(\{[^}]*\}|\w{1,3})(?!\w)")


def _e(text: str) -> str:
    return escape(text, quote=False)


def _math(text: str) -> str:
    """Escaped ``text`` with one-letter subscripts typeset: ``p_3`` -> p<sub>3</sub>."""
    return _SUBSCRIPT.sub(
        lambda m: f"{m.group(1)}<sub>{m.group(2).strip('{}')}</sub>", _e(text)
    )


def _step(step: Step, c: Colours) -> str:
    tag = ""
    if step.kind in _TAGGED:
        kind = translate("explain", _TAGGED[step.kind])
        tag = f"<br><span style='color:{c.muted}; font-size:small'>{_e(kind)}</span>"
    rows = [
        f"<tr><td align='right' valign='top' style='padding-right:6px'><b>"
        f"{_math(step.symbol)}</b>{tag}</td><td valign='top'>=&nbsp;</td>"
        f"<td valign='top'>{_math(step.formula)}</td></tr>"
    ]
    if step.substituted:
        rows.append(
            "<tr><td></td><td valign='top'>=&nbsp;</td><td valign='top'>"
            f"<code style='background-color:{c.code_bg}'>&nbsp;{_e(step.substituted)}"
            "&nbsp;</code></td></tr>"
        )
    rows.append(
        "<tr><td></td><td>=&nbsp;</td>"
        f"<td><b style='color:{c.value}'>{_e(step.shown)}</b></td></tr>"
    )
    if step.note:
        rows.append(
            f"<tr><td></td><td></td><td style='color:{c.muted}'><i>{_e(step.note)}"
            "</i></td></tr>"
        )
    return "".join(rows)


def _table(table: Table, c: Colours) -> str:
    """A bordered table; highlighted cells bold on the code background."""
    cell = "style='padding:1px 5px' align='right'"
    head = "".join(
        f"<td {cell}><b style='color:{c.muted}'>{_math(h)}</b></td>"
        for h in table.header
    )
    body = []
    marked = set(table.highlight)
    for r, (title, *cells) in enumerate(table.rows):
        parts = [f"<td {cell}><b style='color:{c.muted}'>{_math(title)}</b></td>"]
        for k, text in enumerate(cells):
            if (r, k) in marked:
                parts.append(
                    f"<td style='padding:1px 5px; background-color:{c.code_bg}' "
                    f"align='right'><b style='color:{c.value}'>{_e(text)}</b></td>"
                )
            else:
                parts.append(f"<td {cell}>{_e(text)}</td>")
        body.append("<tr>" + "".join(parts) + "</tr>")
    return (
        f"<p style='color:{c.muted}; margin:4px 0px 0px 0px'>{_e(table.caption)}</p>"
        f"<table cellspacing='0' cellpadding='1' border='1' "
        f"style='border-color:{c.muted}; border-style:solid'>"
        f"<tr>{head}</tr>{''.join(body)}</table>"
    )


def _section(section: Section, c: Colours) -> str:
    parts = [
        f"<h3 style='color:{c.accent}; margin-bottom:2px'>{_e(section.title)}</h3>"
    ]
    for line in section.lines:
        parts.append(f"<p style='color:{c.muted}; margin:2px 0px'>{_e(line)}</p>")
    parts.extend(_table(table, c) for table in section.tables)
    if section.steps:
        body = "<tr><td colspan='3' style='font-size:4px'>&nbsp;</td></tr>".join(
            _step(step, c) for step in section.steps
        )
        parts.append(f"<table cellspacing='0' cellpadding='1'>{body}</table>")
    return "".join(parts)


def to_html(
    explanation: Explanation, colours: Colours = LIGHT, header: str = ""
) -> str:
    """The page for ``explanation``.

    Parameters
    ----------
    explanation : Explanation
        What to show.
    colours : Colours
        :data:`LIGHT`, :data:`DARK` or the caller's own.
    header : str
        Extra HTML placed under the heading (the panel's digit links).
    """
    c = colours
    parts = [
        f"<div style='color:{c.text}'>",
        f"<p style='font-size:large; margin-bottom:2px'><b>{_e(explanation.heading)}"
        "</b></p>",
    ]
    if header:
        parts.append(f"<p style='color:{c.muted}; margin-top:0px'>{header}</p>")
    if explanation.given:
        given = " &nbsp;·&nbsp; ".join(
            f"{_e(name)} = <b>{_e(value)}</b>" for name, value in explanation.given
        )
        parts.append(f"<p>{given}</p>")
    if explanation.formula:
        lines = "<br>".join(_e(line) for line in explanation.formula.splitlines())
        label = translate("explain", "Formula (torch):")
        parts.append(
            f"<p style='color:{c.muted}; margin-bottom:0px'>{_e(label)}</p>"
            f"<p style='margin-top:2px'><code>{lines}</code></p>"
        )
    if explanation.error is not None:
        parts.append(
            f"<p style='background-color:{c.error_bg}; color:{c.error_text}'>"
            f"&nbsp;{_e(explanation.error)}&nbsp;</p>"
        )
    parts.extend(_section(section, c) for section in explanation.sections)
    if explanation.notes:
        items = "".join(f"<li>{_e(note)}</li>" for note in explanation.notes)
        notes = translate("explain", "Notes")
        parts.append(
            f"<h3 style='color:{c.accent}; margin-bottom:2px'>{_e(notes)}</h3>"
            f"<ul style='color:{c.muted}'>{items}</ul>"
        )
    parts.append("</div>")
    return "".join(parts)
