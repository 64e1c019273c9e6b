"""The A/B speed tool times the tree it is given, or refuses: a worker whose
`jupyter_safeai` comes from anywhere else (the editable install) stops."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.benchmark_module import load_benchmark

ab = load_benchmark("scan_speed_ab")
TREE = Path(__file__).resolve().parents[2]


def test_a_tree_without_the_package_is_refused(tmp_path: Path) -> None:
    cells = tmp_path / "cells.json"
    cells.write_text('["Seen by Dr Ana Lima today."]')
    with pytest.raises(SystemExit, match="did not start"):
        ab.start_worker(tmp_path, str(cells), ner_only=False)


def test_both_trees_time_every_cell() -> None:
    cells = ["x = 1", "Seen by Dr Ana Lima today.", "call 555 0100"]
    times = ab.compare(TREE, TREE, cells, rounds=1)
    assert set(times) == {"base", "new"}
    assert all(len(t) == len(cells) and all(v > 0 for v in t) for t in times.values())


def test_percentiles_are_of_the_sorted_values() -> None:
    values = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert ab.pct(values, 0.5) == 3.0
    assert ab.pct(values, 0.95) == 5.0
    assert ab.pct(values, 0.0) == 1.0
