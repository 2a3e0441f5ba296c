"""The web page, folder index and podcast feed, checked on fake but real bulletin folders.

Each fake folder holds a real MP3 (soundfile), a real PDF (reportlab), a WebVTT file and a
transcript, so sizes, page counts and durations are read from real files, as in a build.
"""
from __future__ import annotations

from dataclasses import replace

import email.utils
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin

import lxml.html
import pikepdf
import pytest

from bulletin import web
from bulletin.article import Article
from bulletin.web.links import size_text

from sample_site import ITUNES, DC, EVIL_TITLE, BASE, english_article, make_bulletin, make_batch, CONFIG


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A batch written once: pages, index and feed, relative links."""
    out = tmp_path_factory.mktemp("site")
    results = make_batch(out)
    settings = CONFIG
    pages = {r.slug: web.write_page(r, settings) for r in results}
    notes: list[str] = []
    feed = web.write_feed(results, out, settings, notes)
    index = web.write_index(results, out, settings)
    return dict(out=out, results={r.slug: r for r in results}, pages=pages, feed=feed, index=index,
                notes=notes)


def parse(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def text_of(el) -> str:
    return " ".join(el.text_content().split())


def local_target(page: Path, href: str) -> Path:
    """The file a relative link in ``page`` leads to."""
    assert not re.match(r"^[a-z]+:", href), f"expected a relative link, got {href}"
    return (page.parent / unquote(href)).resolve()


# ------------------------------------------------------------------ bulletin page
def test_page_language_direction_and_one_h1(site):
    doc = parse(site["pages"]["clinic"])
    assert doc.get("lang") == "en" and doc.get("dir") == "ltr"
    h1s = doc.findall(".//h1")
    assert len(h1s) == 1 and h1s[0].text_content() == EVIL_TITLE
    ar = parse(site["pages"]["clinic-ar"])
    assert ar.get("lang") == "ar" and ar.get("dir") == "rtl"


def test_article_text_is_escaped_never_markup(site):
    raw = site["pages"]["clinic"].read_text(encoding="utf-8")
    doc = parse(site["pages"]["clinic"])
    assert doc.findall(".//script") == [] and "<script" not in raw.lower()
    assert "&lt;script&gt;" in raw
    assert doc.findall(".//b") == []  # the subtitle's <b> prints as text
    assert "<b>this week</b>" in text_of(doc.find(".//p[@class='deck']"))
    assert doc.find(".//title").text.startswith(EVIL_TITLE)


def test_landmarks(site):
    doc = parse(site["pages"]["clinic"])
    for tag in ("header", "main", "footer"):
        assert len(doc.findall(f".//{tag}")) == 1 + (tag == "footer") * 0, tag
    main = doc.find(".//main")
    assert main.find(".//h1") is not None
    skip = doc.find(".//body/a")
    assert skip.get("href") == "#main" and main.get("id") == "main"


def test_audio_with_captions_track(site):
    page = site["pages"]["clinic"]
    r = site["results"]["clinic"]
    (audio,) = parse(page).findall(".//audio")
    assert audio.get("controls") is not None
    assert local_target(page, audio.get("src")) == r.files["mp3"].resolve()
    (track,) = audio.findall("track")
    assert track.get("kind") == "captions" and track.get("srclang") == "en"
    assert track.get("label") == "English" and track.get("default") is not None
    assert local_target(page, track.get("src")) == r.files["vtt"].resolve()


def test_transcript_text_on_page(site):
    doc = parse(site["pages"]["clinic"])
    body = text_of(doc)
    assert "First spoken paragraph." in body and "Last <words> & more." in body
    assert doc.find(".//details/summary") is not None


def test_pdf_link_states_size_and_pages(site):
    page = site["pages"]["vacunas"]
    pdf = site["results"]["vacunas"].files["pdf"]
    with pikepdf.open(pdf) as p:
        assert len(p.pages) == 1
    links = [a for a in parse(page).iter("a") if a.get("type") == "application/pdf"]
    assert len(links) == 1 and local_target(page, links[0].get("href")) == pdf.resolve()
    label = text_of(links[0])
    assert size_text(pdf.stat().st_size) in label and "1 página" in label
    en = [a for a in parse(site["pages"]["clinic"]).iter("a") if a.get("type") == "application/pdf"]
    assert "2 pages" in text_of(en[0])


def test_help_box_first_and_tappable(site):
    doc = parse(site["pages"]["clinic"])
    hrefs = [a.get("href") for a in doc.iter("a")]
    assert "tel:18883737888" in hrefs and "sms:233733" in hrefs
    assert "https://www.example.org/help" in hrefs
    order = [el.tag if el.tag != "section" else el.get("class") for el in doc.find(".//main//div").iterchildren()]
    assert order.index("help") < order.index("media")
    assert len(doc.findall(".//section[@class='help']")) == 1  # shown once, not twice


def test_unsafe_links_are_text_and_headings_do_not_skip(site):
    doc = parse(site["pages"]["clinic"])
    hrefs = [a.get("href") for a in doc.iter("a")]
    assert "https://example.org/notice" in hrefs
    assert not any(h.lower().startswith("javascript") for h in hrefs)
    assert "do not click this trap" in text_of(doc)
    levels = [int(h.tag[1]) for h in doc.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    assert doc.find(".//strong").text == "clinic"
    assert "Nurses at the clinic door" in text_of(doc) and doc.findall(".//img") == []


def test_page_without_audio_has_handout_and_text(site):
    page = site["pages"]["print-only"]
    doc = parse(page)
    assert doc.findall(".//audio") == [] and doc.findall(".//details") == []
    assert "No recording." in text_of(doc)
    assert any(a.get("type") == "application/pdf" for a in doc.iter("a"))


def test_large_text_and_no_javascript(site):
    raw = site["pages"]["clinic"].read_text(encoding="utf-8")
    css = parse(site["pages"]["clinic"]).find(".//style").text
    assert re.search(r"html \{ font-size: 1[2-9]\d%", css)
    assert "line-height: 1.5" in css and "max-width: 40em" in css and ":focus" in css
    assert not re.search(r"\son[a-z]+=", raw)  # no inline event handlers either


def test_other_languages_get_marked_english_words(site, tmp_path):
    es = text_of(parse(site["pages"]["vacunas"]))
    assert "Escuchar" in es and "Listen" not in es
    r = make_bulletin(tmp_path, "vi", Article(title="Tiêm chủng miễn phí", language="vi"))
    doc = parse(web.write_page(r, CONFIG))
    assert doc.get("lang") == "vi"
    listen = doc.find(".//h2[@id='listen']/span")
    assert listen.get("lang") == "en" and listen.text == "Listen"
    assert doc.find(".//track").get("label") == "Tiếng Việt"


def test_base_url_makes_every_link_absolute(tmp_path):
    r = make_bulletin(tmp_path, "clinic", english_article())
    doc = parse(web.write_page(r, replace(CONFIG, base_url=BASE + "/")))
    own = [el.get("src") or el.get("href") for el in doc.iter("a", "audio", "track")]
    own = [u for u in own if u and not u.startswith(("#", "tel:", "sms:", "https://example.org/notice",
                                                    "https://www.example.org/help"))]
    assert own and all(u.startswith(BASE + "/clinic/") for u in own), own
    assert web.page_url(BASE + "/", "clinic") == BASE + "/clinic/"


def test_rebuild_is_identical_and_atomic(site):
    page = site["pages"]["clinic"]
    before = page.read_bytes()
    web.write_page(site["results"]["clinic"], CONFIG)
    assert page.read_bytes() == before
    assert not list(page.parent.glob(".bulletin-tmp-*"))


# ------------------------------------------------------------------ folder index
def test_index_lists_every_bulletin_with_working_links(site):
    index = site["index"]
    doc = parse(index)
    assert doc.get("lang") == "en" and len(doc.findall(".//h1")) == 1
    entries = doc.findall(".//ul[@class='bulletins']/li")
    titles = [text_of(li.find("h2")) for li in entries]
    # newest first; the undated Arabic bulletin last
    assert titles == ["Vacunas gratis en la biblioteca", EVIL_TITLE, "Print only",
                      "عيادة مجانية يوم السبت"]
    assert entries[0].find("h2").get("lang") == "es"
    assert entries[3].find("h2").get("dir") == "rtl"
    for li, slug in zip(entries, ["vacunas", "clinic", "print-only", "clinic-ar"]):
        r = site["results"][slug]
        targets = {local_target(index, a.get("href")) for a in li.iter("a")}
        want = {r.folder.resolve() / "index.html", r.files["pdf"].resolve()}
        want |= {r.files[k].resolve() for k in ("mp3", "epub", "daisy") if k in r.files}
        assert targets == want, slug
        assert all(t.is_file() for t in targets)
    feed_links = [a for a in doc.iter("a") if a.get("type") == "application/rss+xml"]
    assert local_target(index, feed_links[0].get("href")) == site["feed"].resolve()
    assert "<script" not in index.read_text(encoding="utf-8").lower()


# ------------------------------------------------------------------ podcast feed
def feed_items(path: Path):
    root = ET.parse(path).getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel"), root.findall("channel/item")


def test_feed_items_match_the_files(site):
    channel, items = feed_items(site["feed"])
    assert channel.findtext("title") == "Eastside <News>" and channel.findtext("language") == "en"
    assert channel.find(f"{ITUNES}category").get("text") == "News"
    assert channel.findtext(f"{ITUNES}explicit") == "false"
    by_title = {it.findtext("title"): it for it in items}
    assert set(by_title) == {EVIL_TITLE, "Vacunas gratis en la biblioteca", "عيادة مجانية يوم السبت"}
    from mutagen.mp3 import MP3

    for slug, r in site["results"].items():
        if "mp3" not in r.files:
            continue
        it = by_title[r.article.title]
        enc = it.find("enclosure")
        mp3 = r.files["mp3"]
        assert enc.get("type") == "audio/mpeg"
        assert int(enc.get("length")) == mp3.stat().st_size
        assert (site["out"] / unquote(enc.get("url"))).resolve() == mp3.resolve()
        h, m, s = map(int, it.findtext(f"{ITUNES}duration").split(":"))
        assert abs(h * 3600 + m * 60 + s - MP3(mp3).info.length) <= 0.5 + 1e-9
        assert it.findtext(f"{DC}language") == r.article.language
        assert it.find("guid").get("isPermaLink") == "false" and it.findtext("guid")


def test_feed_dates_are_rfc822_and_not_now(site):
    _, items = feed_items(site["feed"])
    dates = {it.findtext("title"): it.findtext("pubDate") for it in items}
    assert dates[EVIL_TITLE] == "Wed, 01 May 2024 12:00:00 +0000"
    for value in dates.values():
        parsed = email.utils.parsedate_to_datetime(value)
        assert email.utils.format_datetime(parsed) == value
    assert any("no date" in n for n in site["notes"])


def test_feed_images(site):
    """The feed's artwork is square RGB of the size Apple asks for; an episode has its own, else that."""
    from PIL import Image

    channel, items = feed_items(site["feed"])
    kit_cover = (site["out"] / unquote(channel.find(f"{ITUNES}image").get("href"))).resolve()
    assert kit_cover == (site["out"] / "podcast-cover.png").resolve()
    assert channel.findtext("image/url") == channel.find(f"{ITUNES}image").get("href")
    with Image.open(kit_cover) as img:
        assert img.format == "PNG" and img.mode == "RGB"
        assert img.width == img.height and 1400 <= img.width <= 3000
    by_title = {it.findtext("title"): it for it in items}
    own = site["results"]["clinic"].folder / "cover.png"
    assert (site["out"] / unquote(by_title[EVIL_TITLE].find(f"{ITUNES}image").get("href"))).resolve() == own.resolve()
    for title, it in by_title.items():
        if title != EVIL_TITLE:
            assert (site["out"] / unquote(it.find(f"{ITUNES}image").get("href"))).resolve() == kit_cover


