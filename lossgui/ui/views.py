"""The view protocol: anything that shows an :class:`~lossgui.session.Evaluation`.

The main window keeps a list of views and, after every edit, hands each the
same frozen evaluation from its one recompute slot. A plot panel joins with
``window.add_dock_view(panel, "Curves")`` (or ``window.add_view(panel)`` if it
is placed elsewhere); it must never call the engine itself.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from lossgui.session import Evaluation

__all__ = ["EvaluationView"]


@runtime_checkable
class EvaluationView(Protocol):
    """Receives every new evaluation."""

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Repaint from ``evaluation`` (its arrays are read-only)."""
