"""Spanish: numbers, phones, dates, times, money, percentages and common abbreviations.

Separators: Spain writes 1.500,25 and Mexico 1,500.25. We read a separator followed by
exactly three digits as a thousands separator and any other as the decimal mark, which is
right for both ("$2,5 millones" and "$2.5 millones" are both two and a half million).
"""
from __future__ import annotations

import re

from num2words import num2words

from . import en_web as web
from .common import unify_characters
from .shield import Rule, Shield

_DIGITS = ("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve")
MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "octubre", "noviembre", "diciembre")
_MONTH = r"(?P<month>" + "|".join(MONTHS + ("setiembre",)) + r")"
NUM = r"[0-9]{1,3}(?:[.,][0-9]{3})+(?:[.,][0-9]+)?|[0-9]+(?:[.,][0-9]+)?|[.,][0-9]+"


def digits(text: str) -> str:
    return " ".join(_DIGITS[int(c)] for c in text if c in "0123456789")


def cardinal(n: int) -> str:
    if abs(n) >= 10 ** 24:
        return digits(str(n))
    return num2words(n, lang="es")


def split_number(text: str) -> tuple[str, str]:
    """'1.500,25' -> ('1500', '25'); '2,5' -> ('2', '5'); '1,500' -> ('1500', '')."""
    parts = re.split(r"[.,]", text)
    seps = re.findall(r"[.,]", text)
    if not seps:
        return text, ""
    last = parts[-1]
    thousands_only = len(last) == 3 and (len(seps) > 1 and len(set(seps)) == 1 or len(seps) == 1)
    if thousands_only and parts[0]:
        return "".join(parts), ""
    whole = "".join(parts[:-1]) if len(parts) > 1 else parts[0]
    return whole, last


def number(text: str) -> str:
    whole, frac = split_number(text)
    head = (digits(whole) if len(whole) > 1 and whole.startswith("0") else
            cardinal(int(whole))) if whole else "cero"
    return f"{head} coma {digits(frac)}" if frac else head


def apocope(words: str) -> str:
    """'veintiuno' -> 'veintiún', 'uno' -> 'un' before a masculine noun (dólares, millones)."""
    words = re.sub(r"veintiuno$", "veintiún", words)
    return re.sub(r"\buno$", "un", words)


_SYMBOLS = {".": "punto", "/": "barra", "-": "guion", "_": "guion bajo", "@": "arroba",
            ":": "dos puntos", "&": "y", "?": "signo de interrogación", "=": "igual", "#": "numeral",
            "~": "virgulilla", "+": "más", "%": "por ciento"}
_WORD_TLDS = frozenset("com org net edu gob gov info".split())


def _address(s: str) -> str:
    return web.speak_address(s, _SYMBOLS, digits, _WORD_TLDS)


def speak_web_addresses(text: str, shield: Shield) -> str:
    """Correos y direcciones web: 'ayuda@condado.gob' -> 'ayuda arroba condado punto gob';
    'https://' is dropped as in English. Risks: as in English.
    """

    def email(m: re.Match[str]) -> str:
        core, tail = web._split_trailing(m.group())
        return shield(_address(core)) + tail

    def url(m: re.Match[str]) -> str:
        core, tail = web._split_trailing(m.group())
        core = re.sub(r"(?i)^(?:https?|ftp)://+", "", core).rstrip("/")
        return shield(_address(core)) + tail

    return web._SCHEME_URL.sub(url, web._EMAIL.sub(email, text))


_PHONE = re.compile(
    r"(?<![\w+.,])(?:\+[0-9]{1,3}[ -]?)?(?:\(?[0-9]{1,4}\)?[ -]){2,5}[0-9]{2,4}(?![\w]|[.,][0-9])")
