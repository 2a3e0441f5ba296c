"""Spotting the phone numbers, SMS codes and web addresses in help-box lines.

They are printed bold and read slowly, so finding them matters more than elegance; anything
not recognised still prints and is read as plain text.
"""
from __future__ import annotations

import re

from .article import HelpLine

# 1-888-373-7888, (213) 555-0199, 213.555.0199, +1 213 555 0199; 3-digit service numbers (911, 711).
PHONE = re.compile(
    r"(?<![\w-])(?:\+?1[ .-])?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])"
    r"|(?<![\w-])[2-9]11(?![\w-])"
)
# "text 233733", "Text HELP to 233733", "SMS: 233733"
SMS = re.compile(r"\b(?:text|sms|txt|texto|mensaje)\b[^0-9\n]{0,30}?\b(\d{5,6})\b", re.IGNORECASE)
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)]", re.IGNORECASE)


def parse_help_line(text: str) -> HelpLine:
    """Return ``text`` as a :class:`HelpLine` with its first phone, SMS code and URL noted."""
    text = " ".join(text.split())
    url = URL.search(text)
    sms = SMS.search(text)
    phone = None
    for m in PHONE.finditer(text):
        if sms and m.group(0) == sms.group(1):
            continue
        phone = m.group(0)
        break
    return HelpLine(text=text, phone=phone, sms=sms.group(1) if sms else None,
                    url=url.group(0) if url else None)
