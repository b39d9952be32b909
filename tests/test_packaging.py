"""A non-editable install (`pip install .`) carries the seed library and the evaluation sets, so
its first run is the same as a checkout's."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_ships_seeds_catalogue_glossary_and_eval_sets(tmp_path):
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(tmp_path.glob("rocu_bot-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for seed in (ROOT / "seeds").iterdir():
        assert f"bot/seeds/{seed.name}" in names
    for evalset in (ROOT / "eval").iterdir():
        assert f"bot/evalsets/{evalset.name}" in names


def test_the_code_finds_its_data_inside_the_package():
    from bot import eval as evaluation
    from bot.library import ingest

    package = ROOT / "bot"
    assert ingest._PROJECT_SEEDS.resolve() == (package / "seeds").resolve()
    assert evaluation.EVAL_DIR.resolve() == (package / "evalsets").resolve()
    assert (package / "seeds").resolve() == (ROOT / "seeds").resolve()  # one copy in a checkout
