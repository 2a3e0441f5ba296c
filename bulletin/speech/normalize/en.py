"""English: the ordered list of fixes.

Order matters and is part of the design: addresses and phone numbers are taken whole before
anything reads their parts; dates and times before money, money before measures, special
numbers before ranges, ranges before plain numbers; abbreviations and acronyms last, when the
only capitals left are words. Every rule shields what it has spoken from the rules after it.
"""
from __future__ import annotations

from . import en_amounts as amounts
from . import en_dates as dates
from . import en_phones as phones
from . import en_web as web
from . import en_words as words
from .common import unify_characters
from .shield import Rule

RULES: tuple[Rule, ...] = (
    unify_characters,
    web.speak_emails,
    web.speak_urls,
    web.speak_bare_domains,
    web.speak_handles_and_hashtags,
    words.speak_fixed_phrases,
    phones.speak_ip_addresses,
    phones.speak_phone_numbers,
    phones.speak_international_numbers,
    phones.speak_vanity_numbers,
    phones.speak_social_security_numbers,
    phones.speak_local_numbers,
    phones.speak_text_short_codes,
    phones.speak_service_codes,
    phones.speak_identifier_digits,
    dates.speak_numeric_dates,
    dates.speak_times,
    dates.speak_written_dates,
    dates.speak_decades,
    dates.speak_quarters,
    dates.speak_eras,
    amounts.speak_money,
    amounts.speak_percentages,
    amounts.speak_street_addresses,
    amounts.speak_measures,
    dates.speak_years,
    amounts.speak_ranges,
    amounts.speak_number_signs,
    amounts.speak_ordinals,
    amounts.split_letters_from_digits,
    amounts.speak_fractions,
    amounts.speak_decimals,
    amounts.speak_cardinals,
    words.speak_roman_numerals,
    words.expand_abbreviations,
    words.speak_initials,
    words.spell_dotted_acronyms,
    words.spell_acronyms,
    words.speak_symbols,
)
