"""clean: page furniture out, body kept verbatim, headline/standfirst/date pulled out."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.clean import clean
from framing.clean.furniture import page_date
from framing.models import Article, Outlet, RawArticle, Source

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def raw_article(text: str, id: str = "t1", **kwargs) -> RawArticle:
    source = Source(f"{id}.txt", hashlib.sha256(text.encode()).hexdigest(), len(text), "text")
    return RawArticle(id=id, outlet=Outlet("Test", "named"), source=source, text=text, **kwargs)


def seed(prefix: str, **kwargs) -> tuple[RawArticle, Article]:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    raw = raw_article(path.read_text(encoding="utf-8"), id=prefix, **kwargs)
    return raw, clean(raw)


def block_texts(article: Article, kind: str | None = None) -> list[str]:
    return [article.text[b.start : b.end] for b in article.blocks if kind is None or b.kind == kind]


def removed_reasons(article: Article) -> dict[str, str]:
    return {r.text: r.reason for r in article.removed}


def visible(text: str) -> str:
    """The text without the invisible characters clean may drop."""
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf"))


def squash(text: str) -> str:
    return " ".join(visible(text).split())


def is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


def assert_drawn_from_input(raw: RawArticle, article: Article) -> None:
    """Blocks join exactly with one blank line; every block and removed line comes from the input."""
    assert article.text == "\n\n".join(block_texts(article))
    source = squash(raw.text)
    for text in block_texts(article):
        assert text and text == text.strip()
        assert squash(text) in source
    lines = raw.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for r in article.removed:
        line = lines[r.line - 1].replace("\u00a0", " ").replace("\u2028", " ").replace("\u2029", " ")
        assert r.text and r.text == r.text.strip() and is_subsequence(r.text, line)
    assert len({r.line for r in article.removed}) == len(article.removed), "a line is listed twice"


# ------------------------------------------------------------------------------------------
# The five seed captures.


def test_seed_000_headline_standfirst_heading_and_related_link():
    raw, a = seed("000")
    assert a.title == "Russian delegation arrives in Damascus in first since regime shift"
    assert a.title_from == "page"
    assert a.standfirst.startswith("The visit, according to Bogdanov, aims to strengthen")
    assert block_texts(a, "heading") == ["Syria pressured to sever relations with Russia"]
    paragraphs = block_texts(a, "paragraph")
    assert len(paragraphs) == 9
    assert paragraphs[0].startswith("Mikhail Bogdanov, Russia's deputy foreign minister")
    assert paragraphs[-1].endswith("with their longstanding bilateral relationship.")
    assert "Read more:" not in a.text
    assert removed_reasons(a) == {
        a.title: "headline",
        a.standfirst: "standfirst",
        "Read more: Damascus authorities terminate Russian contract for Tartus port": "related-link",
    }
    assert a.published is None and a.published_note == ""
    assert_drawn_from_input(raw, a)


def test_seed_001_icon_dump_date_repeats_widget_and_player():
    raw, a = seed("001")
    assert a.title == "Russian delegation visits Syria"
    assert a.standfirst.startswith("The recent power shift in Damascus")
    assert (a.published, a.published_note) == ("2025-01-29 00:38", "stated in the page")
    assert a.headings == ()
    paragraphs = block_texts(a, "paragraph")
    assert len(paragraphs) == 9
    assert paragraphs[0].startswith("Moscow and Damascus intend to maintain")
    assert paragraphs[-1].endswith("undermines its relationship with the country,” he stressed.")
    # The standfirst's words come back in a body paragraph: that copy is body and stays.
    assert "“will not change the nature” of Russian-Syrian relations, he added." in a.text
    for furniture in ("icon bookmark", "Dear readers", "Podcasts", "0:00", "24:18", "Russian delegation visits"):
        assert furniture not in a.text
    by_line = {r.line: r.reason for r in a.removed}
    assert by_line[1] == "icon-dump"
    assert by_line[2] == "byline"
    assert by_line[4] == by_line[7] == "headline"
    assert by_line[6] == "standfirst"
    assert by_line[27] == "comment-widget"
    assert {by_line[n] for n in range(28, 33)} == {"media-player"}
    assert_drawn_from_input(raw, a)


def test_seed_002_no_headline_five_headings_and_disclaimer():
    raw, a = seed("002")
    assert (a.title, a.title_from, a.standfirst) == (None, "none", None)
    assert block_texts(a, "heading") == [
        "Comprehensive Agenda",
        "Russia’s Perspective",
        "Key Issues on the Table",
        "Business Concerns",
        "Looking Ahead",
    ]
    paragraphs = block_texts(a, "paragraph")
    assert len(paragraphs) == 16
    assert paragraphs[0].startswith("A high-level Russian delegation is set to visit Damascus")
    assert [r.reason for r in a.removed] == ["disclaimer"]
    assert a.removed[0].line == 22
    assert "translated and edited" not in a.text
    # All prose kept: every non-disclaimer line of the capture is a block.
    lines = [line for line in raw.text.splitlines() if line.strip()]
    assert block_texts(a) == lines[:-1]
    assert_drawn_from_input(raw, a)


def test_seed_003_no_headline_comment_lines_removed():
    raw, a = seed("003")
    assert a.title is None and a.title_from == "none"
    paragraphs = block_texts(a, "paragraph")
    assert len(paragraphs) == 14
    assert paragraphs[0].startswith("Russia sent a delegation of high-level diplomats to Damascus")
    assert paragraphs[-1].startswith("Satellite photographs taken this week")
    assert removed_reasons(a) == {
        "COMMENTS": "menu",
        "Please let us know if you're having issues with commenting.": "comment-widget",
    }
    assert_drawn_from_input(raw, a)


def test_seed_004_header_and_whole_footer_removed():
    raw, a = seed("004")
    assert a.title == "Russia Seeks to Secure Syrian Ties Amid Leadership Shift"
    assert a.standfirst.startswith("Russia is working to establish dialogue")
    assert (a.published, a.published_note) == ("2025-01-29 14:38 IST", "stated in the page")
    paragraphs = block_texts(a, "paragraph")
    assert len(paragraphs) == 3 and a.headings == ()
    assert paragraphs[0].startswith("In a significant diplomatic move, Russia is actively building")
    assert paragraphs[2].endswith("officially placed on the agenda.")
    reasons = removed_reasons(a)
    assert reasons["Left Menu"] == "menu"
    assert reasons["Representative Image Image Credit: Reuters"] == "image-credit"
    assert reasons["• Country:"] == reasons["• Russia"] == "tag-list"
    assert reasons["(With inputs from agencies.)"] == "agency-note"
    assert reasons["Email: info@devdiscourse.com"] == "contact"
    assert reasons["© Copyright 2025"] == "copyright"
    assert reasons["1"] == "numbered-list"
    by_line = {r.line: r.reason for r in a.removed}
    assert by_line[3] == by_line[8] == "headline"
    assert by_line[7] == "byline"
    # Everything after the last body paragraph is gone.
    last_body_line = 17
    footer = [n for n, line in enumerate(raw.text.splitlines(), 1) if n > last_body_line and line.strip()]
    assert set(footer) <= set(by_line)
    assert_drawn_from_input(raw, a)


def test_manifest_title_wins_but_page_headline_still_removed():
    raw, a = seed(
        "004", title="Russia courts Syria's new rulers", published="2025-01-29", published_note="manifest"
    )
    assert (a.title, a.title_from) == ("Russia courts Syria's new rulers", "manifest")
    assert (a.published, a.published_note) == ("2025-01-29", "manifest")
    assert "Russia Seeks to Secure Syrian Ties" not in a.text
    assert a.standfirst.startswith("Russia is working to establish dialogue")


def test_copies_identity_fields():
    raw = raw_article(
        "A sentence that is long enough to count as the body of a page.",
        url="https://example.org/a",
        language="fr",
        metadata={"k": 1},
    )
    a = clean(raw)
    assert (a.id, a.outlet, a.source, a.url, a.language, a.metadata) == (
        raw.id, raw.outlet, raw.source, raw.url, raw.language, raw.metadata,
    )
    assert a.text == raw.text


# ------------------------------------------------------------------------------------------
# Other page styles: tiny captures written here.

BLOG = """Skip to content
Home
About

