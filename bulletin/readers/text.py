"""The plain-text reader: notices typed in an editor and articles pasted from web pages.

The rules are the ones people follow without thinking: a blank line ends a paragraph; a short
line without final punctuation on its own is a heading (the first one is the title); lines that
start with "- ", "* " or "1. " are a list. An optional header of ``Title:``, ``Subtitle:``,
``By:``, ``Date:`` and ``Language:`` lines says the rest explicitly. Pasted web clutter is
removed and reported, and a closing wire sign-off becomes the credit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..article import BY_WORD, Article, Block, Heading, HelpBox, ListBlock, Paragraph, Quote, language_tag
from ..helplines import parse_help_line
from . import clutter
from .dates import parse_date
from .spans import join_lines

# Header keys (English and Spanish) -> article field.
_HEADER_KEYS = {
    "title": "title", "headline": "title", "título": "title", "titulo": "title",
    "subtitle": "subtitle", "deck": "subtitle", "subtítulo": "subtitle", "subtitulo": "subtitle",
    "by": "byline", "byline": "byline", "author": "byline", "por": "byline", "autor": "byline",
    "date": "date", "fecha": "date",
    "language": "language", "lang": "language", "idioma": "language",
    "credit": "credit", "source": "credit", "fuente": "credit",
}
_HEADER_LINE = re.compile(r"^\s*([^\W\d_]+)\s*:\s*(.*?)\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:(?P<bullet>[-*•–])|(?P<num>\d{1,3})[.)])\s+(?P<text>\S.*)$")
_FINAL_PUNCT = ".,;:!?…\"”’»)。！？：；։؟।॥"  # with CJK, Armenian, Arabic and Devanagari stops
_HEADING_MAX_WORDS = 12
_HELP_TITLE = re.compile(
    r"^(?:get\s+help|help|hotline|hotlines|need\s+help\??|where\s+to\s+get\s+help|who\s+to\s+call"
    r"|obtenga\s+ayuda|ayuda|pida\s+ayuda|línea\s+de\s+ayuda|¿necesita\s+ayuda\?)\s*:?\s*$",
    re.IGNORECASE)
_BYLINE = re.compile(r"^(?:by|por)\s+[^\W\d_]", re.IGNORECASE)


@dataclass
class _Found:
    """What the header and the first lines said about the article."""

    fields: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def read_text(text: str, *, default_language: str = "en", name: str = "input") -> Article:
    """Read a cleaned plain-text article (see :mod:`bulletin.readers.decode`)."""
    found = _Found()
    lines = [ln.replace("\t", " ").rstrip() for ln in text.split("\n")]
    lines = _take_header(lines, found)
    lines = _drop_clutter(lines, found)
    chunks = _chunks(lines)
    chunks = _take_signoff(chunks, found)
    chunks = _take_top_lines(chunks, found)
    blocks = [b for chunk in chunks for b in _blocks(chunk)]
    return finish(blocks, found.fields, found.warnings, default_language=default_language, name=name)


def finish(blocks: list[Block], fields: dict[str, str], warnings: list[str], *,
           default_language: str, name: str) -> Article:
    """Build the Article from blocks and found fields: title fallback, date, language.

    Shared with the other readers so every format derives a missing title the same way.
    """
    from ..errors import InputError

    title = fields.get("title")
    if not title:
        title = _first_heading_as_title(blocks)
    derived = False
    if not title:
        title = derive_title(blocks)
        derived = bool(title)
        if title:
            warnings.append(f"no headline found; made the title from the first sentence "
                            f"(\"{title}\"); give a better one with --title")
    if not title and not blocks:
        raise InputError(f"{name} has no article text left after removing web clutter")
    if not title:
        title = "Untitled"
        warnings.append("no headline found; give one with --title")
    date = None
    if fields.get("date"):
        date = parse_date(fields["date"])
        if date is None:
            warnings.append(f"could not read the date \"{fields['date']}\"; give it with --date YYYY-MM-DD")
    return Article(
        title=title, title_derived=derived, subtitle=fields.get("subtitle") or None,
        byline=fields.get("byline") or None,
        credit=fields.get("credit") or None, date=date,
        language=language_tag(fields.get("language") or default_language),
        blocks=tuple(blocks), warnings=tuple(warnings))


_BY_WORD = {"es": "Por", "fr": "Par", "pt": "Por", "it": "Di", "de": "Von"}


def byline_for(author: str, language: str | None) -> str:
    """"Ana Ruiz" -> "By Ana Ruiz" (or "Por Ana Ruiz" in Spanish); a byline with its word stays."""
    author = " ".join(author.split())
    if BY_WORD.match(author):
        return author
    word = _BY_WORD.get((language or "en").split("-")[0].lower(), "By")
    return f"{word} {author}"


def _first_heading_as_title(blocks: list[Block]) -> str | None:
    if blocks and isinstance(blocks[0], Heading):
        return blocks.pop(0).text
    return None


def derive_title(blocks: list[Block]) -> str | None:
    """The first sentence of the first paragraph, or its start up to where a phrase ends
    (see :mod:`.titles`): a complete phrase, never cut mid-phrase, never with an ellipsis."""
    para = next((b for b in blocks if isinstance(b, Paragraph) and b.text.strip()), None)
    if para is None:
        return None
    from ..sentences import split_sentences
    from .titles import title_from_sentence, without_dateline

    # The dateline goes first: "HAYWARD, Calif. (AP) —" would end a sentence at "Calif."
    sentence = (split_sentences(without_dateline(para.text.strip())) or [""])[0]
    return title_from_sentence(sentence) or None


# ---------------------------------------------------------------------------- header
def _take_header(lines: list[str], found: _Found) -> list[str]:
    """Consume leading ``Key: value`` lines with known keys; stop at the first other line."""
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    start = i
    while i < len(lines):
        m = _HEADER_LINE.match(lines[i])
        key = m.group(1).lower() if m else None
        if key not in _HEADER_KEYS or not m.group(2):
            break
        target = _HEADER_KEYS[key]
        value = m.group(2)
        if target == "byline" and not _BYLINE.match(value):
            value = f"{m.group(1) if key in ('by', 'por') else ('Por' if key == 'autor' else 'By')} {value}"
        found.fields[target] = value
        i += 1
    return lines[i:] if i > start else lines


def _drop_clutter(lines: list[str], found: _Found) -> list[str]:
    kept = []
    for ln in lines:
        kind = clutter.classify(ln) if ln.strip() else None
        if kind:
            found.warnings.append(clutter.warning(kind, ln))
        else:
            kept.append(ln)
    return kept


def _chunks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    out: list[list[str]] = [[]]
    for ln in lines:
        if ln.strip():
            out[-1].append(ln)
        elif out[-1]:
            out.append([])
    return [c for c in out if c]


def _take_signoff(chunks: list[list[str]], found: _Found) -> list[list[str]]:
    """A closing "–City News Service" line (or one ending the last paragraph) becomes the credit."""
    if not chunks:
        return chunks
    last = chunks[-1]
    credit = None if _ends_a_list(last) else clutter.wire_signoff(last[-1])
    if credit:
        found.fields.setdefault("credit", credit)
        rest = last[:-1]
        return chunks[:-1] + ([rest] if rest else [])
    split = clutter.trailing_wire(last[-1])
    if split:
        found.fields.setdefault("credit", split[1])
        return chunks[:-1] + [last[:-1] + [split[0]]]
    return chunks


def _ends_a_list(chunk: list[str]) -> bool:
    """Whether the chunk's last line is the last item of a list typed above it.

    Why: "- Weekends unchanged" under "- Opens later" looks like a "–City News Service" sign-off,
    and was taken as the credit, losing the list's last item. Risk: a sign-off typed straight
    under a list, with no blank line, stays in the list.
    """
    for line in reversed(chunk[:-1]):  # back over an item's indented continuation lines
        if _LIST_ITEM.match(line):
            return True
        if not line.startswith((" ", "\t")):
            return False
    return False


_MARKED_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(?P<text>[^#\s].*?)(?:[ \t]+#+)?[ \t]*$")


def _marked_heading(line: str) -> str | None:
    """The words of a line marked as a heading the way Markdown writes it ("## Where to go").

    Why: people paste notes written for Markdown or a chat tool into a plain-text article that
    starts with a ``Title:`` line; the hash marks say "heading" and are no words of theirs, so
    they must be neither printed nor read aloud. Risk: a line that really starts with "# " and a
    word, such as a typed list of hashtags, is taken as a heading.
    """
    m = _MARKED_HEADING.match(line.rstrip("\n"))
    return m.group("text").strip() if m else None


def _is_heading_line(line: str) -> bool:
    """Short, has a letter, and no final punctuation: how people type headings; or marked as one."""
    if _marked_heading(line):
        return True
    s = line.strip()
    return (0 < len(s.split()) <= _HEADING_MAX_WORDS and s[-1] not in _FINAL_PUNCT
            and any(c.isalpha() for c in s) and not _LIST_ITEM.match(s) and len(s) <= 100)


def _heading_on_top(chunk: list[str]) -> bool:
    """A heading typed straight above its paragraph, with no blank line between.

    Why: people often type "Who is most at risk" on its own line and the text right under it.
    Risks: a hard-wrapped paragraph never has a first line this much shorter than the others, but
    a salutation ("Dear neighbours") above a letter's first line is taken as a heading too.
    """
    if len(chunk) < 2 or not _is_heading_line(chunk[0]) or _LIST_ITEM.match(chunk[1].strip()):
        return False
    first, rest = chunk[0].strip(), [ln.strip() for ln in chunk[1:]]
    return rest[0][:1].isupper() and len(first) < 0.6 * max(len(ln) for ln in rest)


def _take_top_lines(chunks: list[list[str]], found: _Found) -> list[list[str]]:
    """Title, byline and date lines at the top of an article without a header."""
    if chunks and "title" not in found.fields and len(chunks[0]) == 1 and _is_heading_line(chunks[0][0]):
        found.fields["title"] = _marked_heading(chunks[0][0]) or chunks[0][0].strip()
        chunks = chunks[1:]
    # Byline and date lines sit right under the headline, alone or together.
    while chunks and all(len(ln.split()) <= 14 for ln in chunks[0]):
        taken = []
        for ln in chunks[0]:
            s = ln.strip()
            if "byline" not in found.fields and _BYLINE.match(s):
                found.fields["byline"] = s
            elif "date" not in found.fields and parse_date(s) and len(s.split()) <= 8:
                found.fields["date"] = s
            else:
                break
            taken.append(ln)
        if len(taken) != len(chunks[0]):
            break
        chunks = chunks[1:]
    return chunks


# ---------------------------------------------------------------------------- blocks
def _blocks(chunk: list[str]) -> list[Block]:
    if len(chunk) == 1 and _is_heading_line(chunk[0]):
        return [Heading(_marked_heading(chunk[0]) or chunk[0].strip(), 2)]
    if _marked_heading(chunk[0]) or _heading_on_top(chunk):
        return [Heading(_marked_heading(chunk[0]) or chunk[0].strip(), 2)] + _blocks(chunk[1:])
    helpbox = _helpbox(chunk)
    if helpbox:
        return [helpbox]
    if all(ln.lstrip().startswith(">") for ln in chunk):
        text = _join(ln.lstrip()[1:] for ln in chunk)
        return [Quote((Paragraph(text),))]
    out: list[Block] = []
    prose: list[str] = []
    items: list[tuple[str, str | None]] = []  # (text, number or None)

    def flush_prose():
        if prose:
            out.append(Paragraph(_join(prose)))
            prose.clear()

    def flush_list():
        if items:
            first = items[0][1]
            out.append(ListBlock(tuple(Paragraph(t) for t, _ in items), ordered=first is not None,
                                 start=int(first) if first else 1))
            items.clear()

    for ln in chunk:
        m = _LIST_ITEM.match(ln)
        if m and (m.group("bullet") or not prose or items):
            flush_prose()
            items.append((m.group("text").strip(), m.group("num")))
        elif items and ln.startswith((" ", "\t")):
            items[-1] = (join_lines(items[-1][0], ln.strip()), items[-1][1])
        else:
            flush_list()
            prose.append(ln)
    flush_prose()
    flush_list()
    return out


def _join(lines) -> str:
    """Hard-wrapped lines become one paragraph; a hyphen at a line end joins the word halves, and
    lines of Chinese or Japanese join with no space (see :func:`.spans.join_lines`)."""
    text = ""
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and s[:1].islower():
            text = text[:-1] + s
        else:
            text = join_lines(text, s)
    return text


def _is_catalogue_help_title(line: str) -> bool:
    """The help-box heading of any language in the message catalogue ("Nhận trợ giúp:").

    Why: notices in other languages head their hotline lines with the tool's own words. Risk:
    a one-line heading that equals such a phrase and is followed by phone numbers becomes a box.
    """
    from ..i18n import help_titles

    s = line.strip().rstrip(":：").strip().casefold()
    return any(s == h.casefold() for h in help_titles())


def _helpbox(chunk: list[str]) -> HelpBox | None:
    """A "Get help:" line followed by lines with phone numbers, text codes or web addresses."""
    if len(chunk) < 2 or not (_HELP_TITLE.match(chunk[0].strip()) or _is_catalogue_help_title(chunk[0])):
        return None
    lines = []
    for ln in chunk[1:]:
        m = _LIST_ITEM.match(ln)
        lines.append(parse_help_line(m.group("text") if m else ln))
    if not any(h.phone or h.sms or h.url for h in lines):
        return None
    return HelpBox(chunk[0].strip().rstrip(":").strip(), tuple(lines))
