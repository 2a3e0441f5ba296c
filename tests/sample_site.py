"""A small kit of bulletins made without a voice, for the web page, index and feed tests."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import soundfile as sf

from bulletin.article import (Article, HelpBox, HelpLine, Heading, Image, ListBlock, Paragraph,
                              Quote, Span)
from bulletin.settings import Settings
from bulletin.pipeline import BuildResult

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
DC = "{http://purl.org/dc/elements/1.1/}"
EVIL_TITLE = 'Clinic <script>alert("x")</script> & "open" hours'
BASE = "https://example.org/news"

HELP = HelpBox("Get help now", (
    HelpLine("Call 1-888-373-7888, any time", phone="1-888-373-7888"),
    HelpLine("Text HELP to 233733", sms="233733"),
    HelpLine("Visit www.example.org/help", url="www.example.org/help"),
))


def english_article() -> Article:
    link_text = "Read the city notice and do not click this trap."
    return Article(
        title=EVIL_TITLE, subtitle="Free check-ups for everyone <b>this week</b>",
        byline="By Ana Ruiz", credit="City News Service", date=dt.date(2024, 5, 1), language="en",
        blocks=(
            Paragraph("The clinic on Main Street opens early on Saturday.",
                      (Span(4, 10, "strong"),)),
            Heading("What to bring", 4),  # an article that skips levels: the page must not
            ListBlock((Paragraph("Your ID card"), Paragraph("A list of your medicines")), ordered=True),
            Paragraph(link_text, (Span(0, 21, "link", "https://example.org/notice"),
                                  Span(36, 46, "link", "javascript:alert(1)"))),
            Quote((Paragraph("We want every family to come."),), "Dr. Lee"),
            Image("photo.jpg", alt="Nurses at the clinic door", caption="Saturday's team"),
            HELP,
        ))


def spanish_article() -> Article:
    return Article(title="Vacunas gratis en la biblioteca", date=dt.date(2024, 6, 2), language="es",
                   blocks=(Paragraph("La biblioteca ofrece vacunas gratis el sábado."),))


def arabic_article() -> Article:
    return Article(title="عيادة مجانية يوم السبت", language="ar",
                   blocks=(Paragraph("تفتح العيادة أبوابها في الصباح."),))


def make_bulletin(out_dir: Path, slug: str, art: Article, *, audio: bool = True, seconds: float = 2.5,
                  pages: int = 2, cover: bool = False, transcript: str | None = None,
                  chapters: tuple = (), books: bool = False) -> BuildResult:
    """A bulletin folder as ``bulletin build`` leaves it, made from tiny real files."""
    from reportlab.pdfgen import canvas

    folder = out_dir / slug
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "source.md"
    source.write_text(art.title + "\n", encoding="utf-8")
    files: dict[str, Path] = {"article": folder / "article.json"}
    files["article"].write_text("{}\n", encoding="utf-8")
    pdf = folder / f"{slug}-large-print.pdf"
    c = canvas.Canvas(str(pdf), invariant=1)
    for n in range(pages):
        c.drawString(72, 720, f"page {n + 1}")
        c.showPage()
    c.save()
    files["pdf"] = pdf
    if audio:
        rate = 22050
        t = np.arange(int(rate * seconds)) / rate
        mp3 = folder / f"{slug}.mp3"
        sf.write(mp3, (0.2 * np.sin(2 * np.pi * 440 * t)).astype(np.float32), rate, format="MP3")
        vtt = folder / f"{slug}.vtt"
        vtt.write_text("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n" + art.title + "\n", encoding="utf-8")
        tr = folder / f"{slug}-transcript.txt"
        tr.write_text(transcript or f"{art.title}\n\nFirst spoken paragraph.\n\nLast <words> & more.\n",
                      encoding="utf-8")
        files.update(mp3=mp3, vtt=vtt, transcript=tr)
        if chapters:
            from bulletin.audio.podcast_files import write_podcast_files

            files.update(write_podcast_files(folder, slug, chapters, seconds, None, art.title))
        if cover:
            # The smallest valid PNG is enough: only its presence and URL matter here.
            (folder / "cover.png").write_bytes(bytes.fromhex(
                "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"))
    if books:  # only their presence, size and address matter to the pages
        files["epub"] = folder / f"{slug}.epub"
        files["epub"].write_bytes(b"PK\x03\x04 an EPUB")
        if audio:
            files["daisy"] = folder / f"{slug}-daisy202.zip"
            files["daisy"].write_bytes(b"PK\x03\x04 a DAISY book")
    return BuildResult(source=source, folder=folder, slug=slug, article=art, files=files)


def _chapters():
    from bulletin.audio.assemble import Chapter

    # given out of order, one of them empty: the file and feed list the rest in time order
    return (Chapter("What to bring", 1.0, 2.5), Chapter("Introduction", 0.0, 1.0),
            Chapter("Nothing", 2.5, 2.5))


CHAPTERS = _chapters()


def make_batch(out_dir: Path) -> list[BuildResult]:
    return [
        make_bulletin(out_dir, "clinic", english_article(), cover=True, chapters=CHAPTERS, books=True),
        make_bulletin(out_dir, "vacunas", spanish_article(), seconds=1.2, pages=1),
        make_bulletin(out_dir, "clinic-ar", arabic_article()),
        make_bulletin(out_dir, "print-only", Article(title="Print only", date=dt.date(2023, 1, 9),
                                                    blocks=(Paragraph("No recording."),)), audio=False,
                      books=True),
    ]


CONFIG = Settings(organisation="Eastside Health & Housing", series="Eastside <News>")
