"""Reading Daylio's CSV exports: every layout, every quirk, and problems by spreadsheet row."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

import pytest

from kindvoice.core.errors import KindvoiceError, ValidationError
from kindvoice.domain.imports.common import MAX_PROBLEMS, read_time_of_day
from kindvoice.domain.imports.daylio import (
    DEFAULT_MOODS,
    looks_like_daylio,
    mood_key,
    read_daylio,
    read_mood_map,
    require_known_moods,
    unknown_moods,
)
from kindvoice.domain.imports.html_text import html_to_text

DATA = Path(__file__).resolve().parents[2] / "data" / "imports"
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note,scales\n"


def text_of(name: str) -> str:
    return (DATA / name).read_bytes().decode("utf-8-sig")


def problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        read_daylio(text)
    assert caught.value.code == "daylio_invalid"
    return [(p.location, p.code) for p in caught.value.problems]


def test_daylio_current_layout_with_scales_reads_every_quirk() -> None:
    raw = (DATA / "daylio_current.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Daylio writes
    rows = read_daylio(raw.decode("utf-8"))  # the mark left in: the reader takes it off
    # Newest first in the file, several a day: oldest first here, every moment kept.
    assert [r.at for r in rows] == [
        datetime(2024, 5, 16, 0, 0),  # 12:00 am is midnight
        datetime(2024, 5, 17, 7, 2),
        datetime(2024, 5, 17, 23, 30),  # 11:30 pm
        datetime(2024, 5, 18, 8, 15),
        datetime(2024, 5, 18, 12, 5),  # 12:05 pm is just after noon
        datetime(2024, 5, 18, 21, 41),
    ]
    worst = rows[-1]
    assert worst.row == 2  # the first row under the header
    assert worst.mood == "awful"
    assert worst.activities == ("work", "bad sleep", "stressed / frustrated")
    assert worst.title == "Team meeting"
    assert worst.note == (
        "I froze when they asked me a question.\n"
        "I'm such an idiot, I always ruin everything & everyone saw it."
    )
    evening = rows[2]
    assert evening.title == "Lovely evening"
    assert evening.note == "We watched a film together.\n• popcorn\n• blankets <3"
    assert rows[0].title == "Late walk"
    assert rows[0].note == ""


def test_daylio_eight_column_layout_with_24_hour_times_and_multiline_notes() -> None:
    rows = read_daylio(text_of("daylio_8col.csv"))
    assert [(r.at.time(), r.mood) for r in rows] == [
        (time(18, 30), "bad"),
        (time(9, 5), "meh"),
        (time(21, 41), "good"),
    ]
    assert rows[0].note == (
        "Missed the deadline again.\nNobody said anything, but I keep replaying it."
    )
    assert rows[0].row == 4  # a note over two lines is still one spreadsheet row


def test_daylio_oldest_layout_with_year_and_day_month() -> None:
    rows = read_daylio(text_of("daylio_oldest.csv"))
    assert [r.at for r in rows] == [
        datetime(2017, 12, 31, 23, 59),
        datetime(2018, 5, 16, 23, 41),
        datetime(2018, 5, 17, 22, 21),
        datetime(2018, 5, 18, 23, 54),
    ]
    assert rows[2].activities == ("cook", "stressed")  # trailing spaces trimmed
    assert rows[3].note == "Went to a party"
    assert rows[3].title == ""


@pytest.mark.parametrize("written", ["18 May", "May 18", "18. May", "may 18,", "18 Sept"])
def test_daylio_old_dates_in_the_forms_phones_write(written: str) -> None:
    text = f'year,date,weekday,time,mood,activities,note\n2018,"{written}",x,21:00,rad,"",""\n'
    (row,) = read_daylio(text)
    assert row.at.year == 2018
    assert row.at.day == 18


def test_daylio_extra_unknown_columns_are_read_past() -> None:
    rows = read_daylio(text_of("daylio_custom_moods.csv"))
    assert len(rows) == 4
    assert {r.mood for r in rows} == {"Refreshed", "ok but sleepy", "sad", "Good"}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("9:41 pm", time(21, 41)),
        ("9:41 PM", time(21, 41)),
        ("9:41pm", time(21, 41)),
        ("9.41 p.m.", time(21, 41)),
        ("12:00 am", time(0, 0)),
        ("12:30 pm", time(12, 30)),
        ("21:41", time(21, 41)),
        ("07:05", time(7, 5)),
        ("0:00", time(0, 0)),
        ("23:59:30", time(23, 59, 30)),
    ],
)
def test_times_of_day_twelve_and_twenty_four_hour(written: str, expected: time) -> None:
    assert read_time_of_day(written) == expected


@pytest.mark.parametrize("written", ["", "25:00", "9:61", "13:00 pm", "0:30 am", "noon", "9"])
def test_times_of_day_that_cannot_be_read(written: str) -> None:
    assert read_time_of_day(written) is None


def test_html_notes_become_plain_text() -> None:
    assert html_to_text("a<br>b<BR/>c") == "a\nb\nc"
    assert html_to_text("<p>one</p><p>two</p>") == "one\ntwo"
    assert (
        html_to_text("<b>bold</b> &amp; <i>it</i> &quot;q&quot; &#39;s&#39;")
        == "bold & it \"q\" 's'"
    )
    assert html_to_text("<ol><li>first</li><li>second</li></ol>") == "• first\n• second"
    assert html_to_text("x<br><br><br><br>y") == "x\n\ny"
    assert html_to_text("<script>alert(1)</script>kept") == "kept"
    assert html_to_text("  plain, with\nits own lines  ") == "plain, with\nits own lines"
    assert html_to_text("3 < 4") == "3 < 4"
    assert html_to_text("I <3 you, <grin> </grin>") == "I <3 you, <grin> </grin>"
    assert html_to_text('<span style="x">kept</span> <font color=red>too</font>') == "kept too"


def test_header_detection_knows_each_layout() -> None:
    assert looks_like_daylio(HEADER)
    assert looks_like_daylio("\ufefffull_date,date,weekday,time,mood,activities,note")
    assert looks_like_daylio("year,date,weekday,time,mood,activities,note")
    assert looks_like_daylio('"full_date","date","weekday","time","mood"')
    assert not looks_like_daylio("id,created_at,mood,stress,critic,kindness,note,uid")
    assert not looks_like_daylio("date,time,mood")


def test_a_wrong_header_is_row_one() -> None:
    assert problems("id,created_at,mood\n1,2024-01-01,5\n") == [("row 1", "daylio_header")]
    assert problems("full_date,date,weekday,mood\n2024-01-01,x,y,rad\n") == [
        ("row 1", "daylio_header")
    ]


def test_every_bad_row_is_reported_with_its_spreadsheet_row() -> None:
    text = (
        HEADER
        + '2024-05-18,x,x,9:41 pm,rad,"","","",""\n'  # row 2: fine
        + '2024-13-01,x,x,9:41 pm,rad,"","","",""\n'  # row 3: no 13th month
        + '2024-05-17,x,x,25:99,rad,"","","",""\n'  # row 4: no such time
        + '2024-05-16,x,x,8:00 am,,"","","",""\n'  # row 5: no mood
        + '2024-05-15,x,x,8:00 am,rad,"",""\n'  # row 6: two cells short
        + '2024-05-14,x,x,8:00 am,rad,"","","","","","surprise"\n'  # row 7: extra content
        + "\n"  # a blank line is read past
        + 'soon,x,x,later,meh,"","","",""\n'  # row 9: two problems on one row
    )
    assert problems(text) == [
        ("row 3, full_date", "daylio_bad_date"),
        ("row 4, time", "daylio_bad_time"),
        ("row 5, mood", "daylio_no_mood"),
        ("row 6", "daylio_columns"),
        ("row 7", "daylio_columns"),
        ("row 9, full_date", "daylio_bad_date"),
        ("row 9, time", "daylio_bad_time"),
    ]


def test_a_bad_old_date_names_the_date_column() -> None:
    text = "year,date,weekday,time,mood,activities,note\n18,18 May,x,9:00,rad,,\n"
    assert problems(text) == [("row 2, date", "daylio_bad_date")]
    text = "year,date,weekday,time,mood,activities,note\n2018,31 February,x,9:00,rad,,\n"
    assert problems(text) == [("row 2, date", "daylio_bad_date")]


def test_a_file_cut_off_inside_a_note_is_found() -> None:
    whole = text_of("daylio_8col.csv")
    cut = whole[: whole.index("Nobody said")]  # stops inside the quoted, two-line note
    assert problems(cut) == [("row 4", "daylio_unclosed_quote")]
    cut_mid_row = whole[: whole.index(",09:05") + 6]  # stops after the time of row 3
    assert problems(cut_mid_row) == [("row 3", "daylio_columns")]


def test_broken_quotes_stop_reading_but_keep_what_was_found() -> None:
    text = HEADER + '2024-05-18,x,x,25:00,rad,"","","",""\n2024-05-17,x,x,9:00,rad,"a"b,"",""\n'
    assert problems(text) == [("row 2, time", "daylio_bad_time"), ("row 3", "daylio_broken_row")]


def test_a_cell_past_what_the_reader_takes_is_named() -> None:
    text = HEADER + f'2024-05-18,x,x,9:00,rad,"","","{"x" * 200_000}",""\n'
    assert problems(text) == [("row 2", "daylio_cell_too_long")]


def test_a_sheet_of_problems_stops_at_the_cap() -> None:
    text = HEADER + '2024-05-18,x,x,later,rad,"","","",""\n' * (MAX_PROBLEMS + 50)
    found = problems(text)
    assert len(found) == MAX_PROBLEMS + 1
    assert found[-1] == ("file", "import_stopped_early")


def test_moods_compare_without_case_or_spacing() -> None:
    assert mood_key("  Meh ") == "meh"
    assert mood_key("ok  but   Sleepy") == "ok but sleepy"
    rows = read_daylio(text_of("daylio_custom_moods.csv"))
    assert unknown_moods(rows, {}) == ["sad", "ok but sleepy", "Refreshed"]
    assert unknown_moods(rows, {"SAD": 2, "Refreshed": 8}) == ["ok but sleepy"]
    with pytest.raises(KindvoiceError) as caught:
        require_known_moods(rows, {"sad": 2})
    assert caught.value.code == "daylio_unknown_moods"
    assert "“ok but sleepy”" in caught.value.params["names"]
    assert "“Refreshed”" in caught.value.params["names"]
    require_known_moods(rows, {"sad": 2, "refreshed": 8, "OK but sleepy": 5})


def test_default_moods_are_symmetric_around_the_middle() -> None:
    values = sorted(DEFAULT_MOODS.values())
    assert values == [1, 3, 5, 7, 9]
    assert DEFAULT_MOODS["meh"] == 5


def test_mood_map_options_repeat_or_split_by_commas() -> None:
    assert read_mood_map(["tired=4", "Refreshed = 8, ok but sleepy=5"]) == {
        "tired": 4,
        "Refreshed": 8,
        "ok but sleepy": 5,
    }
    assert read_mood_map([]) == {}
    assert read_mood_map(["rad=10"]) == {"rad": 10}  # a default can be moved too


def test_mood_map_mistakes_are_each_named() -> None:
    with pytest.raises(ValidationError) as caught:
        read_mood_map(["tired", "happy=11", "=3", "calm=-1", "ok=5"])
    assert caught.value.code == "mood_map_invalid"
    assert [(p.code, p.params) for p in caught.value.problems] == [
        ("mood_map_form", {"part": "tired"}),
        ("mood_map_value", {"name": "happy", "value": 11}),
        ("mood_map_form", {"part": "=3"}),
        ("mood_map_value", {"name": "calm", "value": -1}),
    ]
