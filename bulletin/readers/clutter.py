"""Recognising the web-page clutter that copy-paste and "save page" bring along with an article.

Photo credits, comment forms, share buttons, "Related:" links, advertisements, newsletter
sign-ups and cookie banners are not part of the story, and read aloud they confuse listeners.
Every reader runs its lines through :func:`classify` and reports what it removed, so nothing
disappears silently. Only short lines are considered: a real paragraph that happens to mention
"Getty Images" stays.
"""
from __future__ import annotations

import re

_MAX_WORDS = 24

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx, re.IGNORECASE)) for kind, rx in (
        ("photo credit", r"^[(\[]?\s*(?:photo|photograph|image|picture|foto|imagen)s?\s*"
                         r"(?:via\b|by\b|courtesy\b|credit\b|:|/|©)"),
        ("photo credit", r"^[(\[]?\s*(?:image|photo)s?\s+courtesy\s+of\b"),
        ("photo credit", r"^[(\[]?\s*courtesy\s+of\s+\S+"),
        ("photo credit", r"^[(\[]?\s*(?:AP|AFP|Reuters|EPA|UPI)\s+Photo\b"),
        ("photo credit", r"\b(?:Getty\s+Images|Shutterstock|iStock(?:photo)?|Unsplash|Pixabay)\b"),
        ("photo credit", r"^\(?\s*(?:credit|fotografía|crédito)\s*:"),
        ("picture label", r"^(?:photo|image|picture|video|gallery|foto|imagen)\s*$"),
        ("picture label", r"^(?:photo|image|picture|slide|foto|imagen)\s+\d+\s*(?:/|\s(?:of|de)\s)"
                          r"\s*\d+\s*$"),
        ("picture label", r"^this\s+slideshow\s+requires\s+javascript\.?$"),
        ("comment form", r"^(?:leave\s+a\s+(?:comment|reply)|post\s+(?:a\s+)?comment|add\s+a\s+comment"
                         r"|cancel\s+reply|submit\s+comment)\b"),
        ("comment form", r"^your\s+email\s+address\s+will\s+not\s+be\s+published"),
        ("comment form", r"^required\s+fields\s+are\s+marked"),
        ("comment form", r"^(?:tell\s+us\s+what\s+you\s+think|join\s+the\s+(?:conversation|discussion))\W*$"),
        ("comment form", r"^save\s+my\s+name,?\s+email"),
        ("comment form", r"^notify\s+me\s+of\s+(?:follow-?up\s+comments|new\s+posts)"),
        ("comment form", r"^(?:comment|name|email|e-mail|website)\s*\*?\s*$"),
        ("comment form", r"^\d+\s+(?:comments?|responses?|replies)\s*$"),
        ("comment form", r"^(?:comments?|comentarios?|coment[áa]rios?|commentaires?|kommentare?)\s*:?\s*$"),
        ("comment form", r"^(?:view|show|load)\s+(?:all\s+)?\d*\s*comments?\b"),
        ("share buttons", r"^share\s+(?:this|on|via|the\s+story|article)\b"),
        ("share buttons", r"^click\s+to\s+(?:share|email|print)\b"),
        ("share buttons", r"^(?:share|tweet|print|email|e-mail|facebook|twitter|x|linkedin|whatsapp"
                          r"|pinterest|reddit|copy\s+link|like\s+this:?|like|loading\.{3}|like\s+loading\.{3}"
                          r"|compartir)\s*:?\s*$"),
        ("related link", r"^(?:related|related\s+(?:articles?|stories|posts|coverage|content)"
                         r"|see\s+also|more\s+from\b.*|you\s+(?:may|might)\s+also\s+like|recommended(?:\s+for\s+you)?"
                         r"|read\s+more|read\s+next|also\s+read|más\s+noticias|lea\s+también|relacionad[ao]s?)"
                         r"\s*(?::.*|$)"),
        ("advertisement", r"^(?:advertisement|advertising|advert|sponsored(?:\s+content)?|ad|publicidad"
                          r"|anuncio"
                          r"|skip\s+advertisement|story\s+continues\s+below(?:\s+advertisement)?"
                          r"|article\s+continues\s+below(?:\s+advertisement)?)\s*$"),
        ("cookie notice", r"\b(?:site|website)\s+uses\s+cookies\b|\bcookies\b.*\b(?:browsing|your\s+"
                          r"experience|analytics|consent|accept|site\s+traffic|privacy\s+policy)\b"),
        ("cookie notice", r"^(?:accept|allow|reject|manage)\s+(?:all\s+)?cookies\b"),
        ("cookie notice", r"^cookie\s+(?:settings|preferences|policy)\s*$"),
        ("newsletter sign-up", r"^(?:sign\s+up|subscribe)\b.{0,40}\bnewsletters?\b"),
        ("newsletter sign-up", r"^(?:get|join)\s+our\s+(?:free\s+)?newsletter\b"),
    ))


