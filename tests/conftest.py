"""Shared test helpers: build cleaned articles directly from small texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.models import Article, Block, Outlet, Source

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def make_article(
    text: str,
    id: str = "a1",
    outlet: str = "Test Outlet",
    headings: tuple[int, ...] = (),
    title: str | None = None,
) -> Article:
    """An Article whose body is ``text``: blocks are the paragraphs separated by blank lines.

    ``headings`` gives the indexes of blocks that are sub-headings.
    """
    blocks = []
    pos = 0
    for i, chunk in enumerate(text.split("\n\n")):
        blocks.append(Block("heading" if i in headings else "paragraph", pos, pos + len(chunk)))
        pos += len(chunk) + 2
    return Article(
        id=id,
        outlet=Outlet(outlet, "named"),
        source=Source(path=f"{id}.txt", sha256="0" * 64, size=len(text), kind="text"),
        text=text,
        blocks=tuple(blocks),
        title=title,
    )


def seed_body_articles(root: Path = SEEDS) -> list[Article]:
    """The seeds' body lines as articles, independent of the cleaner (long prose lines only)."""
    furniture = ("Dear readers", "Please ", "Read more", "This article was translated", "(With inputs")
    out = []
    for path in sorted(root.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        body = [ln for ln in lines if len(ln.split()) >= 12 and ln[-1] in ".”\"?)" and not ln.startswith(furniture)]
        out.append(make_article("\n\n".join(body), id=path.stem[:3], outlet=path.stem))
    return out


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS
