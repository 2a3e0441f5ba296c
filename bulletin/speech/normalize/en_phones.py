"""Telephone numbers, text-message short codes, service codes and other digit strings.

Digits are said one by one, in the groups they are written in, with a comma between groups so
the voice pauses where a listener writes a dash.
"""
from __future__ import annotations

import re

from .en_numbers import digits
from .shield import Shield

_GROUP_SEP = ", "


def _group(g: str, toll_free_position: bool) -> str:
    """One group of digits; '800' in the area-code position is said 'eight hundred'."""
    if toll_free_position and g == "800":
        return "eight hundred"
    return digits(g)


_NANP = re.compile(
    r"(?<![\w+$.,/-])"
    r"(?P<cc>\+?[0-9]{1,3}[ .-]?(?=[(0-9]))?"
    r"(?P<area>\([0-9]{3}\)[ .-]?|[0-9]{3}[ .-])"
    r"(?P<exch>[0-9]{3})[ .-](?P<line>[0-9]{4})"
    r"(?P<ext>-[0-9]{1,4}|\s*(?:ext\.?|x|extension)\s*[0-9]{1,5})?"
    r"(?![\w-]|[.,][0-9])")
_INTERNATIONAL = re.compile(
    r"(?<![\w+])\+[0-9]{1,3}(?:[ .-]?\(?[0-9]{1,5}\)?){2,6}(?![\w-]|[.,][0-9])")
_SSN = re.compile(r"(?<![\w-])([0-9]{3})-([0-9]{2})-([0-9]{4})(?![\w-])")
_VANITY = re.compile(
    r"(?<![\w-])(?:(1)[ -])?(8[0-9]{2})[ -]((?:[A-Z0-9]{1,7}-)*[A-Z][A-Z0-9]*(?:-[A-Z0-9]{1,7})*)"
    r"(?![\w-])")
_LOCAL = re.compile(
    r"(?i)(\b(?:call|dial|phone|telephone|tel\.?|fax|line|number|at|or)[:\s]+)"
    r"([2-9][0-9]{2})-([0-9]{4})(?![\w-])")


def speak_phone_numbers(text: str, shield: Shield) -> str:
    """North American numbers in any usual layout, with an optional country code or extension:
    '1-888-373-7888' -> 'one, eight eight eight, three seven three, seven eight eight eight'.

    Why: a number said as 'three hundred seventy three' cannot be dialled. Risks: a
    3-3-4 digit code that is not a phone number (a part number) is read as one; that reading
    is still correct digit by digit.
    """

    def say(m: re.Match[str]) -> str:
        groups = []
        cc = m.group("cc")
        if cc:
            groups.append(("plus " if cc.startswith("+") else "") + digits(cc))
        area = re.sub(r"[^0-9]", "", m.group("area"))
        groups.append(_group(area, True))
        groups += [digits(m.group("exch")), digits(m.group("line"))]
        ext = m.group("ext")
        if ext:
            said = digits(ext)
            groups.append(said if ext.startswith("-") else "extension " + said)
        return shield(_GROUP_SEP.join(groups))

    return _NANP.sub(say, text)


def speak_international_numbers(text: str, shield: Shield) -> str:
    """'+44 20 7946 0958' -> 'plus four four, two zero, seven nine four six, zero nine five eight'.

    Risks: none known; the leading '+' is required so sums and dates are never taken.
    """

    def say(m: re.Match[str]) -> str:
        groups = re.findall(r"[0-9]+", m.group())
        return shield(_GROUP_SEP.join(
            ("plus " if i == 0 else "") + digits(g) for i, g in enumerate(groups)))

    return _INTERNATIONAL.sub(say, text)


def speak_vanity_numbers(text: str, shield: Shield) -> str:
    """'1-800-GO-U-HAUL' -> 'one, eight hundred, GO U HAUL' (letters kept as words).

    Risks: the words are said as words; if the voice spells capitals the caller still gets
    the letters right.
    """

    def say(m: re.Match[str]) -> str:
        groups = [digits(m.group(1))] if m.group(1) else []
        groups.append(_group(m.group(2), True))
        parts = [p if p.isalpha() else digits(p) for p in m.group(3).split("-")]
        return shield(_GROUP_SEP.join(groups + [" ".join(parts)]))

    return _VANITY.sub(say, text)


