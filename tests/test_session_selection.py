"""One rule for the element a grid cell stands for (no Qt)."""

from __future__ import annotations

import pytest

from lossgui.session.selection import element_for_cell

GRID = (3, 5)  # N samples x C classes


@pytest.mark.parametrize(
    ("role", "cell", "table", "expected"),
    [
        ("grid", (2, 4), None, (2, 4)),
        ("rows", (0, 0), (3, 1), (0, 1)),  # the class stays
        ("classes", (0, 3), (1, 5), (1, 3)),  # a per-class weight: the sample stays
        ("sequence", (2, 1), (3, 4), (2, 1)),  # batched label sequences: the sample
        ("sequence", (0, 2), (1, 4), (1, 1)),  # one unbatched sequence: nothing
        ("scalar", (0, 0), (1, 1), (1, 1)),
        ("results", (2, 3), (3, 5), (2, 3)),  # a per-class quantity
        ("results", (2, 0), (3, 1), (2, 1)),  # a per-sample loss keeps the class
    ],
)
def test_each_role_maps_to_the_logits_grid(role, cell, table, expected):
    assert element_for_cell(role, cell, (1, 1), GRID, table) == expected


def test_the_answer_stays_inside_the_grid():
    assert element_for_cell("classes", (0, 9), (7, 1), GRID) == (2, 4)
    assert element_for_cell("scalar", (0, 0), (5, 8), (1, 1)) == (0, 0)