Why the port deal in Tartus fell apart

Posted by Jane Marlow on March 3, 2024 at 2:30 pm

The contract to run the port was signed in 2019, and it was meant to last for half a century.

Nobody in the new government wanted to keep it. The officials who spoke to me said the terms had never been published.

What comes next

The company says it will go to court. Its lawyers have already written to the ministry.

Share this:
Facebook
Twitter
Like this:
Leave a Reply
Your email address will not be published. Required fields are marked *
"""

WIRE = """Russia's envoy meets Syria's new leader in Damascus
By Maya Gebeily and Guy Faulconbridge
January 28, 2025 6:12 PM GMT
DAMASCUS (Reuters) - Russia's deputy foreign minister held talks with Syria's new leader on Tuesday, the first such visit since the fall of Bashar al-Assad.
The two sides discussed the future of Russia's naval base at Tartus, two sources said.
Moscow has not said whether it will keep the base.
Reporting by Maya Gebeily; Editing by Andrew Heavens
"""

COOKIE_PAGE = """We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of cookies.
Accept all
Menu
Search
Ministers meet in Damascus as sanctions debate grows
Officials from both countries met for three hours behind closed doors, according to a statement released in the evening.
Advertisement
The statement said the two sides had agreed to keep talking and would meet again next month.
Related: Sanctions relief tied to Russian bases, diplomats say
Diplomats in Brussels said the talks would be watched closely by European capitals.
Sign up for our daily briefing and get the top stories in your inbox every morning.
© 2025 Example Media Group. All rights reserved.
Privacy Policy
Terms of Use
"""

WRAPPED = (
    "The minister arrived in the capital on Tuesday for talks that\r\n"
    "officials described as the most important in a decade. He was met\r\n"
    "at the airport by the foreign minister.\r\n"
    "\r\n"
    "The talks lasted four hours. Neither side took questions from\r\n"
    "reporters afterwards, and no joint statement was issued before\r\n"
    "the delegation left.\r\n"
    "\r\n"
    "Copyright 2025 Example News. All rights reserved.\r\n"
)


MID_BODY_BOX = """Moscow and Damascus hold first talks since Assad's fall
Russian diplomats arrived in Damascus on Tuesday for talks with the new authorities.
The visit was the first since the government changed hands in December.
Read more: Syria cancels Russian port contract
Officials said the talks covered the bases at Tartus and Khmeimim.
Related stories
Syria's new leaders court the Gulf
Ukraine urges Damascus to expel Russia
Europe weighs sanctions relief
Turkey and Syria sign border deal
The Kremlin said it hoped to keep both bases open.
A second round of talks is expected next month, according to the ministry.
Photo: Handout / Syrian foreign ministry
He added that no date had been set.
Tags: Syria, Russia, Diplomacy
"""

TEASER_FOOTER = """Moscow and Damascus hold first talks since Assad's fall

