"""``python -m levels``: check and run, from the shell, with clear messages and exit codes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def levels(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "levels", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_check_passes_on_the_shipped_packs_and_prints_json() -> None:
    done = levels("check", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    summary = json.loads(done.stdout)
    assert summary["levels"] >= 30 and set(summary["tracks"]) == {"junior", "teens", "python"}
    assert summary["levels"] == sum(summary["tracks"].values())


def test_check_fails_on_a_bad_file_with_a_readable_message(tmp_path) -> None:
    bad = tmp_path / "junior" / "01_bad.yml"
    bad.parent.mkdir()
    bad.write_text("id: bad_01\nmap: |\n  ####\n  #..#\n  ####\nheading: east\n"
                   "blocks: [move_forward]\nsolution: |\n  move_forward()\n")
    done = levels("check", str(bad))
    assert done.returncode == 1
    assert "bad_01" in done.stdout and "exactly one S" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_run_prints_the_outcome(tmp_path) -> None:
    program = tmp_path / "prog.py"
    program.write_text("for i in range(7):\n    move_forward()\n")
    done = levels("run", "junior_09", "--program", str(program))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"solved": True, "outcome": "solved", "steps": 14,
                                       "stars": 3, "blocks": 2}
    level_file = ROOT / "levels" / "packs" / "junior" / "08_turn_the_corner.yml"
    program.write_text("move_forward()\nmove_forward()\nmove_forward()\n")
    done = levels("run", str(level_file), "--program", str(program))
    assert json.loads(done.stdout)["outcome"] == "wall"


def test_run_refuses_a_bad_program_with_line_and_column(tmp_path) -> None:
    program = tmp_path / "prog.py"
    program.write_text("move_forward()\nimport os\n")
    done = levels("run", "junior_01", "--program", str(program))
    assert done.returncode == 2
    assert "Line 2, position 1" in done.stderr and "import" in done.stderr
    done = levels("run", "no_such_level", "--program", str(program))
    assert done.returncode == 2 and "no_such_level" in done.stderr