PODCAST = "{https://podcastindex.org/namespace/1.0}"
PSC = "{http://podlove.org/simple-chapters}"


def test_feed_links_each_episodes_captions_transcript_and_chapters(site):
    """Relative links (no --base-url) that lead to the files; chapters only where there are some."""
    _, items = feed_items(site["feed"])
    by_title = {it.findtext("title"): it for it in items}
    for r in site["results"].values():
        if "mp3" not in r.files:
            continue
        it = by_title[r.article.title]
        links = {t.get("type"): site["out"] / unquote(t.get("url")) for t in it.findall(f"{PODCAST}transcript")}
        assert {k: v.resolve() for k, v in links.items()} == {
            "text/vtt": r.files["vtt"].resolve(), "text/plain": r.files["transcript"].resolve()}
        if "chapters" in r.files:
            assert (site["out"] / unquote(it.find(f"{PODCAST}chapters").get("url"))).resolve() == \
                r.files["chapters"].resolve()
            marks = [(c.get("start"), c.get("title")) for c in it.find(f"{PSC}chapters")]
            assert marks == [("00:00:00.000", "Introduction"), ("00:00:01.000", "What to bring")]
        else:
            assert it.find(f"{PODCAST}chapters") is None and it.find(f"{PSC}chapters") is None


