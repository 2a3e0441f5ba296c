"""Where things are: URLs of outputs, and the facts about files that pages and feeds print."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from ..errors import BuildError, InputError

SAFE_SCHEMES = ("http", "https", "mailto", "tel", "sms")


def check_base_url(url: str) -> str:
    """``--base-url`` as given, if it can prefix links; else a one-line input error.

    Without a scheme and host ("example.org/news") every link would silently turn relative.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise InputError(f"--base-url must be a web address like https://example.org/bulletins, "
                         f"got {url!r}")
    return url.strip()


def base(base_url: str | None) -> str | None:
    """The base URL without its trailing slash, or None."""
    return base_url.rstrip("/") if base_url else None


def url_for(target: Path, page_dir: Path, out_dir: Path, base_url: str | None) -> str:
    """The link from a page in ``page_dir`` to ``target``.

    Relative (so a folder copied to a USB stick or opened from disk works) unless a base URL is
    given: then absolute, ``base_url`` standing for ``out_dir``.
    """
    root = base(base_url)
    if root:
        rel = Path(os.path.relpath(target, out_dir)).as_posix()
        return f"{root}/{quote(rel)}"
    return quote(Path(os.path.relpath(target, page_dir)).as_posix())


def page_url(base_url: str | None, slug: str) -> str | None:
    """The public address of a bulletin's page (for the handout's QR code), when published."""
    root = base(base_url)
    return f"{root}/{quote(slug)}/" if root else None


def safe_href(href: str | None) -> str | None:
    """An article link if it is safe to click, else None (printed as text only).

    The article is untrusted: ``javascript:`` and ``data:`` links would run code or hide content.
    Scheme-less links (``www.example.org``) get ``https://``, as people type them on posters.
    """
    if not href:
        return None
    href = href.strip()
    scheme = urlsplit(href).scheme.lower()
    if not scheme:
        if href.lower().startswith("www."):
            return "https://" + href
        return None
    return href if scheme in SAFE_SCHEMES else None


def tel_href(phone: str) -> str:
    """``tel:`` link for a number as written: digits and a leading +, nothing else."""
    digits = "".join(c for c in phone if c.isdigit())
    return "tel:" + ("+" if phone.strip().startswith("+") else "") + digits


def size_text(n_bytes: int) -> str:
    """Decimal units as file managers show them: 980 kB, 1.2 MB."""
    if n_bytes < 1000:
        return f"{n_bytes} bytes"
    if n_bytes < 1_000_000:
        return f"{max(1, round(n_bytes / 1000))} kB"
    return f"{n_bytes / 1_000_000:.1f} MB"


@dataclass(frozen=True)
class PdfFacts:
    """What a reader wants to know before downloading the handout."""

    size: int
    """Bytes."""
    pages: int


def pdf_facts(path: Path) -> PdfFacts:
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)
        return PdfFacts(size=path.stat().st_size, pages=pages)
    except (OSError, pikepdf.PdfError) as e:
        raise BuildError(f"cannot read the handout {path} for the web page: {e}") from None


def brf_info(path: Path, labels) -> str:
    """"BRF, 2 kB, 3 braille pages": a braille file's pages are parted by form feeds."""
    data = path.read_bytes()
    pages = data.count(b"\f") + 1 if data.strip() else 0
    return f"{size_text(len(data))}, {labels.count('braille_page', 'braille_pages', pages)}"


def audio_seconds(path: Path, known: float | None = None) -> float:
    """The recording's length: the build's own figure, else read from the MP3's header."""
    if known:
        return known
    from mutagen import MutagenError
    from mutagen.mp3 import MP3

    try:
        return float(MP3(path).info.length)
    except (OSError, MutagenError) as e:
        raise BuildError(f"cannot read the recording {path} for the web page: {e}") from None


BOOKS = (("epub", "epub_link", "EPUB", "application/epub+zip"),
         ("daisy", "daisy_link", "DAISY 2.02, ZIP", "application/zip"))
"""The talking books a page links: kind of file, label key, format shown, MIME type."""


def books(files: dict[str, Path]) -> list[tuple[Path, str, str, str]]:
    """The talking books among ``files`` that exist: (path, label key, format and size, type).
    An EPUB made without a recording is an e-book."""
    out = []
    for kind, label, shown, mime in BOOKS:
        if kind == "epub" and "mp3" not in files:
            label = "ebook_link"
        path = files.get(kind)
        if path is not None and Path(path).is_file():
            out.append((Path(path), label, f"{shown}, {size_text(Path(path).stat().st_size)}", mime))
    return out


def cover_image(folder: Path, files: dict[str, Path]) -> Path | None:
    """Cover art the audio writer made, if any (``files["cover"]`` or ``cover.png``)."""
    for p in (files.get("cover"), folder / "cover.png"):
        if p is not None and Path(p).is_file():
            return Path(p)
    return None
