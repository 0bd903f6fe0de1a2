"""cards: text layout rules on plain strings, with the real shipped font's widths
and with a property test over arbitrary text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.cards.draw import TITLE_SIZES, _measure
from plugins.cards.fonts import TEXT_FONT, TITLE_FONT, load_font
from plugins.cards.layout import ELLIPSIS, fit, one_line, wrap

MEASURE = _measure(TITLE_FONT)


def mono(text: str, size: int) -> float:
    """Every character ``size`` wide: easy to reason about."""
    return len(text) * size


def test_wrap_at_spaces_and_break_words_wider_than_a_line():
    assert wrap("aa bb cc", 5, 1, mono) == ["aa bb", "cc"]
    assert wrap("abcdefghij xy", 4, 1, mono) == ["abcd", "efgh", "ij", "xy"]
    assert wrap("  lots   of   space  ", 100, 1, mono) == ["lots of space"]


def test_fit_shrinks_before_cutting():
    fitted = fit("one two three four", width=10, height=3, sizes=(2, 1), measure=mono, leading=1.0)
    assert fitted.size == 1 and not fitted.cut
    assert fitted.lines == ("one two", "three four")


def test_fit_cuts_with_an_ellipsis_only_at_the_smallest_size():
    fitted = fit(
        "one two three four five six", width=9, height=2, sizes=(1,), measure=mono, leading=1.0
    )
    assert fitted.cut
    assert len(fitted.lines) == 2 and fitted.lines[-1].endswith(ELLIPSIS)
    assert all(mono(line, 1) <= 9 for line in fitted.lines)


def test_one_line_ellipsizes_what_does_not_fit():
    assert one_line("short", 10, 1, mono).lines == ("short",)
    cut = one_line("a rather long line", 8, 1, mono)
    assert cut.cut and cut.lines == ("a rathe" + ELLIPSIS,)


def test_a_title_of_a_few_words_stays_large():
    fitted = fit("Fitting the GPU", 1024, 300, TITLE_SIZES, MEASURE)
    assert fitted.size == TITLE_SIZES[0] and fitted.lines == ("Fitting the GPU",)


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.characters(codec="latin-1", exclude_categories=("Cc",)),
        min_size=1,
        max_size=400,
    )
)
def test_any_latin_text_fits_the_title_box(text):
    width, height = 1024, 300
    fitted = fit(text, width, height, TITLE_SIZES, MEASURE)
    assert all(MEASURE(line, fitted.size) <= width for line in fitted.lines)
    assert len(fitted.lines) * fitted.size * 1.15 <= height


def test_font_coverage_is_read_from_the_font():
    font = load_font(TITLE_FONT)
    assert font.name == "Inter"
    assert font.missing("Сборка · Κατασκευή · Tiếng Việt") == []
    assert font.missing("GPU 日本語 🚀 ok") == ["日", "本", "語", "🚀"]
    assert font.drawable("GPU 日本語 🚀 ok") == "GPU ok"
    assert load_font(TEXT_FONT).missing("e\u0301") == []  # NFC: é
