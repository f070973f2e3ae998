"""``lossgui export`` through a subprocess: files out, errors as messages, no Qt."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys

import numpy as np
import pytest

from lossgui.cli import main
from lossgui.engine import compute
from lossgui.io.bundled import examples_dir


def lossgui(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "lossgui", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def columns(path):
    with open(path, newline="") as stream:
        rows = list(csv.reader(stream))
    return {
        name: np.array([float(r[i]) for r in rows[1:]])
        for i, name in enumerate(rows[0])
    }


def test_help_and_version():
    done = lossgui("--help")
    assert done.returncode == 0
    assert "lossgui export SESSION.json -o OUT.csv" in done.stdout
    done = lossgui("export", "--help")
    assert done.returncode == 0 and "--reduction" in done.stdout
    assert lossgui("--version").stdout.startswith("lossgui ")


def test_export_arrays_from_a_training_script(tmp_path):
    logits = np.array([[2.0, 3.0, 0.1], [0.5, 0.1, -1.0]], dtype=np.float32)
    labels = np.array([1, 0])
    np.save(tmp_path / "logits.npy", logits)
    np.savez(tmp_path / "batch.npz", labels=labels, other=np.zeros(2))
    done = lossgui(
        "export",
        "--loss",
        "CrossEntropyLoss",
        "--input",
        "logits.npy",
        "--target",
        "batch.npz:labels",
        "--param",
        "label_smoothing=0.1",
        "--reduction",
        "sum",
        "-o",
        "out.csv",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    cols = columns(tmp_path / "out.csv")
    expected = compute(
        "CrossEntropyLoss", logits, labels, label_smoothing=0.1, reduction="sum"
    )
    np.testing.assert_array_equal(
        cols["grad"].astype(np.float32), expected.grad.ravel()
    )
    summary = json.loads((tmp_path / "out.summary.json").read_text())
    assert summary["value"] == float(expected.value)
    assert summary["params"]["label_smoothing"] == 0.1
    assert summary["reduction"] == "sum"


def test_export_a_session(tmp_path):
    session = examples_dir() / "000-bcewithlogits-cat-dog.json"
    done = lossgui("export", session, "-o", tmp_path / "cat.csv", "--dtype", "float64")
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "cat.summary.json").read_text())
    assert summary["dtype"] == "float64"
    assert summary["value"] == pytest.approx(1.0827878, abs=1e-7)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["export"], 2, "required: -o/--output"),
        (["export", "-o", "x.csv"], 2, "give a session file"),
        (
            ["export", "--loss", "Nope", "--input", "a.npy", "-o", "x.csv"],
            2,
            "unknown loss 'Nope'",
        ),
        (
            [
                "export",
                "--loss",
                "BCELoss",
                "--input",
                "a.npy",
                "--param",
                "beta=1",
                "-o",
                "x.csv",
            ],
            2,
            "no parameter 'beta'",
        ),
        (
            [
                "export",
                "--loss",
                "BCELoss",
                "--input",
                "a.npy",
                "--reduction",
                "avg",
                "-o",
                "x.csv",
            ],
            2,
            "reductions",
        ),
        (
            ["export", "--loss", "BCELoss", "--input", "missing.npy", "-o", "x.csv"],
            1,
            "'missing.npy' does not exist",
        ),
        (
            ["export", "--loss", "BCELoss", "--input", "evil.npy", "-o", "x.csv"],
            1,
            "pickle",
        ),
        (
            [
                "export",
                "--loss",
                "BCELoss",
                "--input",
                "a.npy",
                "--target",
                "b.npy",
                "-o",
                "x.csv",
            ],
            1,
            r"shape \(4,\).*needs \(3,\)",
        ),
        (
            [
                "export",
                "--loss",
                "BCELoss",
                "--input",
                "a.npy",
                "--input-mode",
                "raw",
                "-o",
                "x.csv",
            ],
            1,
            "between 0 and 1",
        ),
        (
            ["export", "future.json", "-o", "x.csv"],
            1,
            "future.json: the session was written by a newer lossgui",
        ),
        (
            ["export", "--loss", "BCELoss", "--input", "a.npy", "-o", "no/dir/x.csv"],
            1,
            "cannot write",
        ),
    ],
)
def test_errors_are_one_line_and_non_zero(
    tmp_path, monkeypatch, capsys, args, code, message
):
    """In-process (fast); the subprocess tests above and below cover the entry point."""
    np.save(tmp_path / "a.npy", np.array([-0.8, 0.7, 5.0]))
    np.save(tmp_path / "b.npy", np.zeros(4))
    np.save(tmp_path / "evil.npy", np.array([{}], dtype=object), allow_pickle=True)
    (tmp_path / "future.json").write_text('{"format": "lossgui-session", "version": 9}')
    monkeypatch.chdir(tmp_path)
    assert main(args) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert re.search(message, err), err
    assert not (tmp_path / "x.csv").exists()


def test_bad_file_through_the_entry_point(tmp_path):
    (tmp_path / "cut.json").write_text(
        '{"format": "lossgui-session", "version": 1, "lo'
    )
    done = lossgui("export", "cut.json", "-o", "x.csv", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("lossgui export: error: cut.json: not valid JSON")
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "x.csv").exists()


def test_headless_export_never_imports_qt(tmp_path):
    np.save(tmp_path / "a.npy", np.array([-0.8, 0.7, 0.5]))
    probe = (
        "import sys; from lossgui.cli import main; "
        "code = main(['export', '--loss', 'BCEWithLogitsLoss', '--input', 'a.npy', '-o', 'o.csv']); "
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stdout + done.stderr