_EMERGENCY = re.compile(r"(?<![\w$.,-])(911|112|088|089|061|060|066)(?![\w%]|[.,][0-9])")
_SHORT_CODE = re.compile(
    r"(?i)\b((?:env[ií]a|manda|escribe|textea|mensaje|sms|texto)\b[^0-9\n]{0,30}?\s)([0-9]{3,8})\b(?![.,][0-9])")


def speak_phone_numbers(text: str, shield: Shield) -> str:
    """Teléfonos cifra por cifra, por grupos: '+52 55 1234 5678' -> 'más cinco dos, cinco cinco,
    uno dos tres cuatro, cinco seis siete ocho'; '911' y '112' -> 'nueve uno uno'; códigos SMS
    tras 'envía' o 'mensaje'. Risks: three groups of digits that are not a phone (a code) are
    read digit by digit, which is still correct.
    """

    def phone(m: re.Match[str]) -> str:
        groups = re.findall(r"[0-9]+", m.group())
        if sum(len(g) for g in groups) < 7 and not m.group().startswith("+"):
            return m.group()
        said = ", ".join(digits(g) for g in groups)
        return shield(("más " if m.group().startswith("+") else "") + said)

    text = _PHONE.sub(phone, text)
    text = _SHORT_CODE.sub(lambda m: m.group(1) + shield(digits(m.group(2))), text)
    text = _SERVICE_CODE.sub(lambda m: m.group(1) + shield(digits(m.group(2))), text)
    return _EMERGENCY.sub(lambda m: shield(digits(m.group(1))), text)


_SERVICE_CODE = re.compile(
    r"(?i)((?:\b(?:al|llame|llamar|llama|marque|marcar|marca|relevo|línea|número|teléfono|servicio)"
    r"|:)\s+(?:al\s+)?)([2-8]11|988)(?![\w%]|[.,][0-9])")
"""US three-digit service numbers (211 community help, 311 city, 711 relay, 988 crisis) after a
word that dials them ("al 711", "relevo 711", "marque 211") or a colon."""


def _day(n: int) -> str:
    return "primero" if n == 1 else cardinal(n)


_DATE_WORDS = re.compile(
    r"(?i)\b(?P<day>[0-9]{1,2})(?:\s*(?:º|°|\.º))?\s+de\s+" + _MONTH + r"(?:\s+(?P<de>del?\s+)?(?P<year>[0-9]{4}))?\b")
_MONTH_YEAR = re.compile(r"(?i)\b" + _MONTH + r"\s+(?P<de>del?\s+)?(?P<year>[0-9]{4})\b")
_DATE_NUMERIC = re.compile(r"(?<![\w.,/-])([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})(?![\w]|[/.-][0-9])")
_DATE_ISO = re.compile(r"(?<![\w.,/-])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![\w]|[/.-][0-9])")


def speak_dates(text: str, shield: Shield) -> str:
    """'3 de marzo de 2025' -> 'tres de marzo de dos mil veinticinco'; '1 de mayo' -> 'primero de
    mayo'; '03/03/2025' (día primero) and '2025-03-03' -> 'tres de marzo de dos mil ...'.

    Risks: a US-style 03/04/2025 in a Spanish text is read as 3 April.
    """

    def words(m: re.Match[str]) -> str:
        said = f"{_day(int(m.group('day')))} de {m.group('month').lower()}"
        if m.group("year"):
            said += f" {(m.group('de') or 'de').strip()} {cardinal(int(m.group('year')))}"
        return shield(said)

    def numeric(d: int, mth: int, y: int, original: str) -> str:
        if not (1 <= d <= 31 and 1 <= mth <= 12):
            return original
        return shield(f"{_day(d)} de {MONTHS[mth - 1]} de {cardinal(y)}")

    text = _DATE_ISO.sub(lambda m: numeric(int(m.group(3)), int(m.group(2)), int(m.group(1)), m.group()), text)
    text = _DATE_NUMERIC.sub(lambda m: numeric(int(m.group(1)), int(m.group(3)), int(m.group(4)), m.group()), text)
    text = _DATE_WORDS.sub(words, text)
    return _MONTH_YEAR.sub(lambda m: shield(
        f"{m.group('month').lower()} {(m.group('de') or 'de ').strip()} {cardinal(int(m.group('year')))}"), text)


