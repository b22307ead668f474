"""The wheel carries the templates and lexicons, and an installed copy finds them without the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    (path,) = out.glob("framing-*.whl")
    return path


def test_wheel_contains_templates_lexicons_and_entry_point(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (ROOT / "templates").rglob("*"):
        if template.is_file():
            assert f"framing/templates/{template.relative_to(ROOT / 'templates').as_posix()}" in names
    shipped = sorted(p.name for p in (ROOT / "framing" / "lexicons").glob("*.toml"))
    assert shipped and all(f"framing/lexicons/{n}" in names for n in shipped)
    assert not any(n.startswith(("tests/", "seeds/", "reports/")) for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "framing = framing.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_finds_its_own_templates(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-compile", "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )
    code = (
        "import framing.resources as r; "
        "print(r.templates_dir()); print(r.lexicons_dir()); print(len(r.shipped_lexicons()))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=tmp_path)
    templates, lexicons, count = out.stdout.splitlines()
    assert Path(templates) == target / "framing" / "templates"
    assert (Path(templates) / "report.html.j2").is_file()
    assert Path(lexicons) == target / "framing" / "lexicons"
    assert int(count) == len(list((ROOT / "framing" / "lexicons").glob("*.toml")))


def test_the_cycle_collector_is_paused_for_a_story_and_restored_after(tmp_path) -> None:
    import gc

    from framing.api import Pipeline, paused_cycle_collection
    from framing.errors import InputError

    seen = []
    with paused_cycle_collection():
        seen.append(gc.isenabled())
        with paused_cycle_collection():  # nested: the inner one leaves it paused
            pass
        seen.append(gc.isenabled())
    assert seen == [False, False] and gc.isenabled()
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    try:
        Pipeline().analyse_path(tmp_path)
    except InputError:
        pass
    assert gc.isenabled()  # restored after a story that failed
