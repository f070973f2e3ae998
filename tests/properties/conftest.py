"""Property-suite set-up: the hypothesis profiles live in ``tests/conftest.py``.

They are registered there (the root conftest is read before pytest-hypothesis
handles ``--hypothesis-profile``); this folder only documents them:

* ``ci`` (default): derandomized, a small example budget per loss, the whole
  suite in well under a minute;
* ``soak``: thousands of examples per loss, random seeds
  (``uv run pytest tests/properties --hypothesis-profile=soak``).

The legacy-argument and integer-dtype properties run a quarter of the
profile's budget per loss (at least 10). A whole soak takes well over 20
minutes on two cores; pick families with ``-k`` (e.g. ``-k "CTC or integer"``).
Divergences a soak finds are pinned, with torch's recorded numbers, in
``tests/engine/test_soak_regressions.py``.
"""