_TIME = re.compile(
    r"(?<![\w.,:])(?P<h>[0-9]{1,2})(?::(?P<m>[0-9]{2}))?\s*(?:(?P<ampm>[ap])\.?\s?m\.?|(?P<hrs>h|hrs?|horas)\b)?(?![\w:]|[.,][0-9])",
    re.IGNORECASE)


def _hour(h: int) -> str:
    return {1: "una", 21: "veintiuna"}.get(h, cardinal(h))


def speak_times(text: str, shield: Shield) -> str:
    """'10:30' -> 'diez y treinta'; '3 p. m.' -> 'tres de la tarde'; '14:00 h' -> 'catorce horas';
    '9:00' -> 'nueve en punto'. Plain numbers are left alone (a colon, a.m./p.m. or 'h' is needed).

    Risks: a score such as '2:1' is not touched (minutes need two digits), '10:30' in a sports
    result would be read as a time.
    """

    def say(m: re.Match[str]) -> str:
        if m.group("m") is None and not m.group("ampm") and not m.group("hrs"):
            return m.group()
        h, mins = int(m.group("h")), int(m.group("m") or 0)
        if h > 24 or mins > 59:
            return m.group()
        said = _hour(h)
        if m.group("hrs"):
            said = f"{cardinal(h)} horas" + (f" {cardinal(mins)} minutos" if mins else "")
            return shield(said)
        if mins:
            said += f" y {cardinal(mins)}"
        elif not m.group("ampm"):
            said += " en punto"
        ampm = (m.group("ampm") or "").lower()
        if ampm == "a":
            said += " de la mañana"
        elif ampm == "p":
            said += " de la tarde" if h < 8 or h == 12 else " de la noche"
        return shield(said)

    return _TIME.sub(say, text)


_CURRENCIES = {"US$": ("dólar estadounidense", "dólares estadounidenses"), "$": ("dólar", "dólares"),
               "€": ("euro", "euros"), "£": ("libra", "libras"), "MX$": ("peso", "pesos")}
_CUR = "|".join(re.escape(c) for c in sorted(_CURRENCIES, key=len, reverse=True))
_SCALE = r"mil millones|millones|millón|mil|billones|billón|mdd|mdp|M"
_MONEY = re.compile(
    rf"(?<![\w$])(?P<cur>{_CUR})\s?(?P<num>{NUM})(?:\s(?P<scale>{_SCALE})\b)?(?![0-9])")
_MONEY_AFTER = re.compile(rf"(?<![\w.,])(?P<num>{NUM})\s?(?P<cur>€|£)")


def say_money(cur: str, num: str, scale: str | None) -> str:
    one, many = _CURRENCIES[cur]
    whole, frac = split_number(num)
    if scale:
        scale = {"mdd": "millones", "mdp": "millones", "M": "millones"}.get(scale, scale)
        if scale in ("millones", "millón") and whole == "1" and not frac:
            scale = "millón"
        lead = apocope(number(num)) if scale != "mil" else number(num)
        return f"{lead} {scale} de {many}"
    units = int(whole or 0)
    words = apocope(cardinal(units))
    if re.search(r"(?:millón|millones|billón|billones)$", words):
        said = f"{words} de {one if units == 1 else many}"
    else:
        said = f"{words} {one if units == 1 else many}"
    cents = int(frac[:2].ljust(2, "0")) if frac else 0
    if cents:
        coin = ("céntimo" if cur == "€" else "centavo") + ("s" if cents != 1 else "")
        # "noventa y nueve centavos", not "cero dólares con noventa y nueve centavos"
        said = f"{apocope(cardinal(cents))} {coin}" if units == 0 else f"{said} con {apocope(cardinal(cents))} {coin}"
    return said


