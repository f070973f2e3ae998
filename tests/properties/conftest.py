"""Property-suite set-up: the hypothesis profiles live in ``tests/conftest.py``.

They are registered there (the root conftest is read before pytest-hypothesis
handles ``--hypothesis-profile``); this folder only documents them:

* ``ci`` (default): derandomized, a small example budget per loss, the whole
  suite in well under a minute;
* ``soak``: thousands of examples per loss, random seeds
  (``uv run pytest tests/properties --hypothesis-profile=soak``).
"""
