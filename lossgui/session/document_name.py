"""What the window calls its document: a file, a bundled example, or "Untitled".

:class:`DocumentName` is plain data (no Qt) so the texts the user reads —
the window title, the permanent status-bar label, the name proposed by
Save As — are decided in one place and tested without a window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lossgui.i18n import translate

__all__ = ["APP_NAME", "DocumentName", "article_label", "article_of"]

APP_NAME = "lossgui"
_SEPARATOR = " · "
_UNSAFE = re.compile(r"[\\/:*?\"<>|]+")


def article_of(group: str) -> str:
    """``"Article 1"`` for the group ``"Article 1 · BCELoss: …"``; else ``""``."""
    head = group.split(_SEPARATOR, 1)[0].strip()
    return head if head.startswith("Article") else ""


def article_label(group: str) -> str:
    """:func:`article_of` as shown, in the current language (``"文章 1"``)."""
    head = article_of(group)
    if not head:
        return ""
    number = head.removeprefix("Article").strip()
    return translate("session", "Article {number}").format(number=number)


@dataclass(frozen=True)
class DocumentName:
    """The name of the window's document.

    Attributes
    ----------
    path : Path or None
        The session file it was opened from or saved to.
    example : str
        The bundled example's title, when it came from the Examples menu
        (or is the start-up example) and has not been saved to a file.
    group : str
        The example's menu group (``"Article 1 · BCELoss: …"``).
    """

    path: Path | None = None
    example: str = ""
    group: str = ""

    @property
    def article(self) -> str:
        """The article the example comes from (``"Article 1"``), or ``""``."""
        return article_of(self.group) if self.path is None else ""

    @property
    def is_example(self) -> bool:
        """Whether this names a bundled example (not saved to a file)."""
        return self.path is None and bool(self.example)

    def display(self) -> str:
        """The file's name, the example's title, or ``"Untitled"``."""
        if self.path is not None:
            return self.path.name
        if self.example:
            return translate("examples", self.example)
        return translate("session", "Untitled")

    def window_title(self) -> str:
        """``name[*] — Article 1 — lossgui`` (Qt shows ``*`` while modified)."""
        parts = [f"{self.display()}[*]"]
        if self.article:
            parts.append(article_label(self.group))
        parts.append(APP_NAME)
        return " — ".join(parts)

    def status_text(self) -> str:
        """The permanent status-bar text: what is loaded, in a few words."""
        if self.path is not None:
            return translate("session", "Session: {name}").format(name=self.path.name)
        if self.is_example:
            where = f"{_SEPARATOR}{article_label(self.group)}" if self.article else ""
            title = translate("examples", self.example)
            return translate("session", "Example: {title}").format(title=title + where)
        return translate("session", "Untitled session")

    def status_tip(self) -> str:
        """The label's tooltip: the full path, or the example's whole group."""
        if self.path is not None:
            return str(self.path)
        if self.is_example:
            title = translate("examples", self.example)
            if self.group:
                return f"{title}\n{translate('examples', self.group)}"
            return title
        return translate("session", "Not saved to a file yet (File > Save)")

    def file_name(self) -> str:
        """The name Save As proposes: the file's, or the title made safe."""
        if self.path is not None:
            return self.path.name
        stem = _UNSAFE.sub("-", self.display()).strip(" .-") or "Untitled"
        return f"{stem}.json"

    def saved_as(self, path: Path) -> DocumentName:
        """The name after saving to ``path``: the file names it from now on."""
        return DocumentName(path)