Russian diplomats arrived in Damascus on Tuesday for talks with the new authorities, the first since December.

The visit lasted two days, and it covered the bases at Tartus and Khmeimim.

More stories

Ukraine urges Damascus to expel Russia

The Ukrainian foreign minister visited Syria last month.
"""


def test_link_box_under_the_lead_does_not_cut_the_body():
    raw = raw_article(MID_BODY_BOX)
    a = clean(raw)
    assert a.title == "Moscow and Damascus hold first talks since Assad's fall"
    assert a.headings == ()
    paragraphs = block_texts(a, "paragraph")
    assert paragraphs[0] == "Russian diplomats arrived in Damascus on Tuesday for talks with the new authorities."
    assert paragraphs[-1] == "He added that no date had been set."
    assert len(paragraphs) == 6
    reasons = removed_reasons(a)
    assert reasons["Read more: Syria cancels Russian port contract"] == "related-link"
    assert reasons["Ukraine urges Damascus to expel Russia"] == "link-list"
    assert reasons["Photo: Handout / Syrian foreign ministry"] == "image-credit"
    assert reasons["Tags: Syria, Russia, Diplomacy"] == "tag-list"
    assert_drawn_from_input(raw, a)


def test_teasers_after_a_section_label_are_not_body():
    a = clean(raw_article(TEASER_FOOTER))
    assert len(a.paragraphs) == 2
    assert "Ukrainian foreign minister" not in a.text
    assert removed_reasons(a)["More stories"] == "menu"


def test_blog_post_with_share_buttons_and_reply_form():
    raw = raw_article(BLOG)
    a = clean(raw)
    assert (a.title, a.title_from) == ("Why the port deal in Tartus fell apart", "page")
    assert (a.published, a.published_note) == ("2024-03-03 14:30", "stated in the page")
    assert a.standfirst is None
    assert block_texts(a, "heading") == ["What comes next"]
    assert block_texts(a, "paragraph") == [
        "The contract to run the port was signed in 2019, and it was meant to last for half a century.",
        "Nobody in the new government wanted to keep it. The officials who spoke to me said the terms had never "
        "been published.",
        "The company says it will go to court. Its lawyers have already written to the ministry.",
    ]
    reasons = removed_reasons(a)
    assert reasons["Posted by Jane Marlow on March 3, 2024 at 2:30 pm"] == "byline"
    assert reasons["Share this:"] == reasons["Facebook"] == "share-widget"
    assert reasons["Your email address will not be published. Required fields are marked *"] == "comment-widget"
    assert_drawn_from_input(raw, a)


def test_wire_story_keeps_dateline_prefix_as_body():
    raw = raw_article(WIRE)
    a = clean(raw)
    assert a.title == "Russia's envoy meets Syria's new leader in Damascus"
    assert a.published == "2025-01-28 18:12 GMT"
    paragraphs = block_texts(a, "paragraph")
    assert paragraphs[0].startswith("DAMASCUS (Reuters) - Russia's deputy foreign minister held talks")
    assert len(paragraphs) == 3 and a.standfirst is None
    reasons = removed_reasons(a)
    assert reasons["By Maya Gebeily and Guy Faulconbridge"] == "byline"
    assert reasons["Reporting by Maya Gebeily; Editing by Andrew Heavens"] == "agency-note"
    assert_drawn_from_input(raw, a)


def test_page_with_cookie_banner_advert_related_link_and_newsletter():
    raw = raw_article(COOKIE_PAGE)
    a = clean(raw)
    assert a.title == "Ministers meet in Damascus as sanctions debate grows"
    assert len(a.paragraphs) == 3 and a.headings == ()
    reasons = removed_reasons(a)
    assert reasons[COOKIE_PAGE.splitlines()[0]] == "cookie-banner"
    assert reasons["Advertisement"] == "advertisement"
    assert reasons["Related: Sanctions relief tied to Russian bases, diplomats say"] == "related-link"
    assert reasons[COOKIE_PAGE.splitlines()[10]] == "promo"
    assert reasons["© 2025 Example Media Group. All rights reserved."] == "copyright"
    assert {reasons["Privacy Policy"], reasons["Terms of Use"], reasons["Menu"]} == {"menu"}
    assert "Diplomats in Brussels said the talks would be watched closely" in a.text
    assert_drawn_from_input(raw, a)


def test_hard_wrapped_paragraphs_are_joined_with_one_space():
    raw = raw_article(WRAPPED)
    a = clean(raw)
    assert a.title is None
    assert block_texts(a) == [
        "The minister arrived in the capital on Tuesday for talks that officials described as the most "
        "important in a decade. He was met at the airport by the foreign minister.",
        "The talks lasted four hours. Neither side took questions from reporters afterwards, and no joint "
        "statement was issued before the delegation left.",
    ]
    assert [(r.line, r.reason) for r in a.removed] == [(9, "copyright")]
    assert_drawn_from_input(raw, a)


def test_lower_case_continuation_joined_only_in_blank_separated_pages():
    blank_separated = "The envoy said the talks were\nuseful and would continue next month.\n\nHe gave no dates.\n"
    a = clean(raw_article(blank_separated))
    assert block_texts(a)[0] == "The envoy said the talks were useful and would continue next month."
    one_per_line = "The envoy said the talks were useful and would continue.\nthe ministry said nothing.\n"
    assert len(clean(raw_article(one_per_line)).blocks) == 2


def test_invisible_characters_and_line_endings_are_normalised():
    text = (
        "\ufeffMinisters meet\u00a0in Damascus\u200b today\r\n\r\n"
        "The first paragraph\x07 says the talks were useful.\r\rIt ends here.\r\n"
    )
    a = clean(raw_article(text))
    assert a.title == "Ministers meet in Damascus today"
    assert block_texts(a) == ["The first paragraph says the talks were useful.", "It ends here."]
    assert not any(ch in a.text for ch in "\u200b\ufeff\x07\r")


def test_single_paragraph_after_headline_is_body_not_standfirst():
    text = (
        "Talks held in Damascus\nBy Ann Lee\n"
        "The talks, which lasted all day, ended without a statement from either side.\n"
    )
    a = clean(raw_article(text))
    assert a.standfirst is None
    assert block_texts(a) == ["The talks, which lasted all day, ended without a statement from either side."]


def test_body_sentences_that_look_like_furniture_are_kept():
    body = [
        "Reuters could not independently verify the report, which was carried by state media on Tuesday.",
        "The ministry declined to comment on it.",
        "The US/Russia talks ended without a deal, officials said in a statement.",
        "The newspaper's readers left thousands of comments on the report.",
        "The author's novels were translated into 20 languages.",
        "“You can register your complaint with us,” the official told reporters.",
        "He declined to comment.",
    ]
    raw = raw_article("\n".join(body))
    a = clean(raw)
    assert block_texts(a) == body
    assert a.removed == ()


def test_short_lines_of_a_blank_separated_page_are_not_taken_for_wrapping():
    text = (
        "Envoy meets the new Syrian leader\n"
        "Talks cover the naval base, the airfield and the debts of the old government\n\n"
        "Russia's envoy met the new leader in Damascus on Tuesday for two hours.\n\n"
        "The meeting was described as useful by both of the delegations.\n\n"
        "A second meeting is planned, but no date has been set for it yet.\n\n"
        "Officials in Moscow said the bases were not yet on the agenda.\n"
    )
    a = clean(raw_article(text))
    assert a.title == "Envoy meets the new Syrian leader"
    assert a.standfirst == "Talks cover the naval base, the airfield and the debts of the old government"
    assert len(a.paragraphs) == 4


def test_a_paragraph_printed_twice_is_kept_once():
    para = "The delegation met the new leader in Damascus on Tuesday afternoon."
    a = clean(raw_article(f"{para}\nThe talks lasted two hours.\n{para}\n"))
    assert block_texts(a) == [para, "The talks lasted two hours."]
    assert [(r.line, r.reason) for r in a.removed] == [(3, "repeated")]


@pytest.mark.parametrize("text", ["", "   \n\n\t", "Home\nMenu\n© 2025 Someone", "\x00\x01\u200b"])
def test_pages_without_body_give_empty_article(text):
    a = clean(raw_article(text))
    assert a.text == "" and a.blocks == ()
    assert all(r.text.strip() for r in a.removed)


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("29 Jan, 2025 00:38", "2025-01-29 00:38"),
        ("Updated: 29-01-2025 14:54 IST | Created: 29-01-2025 14:38 IST", "2025-01-29 14:38 IST"),
        ("Jan. 29, 2025 9:05 AM EST", "2025-01-29 09:05 EST"),
        ("Published 2025-01-28T10:00Z", "2025-01-28 10:00"),
        ("Tuesday 28 January 2025", "2025-01-28"),
        ("No date here", None),
        ("31-02-2025", None),
        ("45-13-2025", None),
    ],
)
def test_page_date(stamp, expected):
    assert page_date(stamp) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "", "Home", "Ministers meet in Damascus", "The talks, which lasted all day, ended without a statement.",
    "© 2025 X", "1", "0:00", "he said the visit was useful", "Share this:", "• Tag", "By Ann Lee",
]) | st.text(), max_size=30))
def test_clean_never_raises_and_keeps_its_invariants(parts):
    text = "\n".join(parts) if isinstance(parts, list) else parts
    raw = raw_article(text)
    a = clean(raw)
    assert_drawn_from_input(raw, a)


# ------------------------------------------------------------------------------------------
# Hostile text: long tokens, floods, hidden direction changes, scripts without spaces.

PARA = "The foreign minister said on Tuesday that the talks had gone well and would continue next month."
CLOSE = "Officials from both countries agreed to meet again in the capital, a spokesman said."


def test_a_long_token_is_handled_and_contact_lines_still_found():
    token = "".join("0123456789abcdef"[(i * 7) % 16] for i in range(100_000))
    raw = raw_article(f"{PARA}\n\n{token}\n\n{CLOSE}\n\nContact: news.desk@example.co.uk\n")
    a = clean(raw)
    assert block_texts(a) == [PARA, token, CLOSE]
    assert removed_reasons(a)["Contact: news.desk@example.co.uk"] == "contact"
    assert_drawn_from_input(raw, a)


def test_a_long_line_of_clock_times_is_a_media_player_line():
    clocks = "1:11 " * 20_000
    a = clean(raw_article(f"{PARA}\n\n{clocks}\n\n{CLOSE}\n\n12:04 / 45:10\n\n1234 5678\n"))
    reasons = removed_reasons(a)
    assert reasons[clocks.strip()] == reasons["12:04 / 45:10"] == "media-player"
    assert reasons["1234 5678"] != "media-player"


def test_combining_mark_floods_are_cut_to_a_few_per_letter():
    flood = "Z" + "\u0301\u0334" * 85_000
    vietnamese = "Ngu\u031b\u0300o\u031b\u0300i ta no\u0301i ca\u0309 ba\u0300 ho\u0323 đa\u0303 đe\u0302\u0301n."
    raw = raw_article(f"{PARA} {flood} went on.\n\n{vietnamese} {CLOSE}\n")
    a = clean(raw)
    first, second = block_texts(a)
    assert first == f"{PARA} Z\u0301\u0334\u0301\u0334 went on."
    assert second == f"{vietnamese} {CLOSE}"  # two marks on a letter are writing, not noise
    assert is_subsequence(a.text.replace("\n\n", ""), raw.text)


def test_bidi_controls_are_removed_before_offsets_are_taken():
    raw = raw_article(f"The talks had gone \u202ellew\u202c, he said \u2066quietly\u2069.\u200f {PARA}\n\n\u061c{CLOSE}\u200e\n")
    a = clean(raw)
    assert a.text == f"The talks had gone llew, he said quietly. {PARA}\n\n{CLOSE}"
    assert [a.text[b.start:b.end] for b in a.blocks] == [f"The talks had gone llew, he said quietly. {PARA}", CLOSE]


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["外交部长周二表示，首都的会谈进展顺利，双方将继续对话。", "两国官员同意下个月再次会面，发言人说，会谈的气氛坦诚而友好。"],
        ["外務大臣は火曜日、首都での会談は順調に進み、今後も続けると述べた。", "両国の当局者は来月再び会うことで合意したと、報道官は語った。"],
        ["รัฐมนตรีว่าการกระทรวงการต่างประเทศกล่าวว่าการเจรจาในเมืองหลวงเป็นไปด้วยดีและจะดำเนินต่อไปในเดือนหน้า"],
    ],
    ids=["chinese", "japanese", "thai"],
)
def test_scripts_without_spaces_keep_their_body(paragraphs):
    raw = raw_article("\n\n".join(["Home", *paragraphs, "© 2025 Example News"]) + "\n")
    a = clean(raw)
    assert block_texts(a) == paragraphs
    assert_drawn_from_input(raw, a)


def test_a_hundred_thousand_short_lines_are_each_accounted_for():
    lines = [f"Line {i} of the page." for i in range(100_000)]
    a = clean(raw_article("\n".join(lines) + "\n"))
    kept = {text for text in block_texts(a)}
    assert len(kept) + len(a.removed) == len(lines)