def speak_money(text: str, shield: Shield) -> str:
    """'$2,5 millones' / '$2.5 millones' -> 'dos coma cinco millones de dólares'; '$12,50' ->
    'doce dólares con cincuenta centavos'; '25 €' -> 'veinticinco euros'; '$1' -> 'un dólar'.

    Risks: '$' is read 'dólares' although in Mexico it usually means pesos; write 'MX$' or
    'pesos' when it matters.
    """
    text = _MONEY.sub(lambda m: shield(say_money(m.group("cur"), m.group("num"), m.group("scale"))), text)
    return _MONEY_AFTER.sub(lambda m: shield(say_money(m.group("cur"), m.group("num"), None)), text)


_PERCENT = re.compile(rf"(?<![\w.,])(?P<num>{NUM})\s?%")
_ORDINAL = re.compile(r"(?<![\w.,])([0-9]{1,3})\.?\s?(º|ª|°|er|ra|do|da|to|ta|vo|va|no|na)(?![\w])")
_NEGATIVE = re.compile(rf"(?<![\w.,)-])-(?P<num>{NUM})(?![\w])")
_RANGE = re.compile(r"(?i:(?P<entre>\bentre\s+))?(?<![\w.,/$-])(?P<a>[0-9]+)\s?[-–]\s?(?P<b>[0-9]+)(?![\w.,/-]|[.,][0-9])")
_NUMBER = re.compile(rf"(?<![\w])(?P<num>{NUM})(?![0-9])")


def speak_percentages(text: str, shield: Shield) -> str:
    """'25 %' -> 'veinticinco por ciento'. Risks: none known."""
    return _PERCENT.sub(lambda m: shield(number(m.group("num")) + " por ciento"), text)


def speak_ordinals(text: str, shield: Shield) -> str:
    """'1.º' -> 'primero', '2.ª' -> 'segunda', '3er' -> 'tercer'. Risks: none known."""

    def say(m: re.Match[str]) -> str:
        n, suffix = int(m.group(1)), m.group(2)
        feminine = suffix in ("ª", "ra", "da", "ta", "va", "na")
        said = num2words(n, lang="es", to="ordinal")
        if feminine:
            said = " ".join(w[:-1] + "a" if w.endswith("o") else w for w in said.split())
        elif suffix == "er":
            said = re.sub(r"(primero|tercero)$", lambda w: w.group(1)[:-1], said)
        return shield(said)

    return _ORDINAL.sub(say, text)


def speak_numbers(text: str, shield: Shield) -> str:
    """Ranges ('18-24' -> 'dieciocho a veinticuatro'), negatives and every remaining number, with
    either decimal mark ('3,5' -> 'tres coma cinco'). Risks: '1,234' meaning one point two three
    four is read one thousand two hundred thirty four (see the module note).
    """
    text = _RANGE.sub(lambda m: (m.group("entre") or "") + shield(
        f"{number(m.group('a'))} {'y' if m.group('entre') else 'a'} {number(m.group('b'))}"), text)
    text = _NEGATIVE.sub(lambda m: shield("menos " + number(m.group("num"))), text)
    text = _COUNTED.sub(lambda m: shield(agree(number(m.group("num")), m.group("noun"))) + m.group("gap"), text)
    return _NUMBER.sub(lambda m: shield(number(m.group("num"))), text)


_COUNTED = re.compile(r"(?<![\w.,])(?P<num>[0-9]{1,9})(?P<gap>\s+)(?=(?P<noun>[a-záéíóúñü]{3,})\b)")
_NOT_NOUNS = frozenset("del las los por para con sin que como más menos entre hasta desde sobre "
                       "una uno unos unas".split())
_MASCULINE_IN_A = frozenset("día días mapa mapas idioma idiomas problema problemas programa "
                            "programas sistema sistemas tema temas clima".split())

