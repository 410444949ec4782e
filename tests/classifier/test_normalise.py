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
    # A currency before the digits is an amount too; a letter that is not one is leetspeak.
    assert normalise("gaji RM1800, usd1000").text == "gaji rm1800, usd1000"
    assert normalise("kerja d1 K4mb0j4").text == "kerja di kamboja"


def test_zero_width_and_keycap_digits_are_dropped_with_offsets_kept():
    text = "vi\u200bsa zi\u200barah 0\ufe0f\u20e38\ufe0f\u20e3"
    norm = normalise(text)
    assert norm.text.startswith("visa ziarah 08")
    start = norm.text.index("ziarah")
    o_start, o_end = norm.span(start, start + 6)
    assert text[o_start:o_end] == "zi\u200barah"


def test_styled_letters_fold_to_plain():
    assert normalise("𝐕𝐈𝐒𝐀 𝐙𝐈𝐀𝐑𝐀𝐇").text == "visa ziarah"


def test_chat_abbreviations_are_written_out_and_map_back_to_the_abbreviation():
    text = "Yg mau kerja LN, gak perlu kursus"
    norm = normalise(text)
    assert norm.text == "yang mau kerja luar negeri, tidak perlu kursus"
    start = norm.text.index("luar negeri")
    assert text[slice(*norm.span(start, start + len("luar negeri")))] == "LN"
    start = norm.text.index("tidak perlu")
    assert text[slice(*norm.span(start, start + len("tidak perlu")))] == "gak perlu"
    assert normalise("kerja di luar negri").text == "kerja di luar negeri"


def test_handles_and_links_are_not_expanded():
    norm = normalise("ig: loker.asia, t.me/yg_cepat, wa.me/6281200001234")
    assert "loker.asia" in norm.text and "yg_cepat" in norm.text


def test_spelled_out_words_are_joined_but_spaced_digits_are_left_for_phones():
    text = "kerja di K-a-m-b-o-j-a, hub 0 8 1 2 0 0 0 0 1 2 3 4"
    norm = normalise(text)
    assert "di kamboja," in norm.text
    assert "0 8 1 2 0 0 0 0 1 2 3 4" in norm.text
    start = norm.text.index("kamboja")
    assert text[slice(*norm.span(start, start + 7))] == "K-a-m-b-o-j-a"


def test_n_gram_views_see_that_a_number_was_given_not_which():
    from classifier.normalise import CONTACT_WORD, numbers_dropped, numbers_masked

    text = "gaji 15jt umur 18-25, wa 0812-0000-1234 / +62 813 0000 5678 / wa.me/6281200001111"
    assert numbers_masked(text) == (f"gaji 00jt umur 00-00, wa {CONTACT_WORD} / {CONTACT_WORD}"
                                    f" / wa.me/{CONTACT_WORD}")
    assert numbers_dropped("gaji 15jt, wa 0812-0000-1234.") == "gaji 00jt, wa  ."
    # A spelled-out number is a phone number too; a year range is not (8 digits).
    assert numbers_masked("0 8 1 2 0 0 0 0 5 5 4 1") == CONTACT_WORD
    assert numbers_masked("2024-2025") == "0000-0000"
