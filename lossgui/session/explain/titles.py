"""The section titles most explanations share, in the language shown.

Each family's page has a section for the selected element's (or sample's,
pair's, triplet's) own loss and one for the gradient; the titles are made
here so each wording is translated once (context ``"explain"``). The symbol
in a title (``l[0]``, ``∂L/∂z[0, 1]``) is mathematics and stays as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lossgui.i18n import translate

if TYPE_CHECKING:
    from lossgui.session.explain.context import Context

__all__ = [
    "element_title",
    "gradient_title",
    "pair_title",
    "sample_title",
    "triplet_title",
]


def element_title(ctx: Context, lhs: str | None = None) -> str:
    """The title ``This element's loss l[0, 1]`` (``lhs``: ``l`` + the element)."""
    symbol = f"l{ctx.label}" if lhs is None else lhs
    return translate("explain", "This element's loss {l}").format(l=symbol)


def sample_title(lhs: str) -> str:
    """The title ``This sample's loss l[0]``."""
    return translate("explain", "This sample's loss {l}").format(l=lhs)


def pair_title(lhs: str) -> str:
    """The title ``This pair's loss l[0]`` (CosineEmbeddingLoss)."""
    return translate("explain", "This pair's loss {l}").format(l=lhs)


def triplet_title(lhs: str) -> str:
    """The title ``This triplet's loss l[0]`` (the triplet losses)."""
    return translate("explain", "This triplet's loss {l}").format(l=lhs)


def gradient_title(symbol: str) -> str:
    """The title ``Gradient ∂L/∂z[0]``."""
    return translate("explain", "Gradient {symbol}").format(symbol=symbol)
