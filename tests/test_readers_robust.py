"""The readers on page shapes a fresh look at saved pages found them mishandling: article bodies
wrapped in inline elements, pages that declare the wrong language, pages with no article, and
Chinese and Japanese paragraphs with line breaks in their source."""
import pytest

from bulletin.article import Heading, Image, ListBlock, Paragraph, Quote
from bulletin.readers import read
from sample_text import LIBRARY_STORY

_LIBRARY = (
    "<p>The county library on Elm Street will open two hours later on weekdays from March 2 while "
    "the heating system is replaced, the library board said on Thursday.</p>"
    "<h3>Weekend hours</h3>"
    "<p>Weekend hours do not change, and the book drop beside the front door stays open "
    "<b>day and night</b> for returns during the work.</p>"
    "<ul><li>Library cards can be renewed by telephone.</li><li>Holds are kept an extra week.</li></ul>"
    "<blockquote><p>We are sorry for the cold mornings this winter, said the head librarian.</p>"
    "</blockquote>")


def _page(body: str, *, lang: str = "en", head: str = "") -> bytes:
    return (f"<!DOCTYPE html><html lang='{lang}'><head><title>Library hours</title>{head}</head>"
            f"<body><article><h1>Library hours</h1>{body}</article></body></html>").encode("utf-8")


def _shape(art):
    return [(type(b).__name__, b.text if isinstance(b, (Paragraph, Heading)) else None)
            for b in art.blocks]


# ---------------------------------------------------------------- blocks inside inline elements
@pytest.mark.parametrize("wrapper", [
    "<span class='hs_cos_wrapper hs_cos_wrapper_type_rich_text'>{}</span>",
    "<font face='Arial'>{}</font>",
    "<span><em>{}</em></span>",
    "<a href='https://example.org/library'>{}</a>",
])
def test_blocks_inside_an_inline_wrapper_stay_blocks(wrapper):
    """A body wrapped in a span (HubSpot) reads as the same body wrapped in a div."""
    as_div = read(_page(f"<div class='body'>{_LIBRARY}</div>"), fmt="html")
    wrapped = read(_page(wrapper.format(_LIBRARY)), fmt="html")
    assert [type(b) for b in wrapped.blocks] == [Paragraph, Heading, Paragraph, ListBlock, Quote]
    assert _shape(wrapped) == _shape(as_div)
    assert wrapped.blocks[1] == Heading("Weekend hours", 3)
    assert [i.text for i in wrapped.blocks[3].items] == [
        "Library cards can be renewed by telephone.", "Holds are kept an extra week."]


def test_inline_text_beside_wrapped_blocks_keeps_its_paragraph_and_emphasis():
    body = (f"<span class='body'>Opening words before the first paragraph, set in the wrapper "
            f"itself.{_LIBRARY}Closing words after the last paragraph, in the wrapper too.</span>")
    art = read(_page(body), fmt="html")
    texts = [b.text for b in art.blocks if isinstance(b, Paragraph)]
    assert texts[0] == "Opening words before the first paragraph, set in the wrapper itself."
    assert texts[-1] == "Closing words after the last paragraph, in the wrapper too."
    hours = next(b for b in art.blocks if isinstance(b, Paragraph) and b.text.startswith("Weekend"))
    assert [hours.text[s.start:s.end] for s in hours.spans if s.kind == "strong"] == ["day and night"]


def test_inline_markup_without_blocks_is_still_one_paragraph():
    body = ("<p>The <span class='place'>county <a href='https://example.org'>library</a></span> "
            "opens <span><b>later</b> on weekdays</span> from March 2 while the heating system is "
            "replaced, the library board said on Thursday evening.</p>")
    art = read(_page(body), fmt="html")
    assert _shape(art) == [("Paragraph", "The county library opens later on weekdays from March 2 "
                            "while the heating system is replaced, the library board said on "
                            "Thursday evening.")]
    assert [art.blocks[0].text[s.start:s.end] for s in art.blocks[0].spans] == ["library", "later"]


# ---------------------------------------------------------------- CJK lines join without a space
_JA_LINES = ["不正に改造した携帯電話を販売すると、", "商標権", "侵害になる場合があります。"]
_JA_JOINED = "不正に改造した携帯電話を販売すると、商標権侵害になる場合があります。"


