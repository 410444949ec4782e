from classifier.normalise import normalise


def test_leetspeak_and_masking_fold_but_spans_map_back():
    text = "Loker K*mboja g4ji bsr, k3rj4 admin"
    norm = normalise(text)
    assert "kamboja" in norm.text and "gaji" in norm.text and "kerja" in norm.text
    start = norm.text.index("kamboja")
    o_start, o_end = norm.span(start, start + len("kamboja"))
    assert text[o_start:o_end] == "K*mboja"


def test_amounts_and_phone_numbers_are_not_leetspeak():
    norm = normalise("gaji 15jt, wa 0812-0000-1234")
    assert "15jt" in norm.text and "0812-0000-1234" in norm.text


def test_zero_width_and_keycap_digits_are_dropped_with_offsets_kept():
    text = "vi\u200bsa zi\u200barah 0\ufe0f\u20e38\ufe0f\u20e3"
    norm = normalise(text)
    assert norm.text.startswith("visa ziarah 08")
    start = norm.text.index("ziarah")
    o_start, o_end = norm.span(start, start + 6)
    assert text[o_start:o_end] == "zi\u200barah"


def test_styled_letters_fold_to_plain():
    assert normalise("𝐕𝐈𝐒𝐀 𝐙𝐈𝐀𝐑𝐀𝐇").text == "visa ziarah"
