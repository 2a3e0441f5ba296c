"""BCP 47 language tags to the ISO 639-2 codes ID3's TLAN and COMM/USLT frames carry."""
from __future__ import annotations

ISO_639_2 = {
    "en": "eng", "es": "spa", "vi": "vie", "ru": "rus", "hy": "hye", "fa": "fas", "ar": "ara",
    "zh": "zho", "ko": "kor", "fr": "fra", "de": "deu", "pt": "por", "it": "ita", "tl": "tgl",
    "fil": "fil", "ht": "hat", "pl": "pol", "uk": "ukr", "ja": "jpn", "hi": "hin", "bn": "ben",
    "pa": "pan", "ur": "urd", "so": "som", "am": "amh", "ti": "tir", "sw": "swa", "ne": "nep",
    "my": "mya", "km": "khm", "lo": "lao", "th": "tha", "hmn": "hmn", "tr": "tur", "el": "ell",
    "he": "heb", "ro": "ron", "nl": "nld", "sv": "swe", "da": "dan", "nb": "nob", "no": "nor",
    "fi": "fin", "hu": "hun", "cs": "ces", "sk": "slk", "sr": "srp", "hr": "hrv", "bs": "bos",
    "ps": "pus", "prs": "prs", "ku": "kur", "id": "ind", "ms": "msa", "ta": "tam", "te": "tel",
    "gu": "guj", "mr": "mar", "yo": "yor", "ig": "ibo", "ha": "hau", "ka": "kat", "az": "aze",
    "uz": "uzb", "kk": "kaz", "mn": "mon", "ca": "cat", "eu": "eus", "gl": "glg", "cy": "cym",
    "ga": "gle", "yue": "yue", "cmn": "cmn", "sq": "sqi", "mk": "mkd", "bg": "bul", "lt": "lit",
    "lv": "lav", "et": "est", "sl": "slv", "is": "isl", "mt": "mlt", "af": "afr", "zu": "zul",
    "xh": "xho", "rw": "kin", "mh": "mah", "sm": "smo", "to": "ton", "chk": "chk",
}


def iso639_2(tag: str) -> str:
    """``es-MX`` -> ``spa``; a three-letter primary subtag passes through; unknown -> ``und``."""
    primary = (tag or "").replace("_", "-").split("-")[0].lower()
    if primary in ISO_639_2:
        return ISO_639_2[primary]
    if len(primary) == 3 and primary.isalpha() and primary.isascii():
        return primary
    return "und"
