"""Decoding and cleaning article bytes: encodings, invisible characters, refusing non-text."""
import codecs

import pytest

from bulletin.errors import InputError
from bulletin.readers import read
from bulletin.readers.decode import clean, decode

TEXT = "Café “Norte” — niños, señal…\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("cp1252"),
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "cp1252"])
def test_encodings_decode_to_the_same_characters(data):
    assert decode(data) == TEXT


def test_latin1_bytes_cp1252_leaves_undefined_still_decode():
    assert decode(b"caf\xe9 \x81ok") == "café ok"  # 0x81 is a C1 control: removed after decoding


def test_crlf_and_cr_become_lf():
    assert decode(b"one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


def test_nbsp_soft_hyphen_zero_width_and_controls_are_cleaned():
    raw = "10\u00a0km in\u00adfor\u00admation zero\u200bwidth \ufeffbell\x07 tab\tkept"
    assert clean(raw) == "10 km information zerowidth bell tab\tkept"


def test_joiners_needed_by_persian_and_emoji_are_kept():
    assert clean("می\u200cخواهم 👩\u200d👧") == "می\u200cخواهم 👩\u200d👧"


def test_curly_quotes_dashes_and_accents_survive_exactly():
    s = "“Sí,” dijo — ‘ça va’ – Ñandú – naïve – e\u0301"
    assert clean(s) == s


@pytest.mark.parametrize("data,words", [
    (b"", "empty"),
    (b"   \n\n\t  \r\n", "no text"),
    (b"\x00\x01\x02\x03binary\x00\x00\xff\xfe\x10", "binary"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "Word"),
    (codecs.BOM_UTF8 + "\u00a0\u200b\n".encode("utf-8"), "no text"),
])
def test_unusable_input_is_one_line_input_error(data, words):
    with pytest.raises(InputError) as e:
        read(data)
    assert words in str(e.value)
    assert "\n" not in str(e.value)