@pytest.mark.parametrize("fmt,source", [
    ("text", "お知らせ\n\n" + "\n".join(_JA_LINES) + "\n"),
    ("markdown", "# お知らせ\n\n" + "\n".join(_JA_LINES) + "\n"),
    ("html", "<html lang='ja'><body><article><h1>お知らせ</h1><p>" + "\n".join(_JA_LINES)
     + "</p></article></body></html>"),
    ("html", "<html lang='ja'><body><article><h1>お知らせ</h1><p>" + "<br>".join(_JA_LINES)
     + "</p></article></body></html>"),
])
def test_japanese_lines_join_without_a_space(fmt, source):
    art = read(source.encode("utf-8"), fmt=fmt)
    assert [b.text for b in art.blocks] == [_JA_JOINED]


def test_chinese_list_item_continued_on_an_indented_line_joins_without_a_space():
    art = read("通知\n\n- 图书馆下周一\n  开始延长开放时间\n- 周末时间不变\n".encode("utf-8"), fmt="text")
    assert [i.text for i in art.blocks[0].items] == ["图书馆下周一开始延长开放时间", "周末时间不变"]


@pytest.mark.parametrize("notice", [
    "Notice\n\n- The library opens later\n- Weekends unchanged\n",
    "Notice\n\n- The library opens later\n  from March 2\n- Weekends unchanged\n",
])
def test_a_list_s_last_item_is_not_taken_for_a_wire_signoff(notice):
    """"- Weekends unchanged" looks like "–City News Service"; under a list it is an item."""
    art = read(notice.encode("utf-8"), fmt="text")
    assert art.credit is None
    assert art.blocks[-1].items[-1].text == "Weekends unchanged"


@pytest.mark.parametrize("lines,joined", [
    (["도서관은 다음 주부터", "늦게 문을 엽니다."], "도서관은 다음 주부터 늦게 문을 엽니다."),  # Korean: spaces
    (["The library opens", "later next week."], "The library opens later next week."),
    (["図書館は iPhone", "アプリで予約できます。"], "図書館は iPhone アプリで予約できます。"),  # Latin beside kana
    (["図書館は来週から遅く開きます。", "😀"], "図書館は来週から遅く開きます。 😀"),  # emoji: a space
])
def test_line_joins_keep_the_space_where_the_writing_has_one(lines, joined):
    art = read(("Notice\n\n" + "\n".join(lines) + "\n").encode("utf-8"), fmt="text")
    assert art.blocks[0].text == joined


def test_a_space_typed_between_japanese_words_is_kept():
    """Only a line break is dropped; a space the writer typed on one line stays."""
    page = "<html lang='ja'><body><article><h1>お知らせ</h1><p>開館時間 変更のお知らせ。</p></article></body></html>"
    assert read(page.encode("utf-8"), fmt="html").blocks[0].text == "開館時間 変更のお知らせ。"


def test_html_heading_caption_and_table_cells_split_by_markup_and_lines():
    para = ("<p>The county library on Elm Street will open two hours later on weekdays from March 2, "
            "while the heating system is replaced, the library board said on Thursday.</p>")
    page = ("<html lang='en'><body><article><h1>Library hours</h1>" + para
            + "<h2>週末の\n開館<b>時間</b></h2>" + para
            + "<table><tr><th>Day</th><th>曜日</th><th>Hours</th></tr>"
            "<tr><td>Saturday,\nSunday</td><td>土曜\n日曜</td><td>10 am to 5 pm</td></tr>"
            "<tr><td>Monday</td><td>月曜</td><td>noon to 8 pm</td></tr></table>"
            + para + "<h2>Weekend <b>h</b>ours</h2>" + para +
            "<figure><img src='a.jpg' alt='The library'><figcaption><span>Taken on July 25, 2026.</span>"
            "<span>Ana Ruiz</span></figcaption></figure>" + para + "</article></body></html>")
    art = read(page.encode("utf-8"), fmt="html")
    assert Heading("週末の開館時間", 2) in art.blocks
    assert Heading("Weekend hours", 2) in art.blocks
    table = next(b for b in art.blocks if isinstance(b, ListBlock))
    assert [i.text for i in table.items] == [
        "Day: Saturday, Sunday; 曜日: 土曜日曜; Hours: 10 am to 5 pm",
        "Day: Monday; 曜日: 月曜; Hours: noon to 8 pm"]
    assert [b.caption for b in art.blocks if isinstance(b, Image)] == ["Taken on July 25, 2026. Ana Ruiz"]