def classify(line: str) -> str | None:
    """The kind of clutter ``line`` is ("photo credit", "comment form", …), or None for text."""
    text = line.strip().strip("*_").strip()
    if not text or len(text.split()) > _MAX_WORDS:
        return None
    for kind, rx in _PATTERNS:
        if rx.search(text):
            return kind
    return None


# Words a page's "Published 4:00 am CST, Wednesday, November 20, 2019" line is made of.
_STAMP_LEAD = re.compile(
    r"^(?:(?:last\s+)?(?:published|updated|posted|modified)|publicado|actualizado|atualizado|publié|"
    r"mis\s+à\s+jour|veröffentlicht|aktualisiert)(?:\s+(?:on|at|el|em|le|am))?\s*:?\s*", re.IGNORECASE)
_STAMP_WORDS = frozenset("""
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    am pm a m p at on of de del em às as le à h um uhr
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
    lunes martes miércoles jueves viernes sábado domingo
    janeiro fevereiro março maio junho julho setembro outubro novembro dezembro
    segunda terça quarta quinta sexta feira
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    lundi mardi mercredi jeudi vendredi samedi dimanche
    januar februar märz juni juli oktober dezember
    montag dienstag mittwoch donnerstag freitag samstag sonntag
    """.split())


def is_timestamp(line: str, *, bare: bool = False) -> bool:
    """Whether ``line`` is a web page's publication stamp ("Updated 4:00 am CST, Nov. 20, 2019").

    Why: the date is already the article's date; read aloud in the body it is noise. Only lines
    made entirely of date words, numbers and time-zone letters count, so a sentence that mentions
    a date stays. Without ``bare`` the line must say "Published", "Updated" or the like, since a
    date on its own line in a notice may be the date of the event.
    """
    rest = _STAMP_LEAD.sub("", line.strip(), count=1)
    if rest == line.strip() and not bare:
        return False
    words = re.findall(r"\w+", rest)
    if not words or not any(w.isdigit() for w in words) or len(words) > 12:
        return False
    if not any(not w.isdigit() for w in words) and ":" not in rest:
        return False  # digits alone ("911") are no date
    return all(w.isdigit() or w.casefold() in _STAMP_WORDS or (w.isupper() and 2 <= len(w) <= 4)
               for w in words)


def warning(kind: str, line: str) -> str:
    """The user-facing note for one removed line."""
    text = " ".join(line.split())
    if len(text) > 70:
        text = text[:67].rstrip() + "…"
    return f"removed {kind}: \"{text}\""


# Wire services and syndication credits that close a story on a line of their own.
_SIGNOFF = re.compile(
    r"^\s*(?:[-–—]{1,2}\s*(?P<a>[^\W\d][\w.&'’ ,/-]{1,60}?)|\(\s*(?P<b>[^\W\d][\w.&'’ ,/-]{1,40}?)\s*\))\s*$")
_KNOWN_WIRES = re.compile(
    r"(?:[-–—]{1,2}\s*|\(\s*)(?P<w>City News Service|CNS|Associated Press|AP|Reuters|AFP|Agence France-Presse"
    r"|Bloomberg|UPI|EFE|Europa Press|Bay City News|States Newsroom|CalMatters)\s*\)?\s*$")


def wire_signoff(line: str) -> str | None:
    """The credit in a closing sign-off line such as "–City News Service" or "(Reuters)"."""
    m = _SIGNOFF.match(line)
    if m:
        name = (m.group("a") or m.group("b")).strip(" ,")
        if 1 <= len(name.split()) <= 6:
            return name
    return None


def trailing_wire(text: str) -> tuple[str, str] | None:
    """Split "… said Tuesday. — Associated Press" into (text, credit) for well-known wires only.

    Only known names are taken from inside a paragraph, because "— said the mayor" is text.
    """
    m = _KNOWN_WIRES.search(text)
    if m and m.start() > 0 and text[:m.start()].rstrip()[-1:] in ".!?\"”’)":
        return text[:m.start()].rstrip(), m.group("w")
    return None
