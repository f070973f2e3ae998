"""The session document: one loss, its settings and every tensor, as plain data.

A :class:`SessionDocument` is what the user edits. It holds the loss name,
the reduction, scalar parameters, the forward tensors by torch's argument
names, the optional tensor arguments (``weight``, ``pos_weight``) with an
on/off flag, the dtype, the input mode and CrossEntropyLoss's target mode.

Values are stored at full precision (float64, or int64 for class indices)
and cast to the chosen dtype only by :func:`evaluate`, the way
``torch.tensor(values, dtype=...)`` would. Every field is a str, a number, a
bool or an ndarray, so the document serialises easily.

One exception keeps large batches in memory once: a float tensor of at
least :data:`~lossgui.session.storage.LARGE_TENSOR_VALUES` values that
arrives as float32 (a model's logits read from a container or imported)
stays float32 (:func:`~lossgui.session.storage.stored_float`). Its values
are exactly float32, so the float64 copy would add nothing but 8 bytes a
value. A value written into it while the session computes in float32 is
rounded to float32, which is what the cast would do; in float64 the
tensor is widened first, so a typed ``0.1`` stays exactly what
``torch.tensor(0.1, dtype=torch.float64)`` holds.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

from lossgui.engine.registry import LOSSES, LossSpec
from lossgui.session import grid_ops
from lossgui.session.layout import (
    Slot,
    TargetMode,
    as_table,
    forward_slots,
    has_class_dim,
    param_slots,
    shape_for,
    target_name,
)

if TYPE_CHECKING:
    from lossgui.session.evaluation import Evaluation

__all__ = [
    "DTYPES",
    "INPUT_MODES",
    "DType",
    "InputMode",
    "SessionDocument",
]

Array = npt.NDArray[Any]
DType = Literal["float32", "float64"]
InputMode = Literal["logits", "raw"]
DTYPES: tuple[DType, ...] = ("float32", "float64")
INPUT_MODES: tuple[InputMode, ...] = ("logits", "raw")


#: The table axis along which each role holds a linear layer's ``K`` outputs
#: (a ``"matrix"``'s table is ``Wᵀ``, ``(in_features, K)``).
_OUTPUT_AXES = {"matrix": 1, "outputs": 1, "row_outputs": 1}


@functools.lru_cache(maxsize=256)
def _slots(loss: str, target_mode: TargetMode) -> tuple[Slot, ...]:
    """The slots of a loss (cached: grids ask for them for every painted cell)."""
    spec = LOSSES[loss]
    return forward_slots(spec, target_mode) + param_slots(spec)


@dataclass(eq=False)
class SessionDocument:
    """Everything needed to recompute the loss; see the module docstring.

    Settings are read and written by key with :meth:`setting` and
    :meth:`set_setting`: ``"reduction"``, ``"dtype"``, ``"input_mode"``,
    ``"param.<name>"`` for a scalar parameter and ``"enabled.<name>"`` for an
    optional tensor. Shape-changing edits are methods.
    """

    loss: str
    reduction: str
    params: dict[str, Any]
    tensors: dict[str, Array]
    tensor_params: dict[str, Array]
    enabled: dict[str, bool] = field(default_factory=dict)
    dtype: DType = "float32"
    input_mode: InputMode = "logits"
    target_mode: TargetMode = "index"

    # ----------------------------------------------------------------- reading
    @property
    def spec(self) -> LossSpec:
        """The registry entry of the current loss."""
        return LOSSES[self.loss]

    @property
    def class_dim(self) -> bool:
        """Whether the first tensor keeps a class dimension even with one column."""
        return has_class_dim(self.spec)

    def slots(self) -> tuple[Slot, ...]:
        """Forward tensors in torch's order, then the optional tensor arguments."""
        return _slots(self.loss, self.target_mode)

    def slot(self, name: str) -> Slot:
        """The slot called ``name``."""
        for slot in self.slots():
            if slot.name == name:
                return slot
        raise KeyError(name)

    def array(self, name: str) -> Array:
        """The stored (full-precision) array of a forward or optional tensor."""
        if name in self.tensors:
            return self.tensors[name]
        return self.tensor_params[name]

    def table(self, name: str) -> Array:
        """A writable 2-D view of a tensor, as a grid shows it."""
        return as_table(self.array(name), self.slot(name).role)

    @property
    def first_name(self) -> str:
        """Torch's name of the first forward tensor (the logits grid)."""
        return self.spec.forward[0].name

    @property
    def rows(self) -> int:
        """``N``: the first tensor's length."""
        first = self.tensors[self.first_name]
        return int(first.shape[0]) if first.ndim else 1

    @property
    def columns(self) -> int:
        """``C``: the first tensor's number of columns (classes)."""
        return int(as_table(self.tensors[self.first_name], "grid").shape[1])

    @property
    def classes(self) -> int:
        """The number of classes: the columns, or a linear layer's ``K`` outputs.

        LinearCrossEntropyLoss's grid holds the layer's inputs; its classes are
        the rows of the ``"matrix"`` slot (its ``linear_weight``).
        """
        for slot in self.slots():
            if slot.role == "matrix":
                return int(self.array(slot.name).shape[0])
        return self.columns

    def evaluate(self, progress: Callable[[float], bool] | None = None) -> Evaluation:
        """Compute the loss on the current values; see :func:`evaluate`."""
        from lossgui.session.evaluation import evaluate

        return evaluate(self, progress)

    def copy(self) -> SessionDocument:
        """A deep copy (arrays included), e.g. for undo."""
        return copy.deepcopy(self)

    def assign(self, other: SessionDocument) -> None:
        """Make this document equal to ``other`` (deep copy), keeping identity."""
        self.take(other.copy())

    def take(self, other: SessionDocument) -> SessionDocument:
        """Become ``other`` without copying; return what this document held.

        ``other`` hands its arrays over: the caller must not use it afterwards.
        The returned document owns this document's former state, again
        without a copy. An undo step that swaps whole documents this way
        costs nothing however large the tensors are (see
        :class:`lossgui.ui.commands.DocumentCommand`).
        """
        fields = tuple(self.__dataclass_fields__)
        held = SessionDocument(**{name: getattr(self, name) for name in fields})
        for name in fields:
            setattr(self, name, getattr(other, name))
        return held

    # ---------------------------------------------------------------- settings
    def setting(self, key: str) -> Any:
        """The value of a setting key (see the class docstring)."""
        if key in ("reduction", "dtype", "input_mode"):
            return getattr(self, key)
        kind, _, name = key.partition(".")
        if kind == "param":
            return self.params[name]
        if kind == "enabled":
            return self.enabled.get(name, False)
        raise KeyError(key)

    def set_setting(self, key: str, value: Any) -> None:
        """Change one setting, checking the value against the registry.

        Raises
        ------
        ValueError
            For a value the loss does not offer (unknown reduction, choice,
            dtype or input mode).
        KeyError
            For a key that names nothing in the current loss.
        """
        spec = self.spec
        if key == "reduction":
            if value not in spec.reductions:
                raise ValueError(f"{spec.name} offers reductions {spec.reductions}")
            self.reduction = str(value)
        elif key == "dtype":
            if value not in DTYPES:
                raise ValueError(f"dtype must be one of {DTYPES}")
            self.dtype = value
        elif key == "input_mode":
            if value not in INPUT_MODES:
                raise ValueError(f"input mode must be one of {INPUT_MODES}")
            self.input_mode = value
        elif key.startswith("enabled."):
            name = key.partition(".")[2]
            if name not in self.tensor_params:
                raise KeyError(key)
            self.enabled[name] = bool(value)
        elif key.startswith("param."):
            self.params[key.partition(".")[2]] = self._coerce(
                key.partition(".")[2], value
            )
        else:
            raise KeyError(key)

    def _coerce(self, name: str, value: Any) -> Any:
        param = self.spec.param(name)
        if param.kind == "choice":
            if value not in param.choices:
                raise ValueError(f"{name} must be one of {param.choices}")
            return str(value)
        if param.kind == "bool":
            return bool(value)
        if param.kind == "int":
            return None if value is None and param.default is None else int(value)
        if param.kind == "float":
            return float(value)
        raise KeyError(f"param.{name}")

    # ------------------------------------------------------------------ values
    def set_values(self, name: str, rows: Array, columns: Array, values: Array) -> None:
        """Write ``values`` at ``(rows, columns)`` of a tensor's 2-D table."""
        if self.slot(name).kind == "index":
            table = self.table(name)
            table[rows, columns] = np.asarray(values, dtype=np.float64).astype(np.int64)
            return
        array = self.array(name)
        if array.dtype == np.float32 and self.dtype == "float64":
            wide = np.asarray(values, dtype=np.float64)
            if not np.array_equal(wide.astype(np.float32), wide, equal_nan=True):
                self._widen(name)  # keep the typed float64 value exactly
        table = self.table(name)
        table[rows, columns] = values

    def _widen(self, name: str) -> None:
        """Store a float32 tensor as float64 (the same values, exactly)."""
        wide = self.array(name).astype(np.float64)
        if name in self.tensors:
            self.tensors[name] = wide
        else:
            self.tensor_params[name] = wide

    def set_array(self, name: str, array: Array) -> None:
        """Replace a tensor whole (same shape, the slot's storage dtype).

        A float32-stored tensor of a float64 session is widened when the new
        values are not all float32 (as :meth:`set_values` does).
        """
        old = self.array(name)
        dtype = old.dtype
        if dtype == np.float32 and self.dtype == "float64":
            wide = np.asarray(array, dtype=np.float64)
            if not np.array_equal(wide.astype(np.float32), wide, equal_nan=True):
                dtype = np.dtype(np.float64)
        new = np.array(array, dtype=dtype).reshape(old.shape)
        if name in self.tensors:
            self.tensors[name] = new
        else:
            self.tensor_params[name] = new

    def fill_column(self, name: str, column: int, value: float) -> None:
        """Set every row of one column of a tensor's table to ``value``."""
        table = self.table(name)
        table[:, column] = value

    def randomize(self, seed: int, scale: float = 2.0) -> None:
        """Replace the first tensor with seeded random logits of the same shape."""
        first = self.tensors[self.first_name]
        self.tensors[self.first_name] = grid_ops.random_logits(first.shape, seed, scale)

    def set_one_hot_target(self, indices: Array) -> None:
        """Make the (float, multi-column) target one-hot rows of ``indices``.

        The batch grows or shrinks to ``len(indices)`` rows first.

        Raises
        ------
        ValueError
            If the loss has no multi-column float target, or an index is not
            in ``[0, C)``.
        """
        name = target_name(self.spec)
        if (
            name is None
            or self.slot(name).kind != "float"
            or self.slot(name).role not in ("grid", "row_outputs")
        ):
            raise ValueError(
                f"{self.loss} has no target grid to fill with one-hot rows"
            )
        labels = np.asarray(indices, dtype=np.int64).reshape(-1)
        classes = self.classes
        if labels.size and (labels.min() < 0 or labels.max() >= classes):
            raise ValueError(f"class indices must be in [0, {classes - 1}]")
        self.resize(max(1, labels.size), self.columns)
        table = self.table(name)
        table[...] = grid_ops.one_hot(labels, table.shape[1]).reshape(table.shape)

    # ------------------------------------------------------------------ shapes
    def _reshaped(self, slot: Slot, table: Array) -> Array:
        shape = shape_for(slot.role, table.shape[0], table.shape[1], self.class_dim)
        if slot.role == "matrix":  # its table is Wᵀ (see as_table)
            return np.ascontiguousarray(table.T)
        if slot.role == "row_outputs":
            shape = table.shape
        elif slot.role in ("classes", "outputs"):
            shape = (table.shape[1],)
        elif slot.role == "rows":
            shape = (table.shape[0],)
        return np.ascontiguousarray(table.reshape(shape))

    def _store(self, name: str, array: Array) -> None:
        if name in self.tensors:
            self.tensors[name] = array
        else:
            self.tensor_params[name] = array

    def length_of(self, slot: Slot) -> int:
        """What a length scalar counts now: ``T`` (rows) or a sequence's ``S``."""
        if slot.counts == "rows":
            return self.rows
        if slot.counts is not None:
            return int(self.array(slot.counts).size)
        raise ValueError(f"{slot.name} does not count anything")

    def _follow_lengths(self, before: dict[str, int]) -> None:
        """Keep length scalars valid after ``T`` or ``S`` changed.

        A length that equalled the old size (the full sequence, as the example
        starts) follows the new size; one the user set shorter stays, clipped
        to ``[0, new size]``. (With a 1-D label sequence torch requires
        ``target_lengths == S``; a shorter one shows torch's error.)
        """
        for slot in self.slots():
            if slot.counts is None:
                continue
            size = self.length_of(slot)
            value = int(self.array(slot.name))
            new = size if value == before[slot.name] else min(max(value, 0), size)
            self._store(slot.name, np.array(new, dtype=np.int64))

    def _lengths_now(self) -> dict[str, int]:
        return {s.name: self.length_of(s) for s in self.slots() if s.counts}

    def sequence_length(self, name: str) -> int:
        """``S``, the length of the ``"sequence"`` tensor ``name``."""
        return int(self.array(name).size)

    def resize_sequence(self, name: str, length: int) -> None:
        """Set the length ``S`` of a label sequence (at least 1), at the end.

        New labels are the first class after the blank (``blank + 1``, mod
        ``C``) so the sequence stays alignable; length scalars that counted
        the whole sequence follow it.
        """
        if self.slot(name).role != "sequence":
            raise ValueError(f"{name} is not a label sequence")
        length = max(1, int(length))
        old = self.array(name)
        before = self._lengths_now()
        blank = int(self.params.get("blank", 0))
        fill = (blank + 1) % max(self.columns, 1)
        new = np.full(length, fill, dtype=old.dtype)
        keep = min(length, old.size)
        new[:keep] = old[:keep]
        self._store(name, new)
        self._follow_lengths(before)

    def replace_sequence(self, name: str, labels: Array) -> None:
        """Make ``labels`` the label sequence ``name`` (any length ``S ≥ 1``).

        Length scalars that counted the whole old sequence follow the new one.
        """
        if self.slot(name).role != "sequence":
            raise ValueError(f"{name} is not a label sequence")
        before = self._lengths_now()
        flat = np.asarray(labels).reshape(-1)
        self._store(name, flat.astype(self.array(name).dtype))
        self._follow_lengths(before)

    def _edit_axis(self, axis: int, op: str, at: int, count: int) -> None:
        """Insert or delete rows (axis 0) or columns (axis 1) in every tensor."""
        before = self._lengths_now()
        for slot in self.slots():
            if slot.role in ("sequence", "scalar", "outputs"):
                continue
            if (axis == 0 and slot.role in ("classes", "matrix")) or (
                axis == 1 and slot.role in ("rows", "row_outputs")
            ):
                continue
            table = as_table(self.array(slot.name), slot.role)
            along = 0 if slot.role == "matrix" else axis  # Wᵀ: grid columns are rows
            if op == "insert":
                table = grid_ops.insert_along(table, along, at, count, slot.fill)
            else:
                table = grid_ops.delete_along(table, along, at, count)
            self._store(slot.name, self._reshaped(slot, table))
        self._follow_lengths(before)

    def resize_outputs(self, count: int) -> None:
        """Set a linear layer's number of outputs ``K`` (its classes), at the end.

        The ``"matrix"`` gains or loses rows, ``"outputs"`` vectors entries
        and ``"row_outputs"`` grids columns; new values take the slot's fill.

        Raises
        ------
        ValueError
            If the loss has no linear layer.
        """
        slots = [s for s in self.slots() if s.role in _OUTPUT_AXES]
        if not any(s.role == "matrix" for s in slots):
            raise ValueError(f"{self.loss} has no linear layer")
        count, old = max(1, int(count)), self.classes
        for slot in slots:
            table = as_table(self.array(slot.name), slot.role)
            axis = _OUTPUT_AXES[slot.role]
            if count > old:
                table = grid_ops.insert_along(table, axis, old, count - old, slot.fill)
            else:
                table = grid_ops.delete_along(table, axis, count, old - count)
            self._store(slot.name, self._reshaped(slot, table))

    def insert_rows(self, at: int, count: int = 1) -> None:
        """Insert ``count`` samples before row ``at`` (in every tensor)."""
        self._edit_axis(0, "insert", max(0, min(at, self.rows)), count)

    def remove_rows(self, at: int, count: int = 1) -> None:
        """Remove ``count`` samples from row ``at``; at least one row remains."""
        count = min(count, self.rows - 1, self.rows - at)
        if count > 0:
            self._edit_axis(0, "delete", at, count)

    def insert_columns(self, at: int, count: int = 1) -> None:
        """Insert ``count`` classes (columns) before column ``at``."""
        self._edit_axis(1, "insert", max(0, min(at, self.columns)), count)

    def remove_columns(self, at: int, count: int = 1) -> None:
        """Remove ``count`` classes from column ``at``; at least one remains."""
        count = min(count, self.columns - 1, self.columns - at)
        if count > 0:
            self._edit_axis(1, "delete", at, count)

    def resize(self, rows: int, columns: int) -> None:
        """Set ``N`` and ``C``, truncating or padding at the end."""
        rows, columns = max(1, int(rows)), max(1, int(columns))
        if rows > self.rows:
            self.insert_rows(self.rows, rows - self.rows)
        elif rows < self.rows:
            self.remove_rows(rows, self.rows - rows)
        if columns > self.columns:
            self.insert_columns(self.columns, columns - self.columns)
        elif columns < self.columns:
            self.remove_columns(columns, self.columns - columns)