# ---------------------------------------------------------------- pages with no article
_NO_ARTICLE = {
    "menu": "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>",
    "bare menu": "<nav>Home</nav>",
    "footer": ("<nav><a href='/'>Home</a></nav><div class='site-footer'><p>Elm Street Gazette, "
               "12 Elm Street.</p><p><a href='/privacy'>Privacy policy</a></p></div>"),
    "cookie banner": ("<div class='cookie-banner'><p>We use cookies to improve your experience "
                      "on this site. Accept all cookies?</p><button>Accept</button></div>"),
    "lone heading": "<h1>Home</h1>",
    "pictures": "<p><img src='a.jpg' alt='The library at night'></p>",
}


@pytest.mark.parametrize("body", _NO_ARTICLE.values(), ids=_NO_ARTICLE.keys())
def test_a_page_without_an_article_is_an_input_error(body, tmp_path):
    from bulletin.errors import InputError

    page = tmp_path / "page.html"
    page.write_text(f"<!DOCTYPE html><html lang='en'><head><title>Home</title></head><body>{body}"
                    f"</body></html>", encoding="utf-8")
    with pytest.raises(InputError, match=r"^no article found in .*page\.html") as err:
        read(page)
    assert err.value.exit_code == 2


def test_a_one_line_notice_page_is_still_an_article():
    page = "<html><head><title>Pool</title></head><body><p>The pool is closed on Monday.</p></body></html>"
    art = read(page.encode("utf-8"), fmt="html")
    assert [b.text for b in art.blocks] == ["The pool is closed on Monday."]