_FEMININE_ENDINGS = ("ción", "sión", "ciones", "siones", "dad", "tad", "tud", "umbre")
_FEMININE_OTHER = frozenset("vez mujer noche tarde calle clase parte llave mano foto ley red "
                            "gente fuente".split())


def agree(words: str, noun: str) -> str:
    """'uno' before a noun: 'un dólar', 'veintiún días', 'una persona', 'treinta y una horas'.

    Why: "uno dólar" is wrong and every listener hears it. Risk: gender is guessed from the
    noun's ending (-a/-as feminine, except día, idioma, problema…), so "21 manos" is said
    "veintiún manos"; anything that is not a noun (de, y, por…) leaves the number as it was.
    """
    if not words.endswith("uno") or noun in _NOT_NOUNS or len(noun) < 3:
        return words
    singular = {noun, noun.removesuffix("s"), noun.removesuffix("es"), re.sub(r"ces$", "z", noun)}
    feminine = (noun.endswith(("a", "as")) and noun not in _MASCULINE_IN_A
                or any(w.endswith(_FEMININE_ENDINGS) or w in _FEMININE_OTHER for w in singular))
    if feminine:
        return words[:-1] + "a"
    return apocope(words)


_ABBREVIATIONS = {"Sr.": "señor", "Sra.": "señora", "Srta.": "señorita", "Dr.": "doctor",
                  "Dra.": "doctora", "Lic.": "licenciado", "Ing.": "ingeniero", "Av.": "avenida",
                  "Avda.": "avenida", "EE. UU.": "Estados Unidos", "EE.UU.": "Estados Unidos",
                  "EEUU": "Estados Unidos", "etc.": "etcétera", "núm.": "número", "Núm.": "número",
                  "No.": "número", "n.º": "número", "tel.": "teléfono", "Tel.": "teléfono",
                  "p. ej.": "por ejemplo", "aprox.": "aproximadamente", "pág.": "página",
                  "Ud.": "usted", "Uds.": "ustedes", "Gral.": "general", "Col.": "colonia",
                  "Edo.": "estado", "Depto.": "departamento", "C/": "calle"}
_ABBREV = re.compile(r"(?<![\w.])(" + "|".join(
    re.escape(k) for k in sorted(_ABBREVIATIONS, key=len, reverse=True)) + r")(?=[\s,;:)]|$)")


def expand_abbreviations(text: str, shield: Shield) -> str:
    """'Sra.' -> 'señora', 'EE. UU.' -> 'Estados Unidos', 'núm.' -> 'número', 'etc.' -> 'etcétera'.

    Risks: a sentence ending in 'etc.' loses its full stop unless the line ends there.
    """

    def say(m: re.Match[str]) -> str:
        stop = "." if m.group(1).endswith(".") and re.match(r"\s*(?:$|\n)", text[m.end():]) else ""
        said = _ABBREVIATIONS[m.group(1)]
        return shield(said[0].upper() + said[1:] if m.group(1)[0].isupper() else said) + stop

    return _ABBREV.sub(say, text)


def speak_symbols(text: str, shield: Shield) -> str:
    """'&' -> 'y', '@' -> 'arroba', '%' -> 'por ciento'; markup characters dropped. Risks: none."""
    text = re.sub(r"\s*&\s*", " y ", text)
    text = text.replace("@", " arroba ").replace("%", " por ciento")
    text = re.sub(r"(?m)^[^\S\n]*[-–—•][^\S\n]+", "", text)
    return re.sub(r"[*_~^|]+", " ", text)


RULES: tuple[Rule, ...] = (
    unify_characters,
    speak_web_addresses,
    expand_abbreviations,
    speak_dates,
    speak_phone_numbers,
    speak_times,
    speak_money,
    speak_percentages,
    speak_ordinals,
    speak_numbers,
    speak_symbols,
)