def test_feed_is_valid_for_a_feed_reader(site):
    feedparser = pytest.importorskip("feedparser", reason="feedparser is in the test extra")
    parsed = feedparser.parse(site["feed"].read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20" and len(parsed.entries) == 3
    assert all(e.enclosures[0].type == "audio/mpeg" for e in parsed.entries)


def test_feed_is_stable_and_absolute_with_base_url(tmp_path):
    results = make_batch(tmp_path)
    settings = replace(CONFIG, base_url=BASE)
    notes: list[str] = []
    first = web.write_feed(results, tmp_path, settings, notes).read_bytes()
    second = web.write_feed(results, tmp_path, settings).read_bytes()
    assert first == second
    assert not any("--base-url" in n for n in notes)
    channel, items = feed_items(tmp_path / "feed.xml")
    assert channel.findtext("link") == BASE + "/"
    guids = {it.findtext("guid") for it in items}
    assert BASE + "/clinic/" in guids
    for it in items:
        assert it.find("enclosure").get("url").startswith(BASE + "/")
        assert it.findtext("link").startswith(BASE + "/") and it.findtext("link").endswith("/index.html")


def test_feed_without_base_url_warns(site):
    assert any("--base-url" in n for n in site["notes"])


def test_no_audio_anywhere_means_no_feed(tmp_path):
    r = make_bulletin(tmp_path, "print", Article(title="Print"), audio=False)
    assert web.write_feed([r], tmp_path, CONFIG) is None
    assert not (tmp_path / "feed.xml").exists()
    doc = parse(web.write_index([r], tmp_path, CONFIG))
    assert not [a for a in doc.iter("a") if a.get("type") == "application/rss+xml"]


def test_guid_does_not_depend_on_the_build(tmp_path):
    a = make_bulletin(tmp_path / "one", "clinic", english_article())
    b = make_bulletin(tmp_path / "two", "clinic", english_article(), seconds=1.0)
    s = CONFIG
    ga = feed_items(web.write_feed([a], tmp_path / "one", s))[1][0].findtext("guid")
    gb = feed_items(web.write_feed([b], tmp_path / "two", s))[1][0].findtext("guid")
    assert ga == gb == "bulletin:clinic"


def test_urls_join_like_a_browser(site):
    """A relative link resolved the browser's way (urljoin) lands on the same file."""
    page = site["pages"]["clinic"]
    src = parse(page).find(".//audio").get("src")
    joined = urljoin(page.as_uri(), src)
    assert joined == site["results"]["clinic"].files["mp3"].as_uri()


@pytest.mark.parametrize("bad", ["example.org/news", "ftp://example.org", "https://", "https://x.org/?a=1"])
def test_base_url_must_be_a_web_address(bad):
    from bulletin.errors import InputError

    with pytest.raises(InputError, match="--base-url"):
        web.check_base_url(bad)
    assert web.check_base_url(" https://example.org/news/ ") == "https://example.org/news/"


def test_page_dates_are_written_as_the_handout_writes_them():
    """One date format per language for print, voice and web (the shared catalogue)."""
    import datetime as _dt

    from bulletin.i18n import format_date
    from bulletin.web.labels import Labels

    day = _dt.date(2026, 1, 5)
    for lang in ("en", "es", "ru", "vi", "zh-Hans"):
        assert Labels(lang).date(day) == format_date(day, lang)
    assert Labels("en").date(day) == "January 5, 2026"


def test_talking_books_are_linked_with_their_format_and_size(site):
    doc = parse(site["pages"]["clinic"])
    section = doc.find(".//section[@aria-labelledby='books']")
    assert text_of(section.find("h2")) == "Talking book"
    links = {a.get("type"): a for a in section.iter("a")}
    r = site["results"]["clinic"]
    assert local_target(site["pages"]["clinic"], links["application/epub+zip"].get("href")) == r.files["epub"].resolve()
    assert local_target(site["pages"]["clinic"], links["application/zip"].get("href")) == r.files["daisy"].resolve()
    assert f"EPUB, {r.files['epub'].stat().st_size} bytes" in text_of(links["application/epub+zip"])
    assert "DAISY 2.02" in text_of(links["application/zip"])
    # without a recording the EPUB is an e-book, and there is no DAISY book
    plain = parse(site["pages"]["print-only"]).find(".//section[@aria-labelledby='books']")
    assert text_of(plain.find("h2")) == "E-book" and len(list(plain.iter("a"))) == 1
    feed = site["feed"].read_text(encoding="utf-8")
    assert "clinic/clinic.epub" in feed and "clinic/clinic-daisy202.zip" in feed
