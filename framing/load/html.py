"""Web pages: their main text and metadata, and framing's own reports recognised so they are never read back."""

from __future__ import annotations

import re

# The report's page shell (templates/base.html.j2) says who wrote it: <meta name="generator" content="framing …">.
_GENERATOR_RE = re.compile(
    r"<meta\b(?=[^>]*\bname\s*=\s*[\"']?generator\b)(?=[^>]*\bcontent\s*=\s*[\"']?framing\b)[^>]*>", re.I
)
_HEAD_CHARS = 16_384


def is_framing_report(html: str) -> bool:
    """Whether a page is a report framing wrote: its head names framing as the generator."""
    head = html[:_HEAD_CHARS]
    end = head.lower().find("</head>")
    return bool(_GENERATOR_RE.search(head if end < 0 else head[:end]))


def extract_html(html: str) -> tuple[str, dict[str, str | None]]:
    """Main text and metadata of a web page, by trafilatura (imported only when a page is loaded)."""
    import trafilatura

    text = trafilatura.extract(
        html, output_format="txt", include_comments=False, include_tables=False,
        include_images=False, include_links=False, favor_precision=True, deduplicate=True,
    ) or ""
    meta = trafilatura.extract_metadata(html)
    page = {"title": None, "date": None, "sitename": None, "url": None}
    if meta is not None:
        page = {"title": meta.title, "date": meta.date, "sitename": meta.sitename, "url": meta.url}
    if page["url"] and not str(page["url"]).startswith(("http://", "https://")):
        page["url"] = None
    # Paragraphs come one a line; a blank line between them keeps the structure for the cleaner.
    return "\n\n".join(line for line in text.splitlines() if line.strip()), page