def speak_social_security_numbers(text: str, shield: Shield) -> str:
    """'111-22-3333' -> 'one one one, two two, three three three three'. Risks: none known."""
    return _SSN.sub(lambda m: shield(_GROUP_SEP.join(digits(g) for g in m.groups())), text)


def speak_local_numbers(text: str, shield: Shield) -> str:
    """Seven-digit numbers after 'call', 'dial', 'at', 'or'...: 'call 555-0199' -> digit by digit.

    Why: without the context word '200-1000' could be a range. Risks: 'at 555-1000' meaning a
    range after 'at' is read as a number.
    """
    return _LOCAL.sub(
        lambda m: m.group(1) + shield(digits(m.group(2)) + _GROUP_SEP + digits(m.group(3))), text)


_SHORT_CODE = re.compile(
    r"(?i)\b(text(?:ing|s)?|sms|txt)\b((?:[^\S\n]+(?!call\b)[A-Za-z\"'“”]+){0,4}?[^\S\n]+(?:to[^\S\n]+)?)"
    r"([0-9]{3,8}(?:-[0-9]{2,6})?)(?![\w.,-]?[0-9])")


def speak_text_short_codes(text: str, shield: Shield) -> str:
    """SMS short codes after 'text': 'text HELP to 233733' -> '... two three three seven three three';
    a written hyphen ('898-211') becomes a short pause.

    Why: 'two hundred thirty three thousand...' cannot be typed into a phone, and '898-211' is
    not a range. Risks: 'text 100 people' would read 'one zero zero'.
    """
    def say(m: re.Match[str]) -> str:
        keyword = re.sub(r"[A-Z]{2,}", lambda k: shield(k.group()), m.group(2))  # HELP is a word
        return m.group(1) + keyword + shield(_GROUP_SEP.join(digits(g) for g in m.group(3).split("-")))

    return _SHORT_CODE.sub(say, text)


_SERVICE_CODE = re.compile(r"(?<![\w$.,#-])([2-9]11)(?![\w%$]|[.,-][0-9]|\s*(?:st|nd|rd|th)\b)")
_LIFELINE = re.compile(r"(?i)(\b(?:call|text|dial|or|and|to|the|chat)\s+)(988)\b(?![.,-][0-9])")


def speak_service_codes(text: str, shield: Shield) -> str:
    """'911' -> 'nine one one' (also 211, 311, 411, 511, 711, 811), and 988 after 'call'/'text'.

    Why: these are dialled, and 'nine hundred eleven' is never what people say. Risks: a
    count of exactly 911 of something is read as the emergency number.
    """
    text = _SERVICE_CODE.sub(lambda m: shield(digits(m.group(1))), text)
    return _LIFELINE.sub(lambda m: m.group(1) + shield(digits(m.group(2))), text)


_DOTTED_QUAD = re.compile(r"(?<![\w.])[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?![\w]|\.[0-9])")


def speak_ip_addresses(text: str, shield: Shield) -> str:
    """'192.168.0.1' -> 'one nine two dot one six eight dot zero dot one'. Risks: none known."""
    return _DOTTED_QUAD.sub(
        lambda m: shield(" dot ".join(digits(g) for g in m.group().split("."))), text)


_ENDING_IN = re.compile(
    r"(?i)\b((?:ending|ends|end)\s+(?:in|with)|last\s+(?:four|4)(?:\s+digits)?|zip(?:\s+code)?|"
    r"PIN|code|account(?:\s+number)?|case(?:\s+number)?)((?:\s+(?:is|was|of))?[:\s#]+)([0-9]{3,12})\b(?![.,][0-9])")
_STATE_ZIP = re.compile(r"(\b[A-Z]{2}\s+)([0-9]{5})(?:-([0-9]{4}))?\b(?![.,][0-9])")


def speak_identifier_digits(text: str, shield: Shield) -> str:
    """Digits after 'ending in', 'ZIP code', 'PIN', 'code', 'case number': one by one.

    Also a five-digit ZIP after a two-letter state code ('CA 90012').
    Why: these are identifiers, not quantities. Risks: 'code 500 errors' reads 'five zero zero'.
    """
    text = _ENDING_IN.sub(lambda m: m.group(1) + m.group(2) + shield(digits(m.group(3))), text)
    return _STATE_ZIP.sub(lambda m: m.group(1) + shield(
        digits(m.group(2)) + (", " + digits(m.group(3)) if m.group(3) else "")), text)
