"""The selected element and everything a builder reads about it.

A :class:`Context` wraps one :class:`~lossgui.session.Evaluation` and the
``(row, column)`` cell of the grid the user selected, and answers the
questions every explanation asks: the logit there, the target and weights
broadcast to it, the engine's loss and gradient at it, the reduction's
divisor. Builders compute intermediate numbers in float64 from the tensors
torch received; final numbers come from the engine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.registry import LOSSES, LossSpec
from lossgui.session.explain.steps import StepMaker, shown
from lossgui.session.layout import as_table

if TYPE_CHECKING:
    from lossgui.engine.pipeline import PipelineResult
    from lossgui.session.evaluation import Evaluation

__all__ = ["Context", "exact64", "label_of", "sigmoid64"]

Array = npt.NDArray[Any]


def sigmoid64(z: float) -> float:
    """``σ(z)`` in float64, without overflow warnings."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def exact64(values: Any) -> npt.NDArray[np.float64]:
    """float64 values; float32 ones as their shortest decimal.

    ``-0.8`` rather than ``-0.800000011920929``, so explanations show what
    the user typed.
    """
    array = np.asarray(values)
    if array.dtype == np.float32:
        flat = [float(str(v)) for v in array.reshape(-1)]
        return np.array(flat, dtype=np.float64).reshape(array.shape)
    return np.asarray(array, dtype=np.float64)


def label_of(index: tuple[int, ...]) -> str:
    """``[0]``, ``[1, 2]`` or ``[]`` for a 0-d tensor."""
    return "[" + ", ".join(str(i) for i in index) + "]"


@dataclass(frozen=True)
class Context:
    """One element of one evaluation (see the module docstring).

    Attributes
    ----------
    evaluation : Evaluation
        What the window shows; must have a result.
    row, column : int
        The selected cell of the grid's 2-D table, clamped into range.
    index : tuple of int
        The same cell as an index into the grid array.
    maker : StepMaker
        Makes this explanation's steps (digits, dtype).
    """

    evaluation: Evaluation
    row: int
    column: int
    index: tuple[int, ...]
    maker: StepMaker

    @classmethod
    def create(
        cls, evaluation: Evaluation, row: int, column: int, digits: int
    ) -> Context:
        """Clamp ``(row, column)`` into the grid and locate it in the array."""
        grid = evaluation.grid
        table = as_table(grid, "grid")
        rows, columns = table.shape
        row = min(max(int(row), 0), max(rows - 1, 0))
        column = min(max(int(column), 0), max(columns - 1, 0))
        if grid.ndim == 0:
            index: tuple[int, ...] = ()
        elif grid.ndim == 1:
            index = (row,)
        elif grid.ndim == 2:
            index = (row, column)
        else:
            rest = np.unravel_index(column, grid.shape[1:])
            index = (row, *(int(i) for i in rest))
        dtype = str(grid.dtype) if grid.dtype.kind == "f" else "float32"
        return cls(evaluation, row, column, index, StepMaker(digits, dtype))

    # ------------------------------------------------------------------ basics
    @property
    def spec(self) -> LossSpec:
        """The loss's registry entry."""
        return LOSSES[self.evaluation.loss]

    @property
    def result(self) -> PipelineResult:
        """The evaluation's result (the caller checked it exists)."""
        assert self.evaluation.result is not None
        return self.evaluation.result

    @property
    def kwargs(self) -> dict[str, Any]:
        """The constructor arguments passed."""
        return dict(self.evaluation.kwargs)

    @property
    def grid(self) -> Array:
        """The first tensor as cast (logits in logits mode)."""
        return self.evaluation.grid

    def tensor(self, position: int) -> Array:
        """The forward tensor at ``position`` (0 is the grid)."""
        return self.evaluation.inputs[position][1]

    @property
    def activated(self) -> bool:
        """Whether the pipeline applied an activation to the grid."""
        return self.result.activation is not None

    @property
    def symbol(self) -> str:
        """``z`` for logits, ``x`` for values the loss takes as they are."""
        if self.activated or "logit" in self.spec.forward[0].doc.lower():
            return "z"
        return "x"

    @property
    def label(self) -> str:
        """The element's index as text."""
        return label_of(self.index)

    def num(self, value: float) -> str:
        """A value at the explanation's digits."""
        return shown(value, self.maker.digits)

    # ------------------------------------------------------------- at element
    @property
    def z(self) -> float:
        """The grid's value at the element."""
        return float(exact64(self.grid[self.index]))

    def at(self, array: Array | None, default: float = 1.0) -> float:
        """``array`` broadcast to the grid's shape, at the element."""
        if array is None:
            return default
        full = np.broadcast_to(np.asarray(array), self.grid.shape)
        return float(exact64(full[self.index]))

    def row_of(self, array: Array | None, default: float = 1.0) -> Array:
        """``array`` broadcast to the grid, the selected row (classes last)."""
        if array is None:
            return np.full(self.classes, default, dtype=np.float64)
        full = np.broadcast_to(np.asarray(array), self.grid.shape)
        return exact64(full[self.index[:-1]] if self.grid.ndim else full.reshape(1))

    @property
    def classes(self) -> int:
        """``C``: the last dimension's length (1 for a 0-d grid)."""
        return int(self.grid.shape[-1]) if self.grid.ndim else 1

    @property
    def class_index(self) -> int:
        """The selected column as a class index."""
        return self.index[-1] if self.index else 0

    def param(self, name: str) -> Any:
        """A constructor argument (``None`` for a disabled tensor)."""
        return self.kwargs.get(name)

    # ------------------------------------------------------------ from engine
    @property
    def reduction(self) -> str:
        """The effective reduction."""
        return self.result.loss.reduction

    @property
    def denominator(self) -> float | None:
        """What ``'mean'`` divided by (``None`` for ``'none'``/``'sum'``)."""
        return self.result.loss.denominator

    @property
    def grad(self) -> float:
        """The engine's ``∂L/∂grid`` at the element."""
        return float(self.result.grad[self.index])

    def loss_at(self, position: tuple[int, ...]) -> float:
        """The engine's unreduced loss at ``position``."""
        return float(self.result.loss.elementwise[position])