def test_build_of_a_page_without_an_article_stops_with_one_line_and_writes_nothing(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from bulletin.cli import main

    monkeypatch.chdir(tmp_path)
    page = tmp_path / "front.html"
    page.write_text("<html><head><title>Home</title></head><body><nav>Home</nav></body></html>",
                    encoding="utf-8")
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:  # click 8.2 always separates them
        runner = CliRunner()
    res = runner.invoke(main, ["build", str(page), "-o", str(tmp_path / "out")])
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == [
        f"bulletin: error: no article found in {page}: only page furniture (menus, banners, "
        f"footers) or nothing at all"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["front.html"]


# ---------------------------------------------------------------- declared language vs. the text
_DE = [
    "Die Stadtbibliothek in der Ulmenstraße öffnet ab dem zweiten März an Werktagen zwei Stunden "
    "später, weil die Heizungsanlage erneuert wird, teilte der Vorstand am Donnerstag mit.",
    "An den Wochenenden ändern sich die Öffnungszeiten nicht, und der Rückgabekasten neben der "
    "Eingangstür bleibt während der Arbeiten Tag und Nacht geöffnet.",
    "Bibliotheksausweise können telefonisch verlängert werden, und Vormerkungen, die vor Beginn der "
    "Arbeiten eingegangen sind, werden eine Woche länger aufbewahrt.",
    "Der Vorstand erwartet, dass die neuen Kessel die Heizkosten des Gebäudes um etwa ein Drittel "
    "senken und die kalten Morgen beenden, über die sich viele Leser beschwert haben.",
]
_EN = LIBRARY_STORY[:4]
_CONTENT_DE = "<meta http-equiv='Content-Language' content='de'>"
_AUTHOR = "<meta name='author' content='Anna Schmidt'>"


def _article(paragraphs, *, lang="en", head="", title="Bibliothek"):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang='{lang}'><head><title>{title}</title>{head}</head><body>"
            f"<article><h1>{title}</h1>{body}</article></body></html>").encode("utf-8")


def _language_warnings(art):
    return [w for w in art.warnings if "language" in w]


def test_a_german_page_declared_english_is_read_as_german_with_one_warning():
    art = read(_article(_DE, head=_CONTENT_DE + _AUTHOR), fmt="html")
    assert art.language == "de"
    assert art.byline == "Von Anna Schmidt"
    assert _language_warnings(art) == [
        "the page declares its language as en, but its text is in de (detected with confidence "
        "1.00, as the page's content-language says); read as de; use --lang to change"]


def test_a_long_text_overrules_the_only_declaration():
    art = read(_article(_DE + _DE[:2]), fmt="html")
    assert art.language == "de"
    assert len(_language_warnings(art)) == 1


def test_an_english_page_declared_german_is_read_as_english():
    art = read(_article(_EN + _EN[:2], lang="de", title="Library"), fmt="html")
    assert art.language == "en"


def test_a_short_text_keeps_the_declared_language():
    """Two paragraphs are not enough to overrule the page alone…"""
    art = read(_article(_DE[:2]), fmt="html")
    assert art.language == "en" and _language_warnings(art) == []


def test_a_short_text_seconded_by_content_language_decides():
    """…but they are when the page's content-language says the same as the text."""
    art = read(_article(_DE[:2], head=_CONTENT_DE), fmt="html")
    assert art.language == "de"


def test_a_bilingual_page_keeps_its_declared_language():
    paragraphs = [p for pair in zip(_EN, _DE) for p in pair]  # as much German as English
    art = read(_article(paragraphs, title="Library"), fmt="html")
    assert art.language == "en" and _language_warnings(art) == []


def test_an_english_notice_with_help_lines_in_other_languages_stays_english():
    help_lines = ("<ul><li>Español: llame al 1-888-373-7888 para recibir ayuda gratuita y confidencial.</li>"
                  "<li>Tiếng Việt: gọi 1-888-373-7888 để được giúp đỡ miễn phí.</li>"
                  "<li>Deutsch: Rufen Sie 1-888-373-7888 an, um kostenlose Hilfe zu erhalten.</li>"
                  "<li>한국어: 무료 도움을 받으려면 1-888-373-7888로 전화하세요.</li></ul>")
    page = _article(_EN[:2], title="Library").replace(b"</article>", help_lines.encode() + b"</article>")
    art = read(page, fmt="html")
    assert art.language == "en" and _language_warnings(art) == []


def test_a_given_language_is_not_weighed(monkeypatch):
    import bulletin.readers.detect_language as dl

    def boom(text):
        raise AssertionError("the detector ran although the language was given")

    monkeypatch.setattr(dl, "detect", boom)
    monkeypatch.setattr("bulletin.readers.declared_language.detect", boom)
    art = read(_article(_DE, head=_CONTENT_DE), fmt="html", default_language="en", detect=False)
    assert art.language == "en"


def test_inspect_shows_the_language_of_the_text(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from bulletin.cli import main

    monkeypatch.chdir(tmp_path)
    page = tmp_path / "post.html"
    page.write_bytes(_article(_DE, head=_CONTENT_DE))
    res = CliRunner().invoke(main, ["inspect", str(page)])
    assert res.exit_code == 0
    assert "Language: de" in " ".join(res.output.split())


@pytest.mark.parametrize("line,kind", [
    ("We use cookies to improve your experience. Accept all cookies?", "cookie notice"),
    ("This website uses cookies.", "cookie notice"),
    ("Manage cookies", "cookie notice"),
    ("We use cookies from the corner bakery at every meeting.", None),
    ("Grandma uses cookies as rewards for the kids.", None),
])
def test_cookie_consent_lines_are_clutter_and_cookies_are_not(line, kind):
    from bulletin.readers.clutter import classify

    assert classify(line) == kind


def test_two_line_breaks_in_a_row_end_a_paragraph():
    """Pages typed in a rich-text box separate paragraphs with <br><br>; one <br> is a line."""
    body = (f"<div>{_EN[0]}<br>\n<br>\n{_EN[1]}<br>{_EN[2]}<br> <br><b>{_EN[3]}</b></div>"
            "<p>不正に改造した携帯電話を販売すると、<br>\n<br>\n商標権侵害になる場合があります。</p>")
    art = read(_page(body), fmt="html")
    assert [b.text for b in art.blocks] == [
        _EN[0], f"{_EN[1]} {_EN[2]}", _EN[3], "不正に改造した携帯電話を販売すると、", "商標権侵害になる場合があります。"]
    assert [(s.start, s.end, s.kind) for s in art.blocks[2].spans] == [(0, len(_EN[3]), "strong")]
