"""The notebook runs top to bottom without an error, and shows what it promises."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = [pytest.mark.notebook, pytest.mark.slow]

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"


def test_notebook_runs_and_shows_rows_figures_and_the_view(output_dir: Path) -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert not any(cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), "commit the notebook without outputs"
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "\n".join(o.get("data", {}).get("text/html", "") for o in outputs if o.output_type in ("display_data", "execute_result"))
    assert "Chen Yijun, Deputy Governor" in html  # a quote in the rows of posts-of-a-person
    assert html.count("<table>") >= 5
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert "kg.html" in html  # the view, inline in a frame
    text = "\n".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "people who link organisations" in text
    nbformat.write(notebook, output_dir / "explore.executed.ipynb")
    size = (output_dir / "explore.executed.ipynb").stat().st_size
    assert size < 400_000, f"outputs should stay small, got {size} bytes"
