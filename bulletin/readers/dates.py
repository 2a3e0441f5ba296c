"""Reading the dates articles are written with into a calendar date."""
from __future__ import annotations

import datetime as dt
import re

from ..errors import InputError

_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], 1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9


def parse_date(text: str, strict: bool = False) -> dt.date | None:
    """Parse ISO (2025-03-03), US (3/3/2025) and written dates (March 3, 2025; 3 March 2025).

    Returns None when nothing matches, or raises InputError when ``strict`` (a --date option).
    """
    t = text.strip()
    try:
        return dt.date.fromisoformat(t[:10])
    except ValueError:
        pass
    m = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)", t)
    if m:
        parts = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    elif m := re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", t):
        parts = (int(m.group(3)), int(m.group(1)), int(m.group(2)))
    elif m := re.search(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", t):
        parts = (int(m.group(3)), _MONTHS.get(m.group(1).lower(), 0), int(m.group(2)))
    elif m := re.search(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b", t):
        parts = (int(m.group(3)), _MONTHS.get(m.group(2).lower(), 0), int(m.group(1)))
    else:
        parts = None
    if parts:
        try:
            return dt.date(*parts)
        except ValueError:
            pass
    if strict:
        raise InputError(f"--date: cannot read {text!r} as a date (use YYYY-MM-DD)")
    return None
