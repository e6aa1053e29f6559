#!/usr/bin/env python3
"""Runs the notebooks of this folder as a user would, failing on the first cell that fails.

Jupyter notebooks (.ipynb) are executed top to bottom with nbclient in a fresh kernel whose working
directory is this folder; the executed copies go to target/executed/ (the sources stay as they
are). Databricks notebooks (.py in Databricks source format) cannot run outside Databricks: they are
checked for the source-format header and cell separators, and compiled.

Usage: execute.py [NOTEBOOK...]  (default: every .ipynb and Databricks .py file here)
Ends with a line "N passed, N failed"; exits 1 when any failed.
"""
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = Path(__file__).resolve().parent
DATABRICKS_HEADER = "# Databricks notebook source"
DATABRICKS_SEPARATOR = "# COMMAND ----------"


def execute_jupyter(path, out_dir):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=900, kernel_name="python3",
        resources={"metadata": {"path": str(HERE)}})
    try:
        client.execute()
    finally:
        out_dir.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, out_dir / path.name)
    cells = sum(1 for cell in notebook.cells if cell.cell_type == "code")
    return "%d code cells ran" % cells


def check_databricks(path):
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    if not lines or lines[0].strip() != DATABRICKS_HEADER:
        raise ValueError("%s: the first line must be %r" % (path.name, DATABRICKS_HEADER))
    cells = source.count("\n" + DATABRICKS_SEPARATOR + "\n") + 1
    if cells < 2:
        raise ValueError("%s: no %r cell separators" % (path.name, DATABRICKS_SEPARATOR))
    compile(source, str(path), "exec")
    return "%d cells, compiles" % cells


def is_databricks(path):
    with open(path, encoding="utf-8") as f:
        return f.readline().strip() == DATABRICKS_HEADER


def main(argv):
    paths = [Path(a).resolve() for a in argv] or sorted(
        [p for p in HERE.glob("*.ipynb")]
        + [p for p in HERE.glob("*.py") if p.name != Path(__file__).name and is_databricks(p)])
    jar = os.environ.get("VELLUM_CONNECTOR_JAR")
    if jar:
        print("connector jar: %s" % jar, flush=True)
    out_dir = HERE / "target" / "executed"
    passed, failed = 0, 0
    for path in paths:
        started = time.monotonic()
        try:
            if path.suffix == ".ipynb":
                what = execute_jupyter(path, out_dir)
            else:
                what = check_databricks(path)
            passed += 1
            print("PASS %s (%s, %.0f s)" % (path.name, what, time.monotonic() - started),
                  flush=True)
        except (CellExecutionError, ValueError, SyntaxError, RuntimeError, OSError) as e:
            failed += 1
            print("FAIL %s: %s" % (path.name, e), flush=True)
    print("%d passed, %d failed" % (passed, failed), flush=True)
    return 1 if failed or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
