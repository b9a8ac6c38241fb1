import pytest

from summarizer.errors import InputError
from summarizer.sources.text_input import clean_text


def test_keeps_unicode_and_strips_control_characters():
    text = "مرحبا\x07 بالعالم — café 東京\x00\r\nline two"
    assert clean_text(text) == "مرحبا بالعالم — café 東京\nline two"


def test_other_encodings_are_detected_not_fatal():
    text = "Le conseil municipal a adopté mardi un budget élevé après un débat animé."
    assert clean_text(text.encode("cp1252")) == text
    assert clean_text(text.encode("utf-16")) == text
    undecidable = clean_text(b"caf\xe9 \xff\xfe au lait")  # never raises; the words around survive
    assert undecidable.startswith("café ") and undecidable.endswith(" au lait")
    assert clean_text("x\u00e9\u0301".encode("utf-8")) == "x\u00e9\u0301"  # no normalisation


@pytest.mark.parametrize("text, fragment", [
    ("", "empty"),
    ("   \n\t  ", "empty"),
    ("1234 5678 !!! ???", "no letters"),
    (b"\x00\x01\x02binary\x00\xff" * 20, "binary"),
])
def test_bad_input_is_refused_with_a_reason(text, fragment):
    with pytest.raises(InputError, match=fragment):
        clean_text(text)


def test_size_cap_names_the_limit_and_how_to_raise_it():
    with pytest.raises(InputError) as error:
        clean_text("word " * 30, max_chars=100)
    assert "100" in str(error.value) and "--max-chars" in str(error.value)
    assert clean_text("word " * 30, max_chars=1000).startswith("word")
