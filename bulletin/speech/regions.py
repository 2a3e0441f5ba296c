"""Regional voices: the accent a language tag's region calls for.

espeak-ng's voices already follow the region (``find_voice``: es-MX -> es-419, es-ES -> es,
pt-PT -> pt, en-GB -> en); Google's accent is chosen by its top-level domain, which gTTS does not
derive from the tag, so it is looked up here.
"""
from __future__ import annotations

LATIN_AMERICA = ("419", "MX", "US", "AR", "BO", "CL", "CO", "CR", "CU", "DO", "EC", "GT", "HN",
                 "NI", "PA", "PE", "PR", "PY", "SV", "UY", "VE")
"""Regions whose Spanish is closer to Google's Mexican voice than to its Castilian one."""

GOOGLE_TLD = {
    "es": "com.mx",  # a bare "es" is read in Latin American Spanish, as espeak-ng's default is
    "es-ES": "es",
    **{f"es-{r}": "com.mx" for r in LATIN_AMERICA},
    "pt": "com.br", "pt-BR": "com.br", "pt-PT": "pt",
    "en-GB": "co.uk", "en-AU": "com.au", "en-CA": "ca", "en-IN": "co.in", "en-IE": "ie",
    "en-ZA": "co.za", "en-NG": "com.ng",
    "fr-CA": "ca", "fr-FR": "fr",
}
"""Language tag -> the Google domain whose accent it asks for. Chinese is not here: gTTS picks
Mandarin's variety by its language code (zh-TW, zh-CN), not by the domain."""


def google_tld(lang: str, asked: str | None = None) -> str:
    """The Google domain for ``lang``: ``asked`` (``--tld``) wins, then the region, then ``com``."""
    if asked:
        return asked
    parts = lang.replace("_", "-").split("-")
    primary = parts[0].lower()
    region = next((p.upper() for p in parts[1:] if len(p) == 2 or p.isdigit()), None)
    if region and f"{primary}-{region}" in GOOGLE_TLD:
        return GOOGLE_TLD[f"{primary}-{region}"]
    return GOOGLE_TLD.get(primary, "com")
