"""The only code that knows where the shipped templates and lexicons live.

In a wheel they are package data (``framing/templates``, ``framing/lexicons``); in a checkout or an
editable install the templates sit at the top-level ``templates/`` folder beside the package.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """The built-in Jinja templates folder."""
    packaged = resources.files("framing").joinpath("templates")
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = _PACKAGE_DIR.parent / "templates"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("framing's templates are missing: reinstall the package")


def lexicons_dir() -> Path:
    """The folder of lexicons shipped with the package."""
    return Path(str(resources.files("framing").joinpath("lexicons")))


def shipped_lexicons() -> list[Path]:
    """Every shipped lexicon file, in a stable order."""
    return sorted(lexicons_dir().glob("*.toml"))


def asset_roots() -> tuple[Path, ...]:
    """Folders the PDF renderer may read from: the templates (fonts, CSS) and nothing else."""
    return (templates_dir().resolve(),)
