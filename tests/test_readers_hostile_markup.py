"""Article text is data: markup in it prints literally, and nothing in a saved page runs or loads.

ReportLab's paragraph language would read ``<img src>`` files, resize text with ``<font>`` and
make ``<a href="file:…">`` links; a saved web page brings scripts, frames and tracking pixels.
Built with every socket connection refused, the handout and the web page must show the text
as typed and hold no live element that came from the article.
"""
from __future__ import annotations


from html.parser import HTMLParser

import pikepdf
import pytest

from bulletin.settings import Settings
from bulletin.pipeline import build
from pdf_text import pdf_text, squeeze

NASTY = ['<img src="/etc/passwd"/>', "<font size=200>", '<a href="file:///etc/passwd">here</a>',
         "<para>", "</para>", "&amp;", "&#x41;", "&lt;", "<b>unbalanced", "<i>", "</font>", "&bogus;",
         "<br/>", "<onDraw name=x/>", "]]>", "<![CDATA[x]]>"]

TEXT_ARTICLE = ("Title: <font size=200>Huge</font> & co\n\n" + " ".join(NASTY) + " end.\n\n"
                "Second <a href=\"javascript:alert(1)\">click</a> paragraph.\n").encode()

HTML_ARTICLE = b"""<!doctype html><html><head><title>Saved</title>
<script>document.write('<p>INJECTED</p>')</script>
<link rel="stylesheet" href="http://tracker.invalid/s.css">
<meta http-equiv="refresh" content="0;url=http://tracker.invalid/">
<style>p { display:none }</style></head>
<body onload="alert(1)"><h1>Clinic hours change</h1>
<p>The clinic opens at nine.<img src="http://tracker.invalid/pixel.gif" width="1" height="1"></p>
<iframe src="http://tracker.invalid/ad"></iframe>
<p>Bring <b>your card</b>. <a href="javascript:alert(2)">Click</a> <a href="file:///etc/passwd">file</a>.</p>
<img src="https://photos.invalid/clinic.jpg" alt="The clinic door">
<object data="http://tracker.invalid/x.swf"></object><embed src="http://tracker.invalid/y">
<svg><script>alert(3)</script></svg>
<noscript><img src="http://tracker.invalid/ns.gif"></noscript>
<p>&lt;script&gt;alert(4)&lt;/script&gt; stays text.</p></body></html>"""


class _Elements(HTMLParser):
    """Every start tag and attribute in a page, and its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def elements(html: str) -> _Elements:
    p = _Elements()
    p.feed(html)
    return p


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    src = tmp_path_factory.mktemp("src")
    out = tmp_path_factory.mktemp("out")
    (src / "nasty.txt").write_bytes(TEXT_ARTICLE)
    (src / "saved.html").write_bytes(HTML_ARTICLE)
    settings = Settings(audio=False, deterministic=True)
    return {n: build(src / n, out, settings) for n in ("nasty.txt", "saved.html")}


def test_reportlab_markup_prints_literally_in_the_pdf(results):
    r = results["nasty.txt"]
    text = squeeze(pdf_text(r.files["pdf"]))
    for piece in NASTY + ["<fontsize=200>Huge</font>&co", '<ahref="javascript:alert(1)">click</a>']:
        assert squeeze(piece) in text, piece
    with pikepdf.open(r.files["pdf"]) as pdf:
        for page in pdf.pages:
            assert not list(page.Resources.get("/XObject", {}).keys())  # no <img> was loaded
            for annot in page.get("/Annots", []):  # no file: or javascript: link was made
                uri = str(annot.get("/A", {}).get("/URI", ""))
                assert not uri.startswith(("file:", "javascript:")), uri


def test_reportlab_markup_prints_literally_in_the_web_page(results):
    r = results["nasty.txt"]
    page = elements(r.files["page"].read_text(encoding="utf-8"))
    text = "".join(page.text)
    for piece in NASTY:
        assert piece in text, piece
    assert not [t for t, a in page.tags if t in ("img", "font", "para", "script", "iframe")]
    assert not [a for t, a in page.tags if any(str(v).startswith(("file:", "javascript:")) for v in a.values())]


def test_saved_page_builds_without_any_network_access(tmp_path, no_network):
    (tmp_path / "saved.html").write_bytes(HTML_ARTICLE)
    r = build(tmp_path / "saved.html", tmp_path / "out", Settings(audio=False))
    assert no_network == []
    assert r.files["pdf"].stat().st_size > 1000


def test_saved_page_scripts_frames_and_pixels_are_dropped(results):
    r = results["saved.html"]
    pdf = squeeze(pdf_text(r.files["pdf"]))
    assert "Theclinicopensatnine." in pdf and "Bringyourcard." in pdf
    assert "<script>alert(4)</script>staystext." in pdf  # escaped text in the page stays text
    for gone in ("INJECTED", "alert(1)", "alert(2)", "alert(3)", "display:none", "tracker.invalid"):
        assert gone not in pdf, gone
    page_html = r.files["page"].read_text(encoding="utf-8")
    page = elements(page_html)
    assert not [t for t, a in page.tags if t in ("script", "iframe", "object", "embed", "img", "svg", "noscript")]
    assert not [a for t, a in page.tags for k in a if k.startswith("on")]  # no event handlers
    assert "tracker.invalid" not in page_html and "photos.invalid" not in page_html
    assert "javascript:" not in page_html and "file:///" not in page_html
    assert "The clinic door" in page_html  # the picture's alt text is kept as words


def test_text_after_an_embed_is_kept(results):
    """libxml2 nests everything after an unclosed <embed> inside it; that text is article text."""
    assert any("stays text." in getattr(b, "text", "") for b in results["saved.html"].article.blocks)


def test_a_pasted_html_fragment_without_a_text_header_is_read_as_html_not_printed_as_markup(tmp_path):
    from bulletin.readers import read

    p = tmp_path / "fragment.txt"
    p.write_text("<p>One <font size=200>big</font></p><p>Two</p><div><br>Three</div>", encoding="utf-8")
    art = read(p)
    assert [b.text for b in art.blocks][-3:] == ["One big", "Two", "Three"]


def test_saved_page_article_json_keeps_remote_pictures_as_text_only(results):
    data = results["saved.html"].files["article"].read_text(encoding="utf-8")
    assert "INJECTED" not in data and "alert(" not in data.replace("alert(4)", "")
