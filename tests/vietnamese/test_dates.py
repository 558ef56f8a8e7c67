import unicodedata
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.vietnamese.dates import (
    VIETNAM,
    FoundDate,
    display_date,
    find_date,
    find_dates,
    parse_machine_date,
    to_utc_iso,
)


def isos(text: str) -> list[str]:
    return [found.iso() for found in find_dates(text)]


@pytest.mark.parametrize(("text", "expected"), [
    # Dates written out.
    ("Ngày 28 tháng 12 năm 2016, tại huyện Cờ Đỏ", "2016-12-28"),
    ("Sáng ngày 9 tháng 3 năm 2017, Liên đoàn Lao động", "2017-03-09"),
    ("NGÀY 01 THÁNG 02 NĂM 2021", "2021-02-01"),
    ("Cần Thơ, ngày 5 tháng 6, năm 2019", "2019-06-05"),
    # Numeric, day first, with "/", "-" or ".".
    ("Thứ ba, ngày 25/11/2014", "2014-11-25"),
    ("Ngày 09/3/2017, Liên đoàn Lao động phối hợp", "2017-03-09"),
    ("Vào ngày 16/12/2016 Cụm thi đua Mặt trận Tổ quốc", "2016-12-16"),
    ("18-01-2021", "2021-01-18"),
    ("05.07.2023", "2023-07-05"),
    ("(1/6/2020)", "2020-06-01"),
    ("2021-01-18", "2021-01-18"),
    ("Ngày 29/02/2020", "2020-02-29"),
    # With a time after the date.
    ("18/01/2021 - 14:18", "2021-01-18T14:18:00+07:00"),
    ("Cập nhật ngày 09/07/2020 04:05:37 AM", "2020-07-09T04:05:37+07:00"),
    ("Cập nhật ngày 09/07/2020 02:10:05 PM", "2020-07-09T14:10:05+07:00"),
    ("09/07/2020 12:30 AM", "2020-07-09T00:30:00+07:00"),
    ("09/07/2020 12:30 PM", "2020-07-09T12:30:00+07:00"),
    ("09/07/2020 8:05 p.m.", "2020-07-09T20:05:00+07:00"),
    ("7/9/2020 10:15:32 SA", "2020-09-07T10:15:32+07:00"),
    ("7/9/2020 3:15:32 CH", "2020-09-07T15:15:32+07:00"),
    ("Ngày đăng: 08/07/2024 11:38", "2024-07-08T11:38:00+07:00"),
    ("Thứ Hai, 18/1/2021, 14:18 (GMT+7)", "2021-01-18T14:18:00+07:00"),
    ("Ngày 12/5/2019 lúc 9h", "2019-05-12T09:00:00+07:00"),
    ("2021-01-18 14:18:00", "2021-01-18T14:18:00+07:00"),
    # With a time before the date.
    ("09:47, 15/03/2021", "2021-03-15T09:47:00+07:00"),
    ("Cập nhật lúc: 09:24 |23/07/2014", "2014-07-23T09:24:00+07:00"),
    ("14h30 ngày 12/5/2019", "2019-05-12T14:30:00+07:00"),
    ("Vào lúc 8 giờ 30 phút, ngày 28 tháng 12 năm 2016", "2016-12-28T08:30:00+07:00"),
    ("2 giờ chiều ngày 12/5/2019", "2019-05-12T14:00:00+07:00"),
    ("8h tối thứ Bảy, ngày 12/5/2019", "2019-05-12T20:00:00+07:00"),
    ("7h sáng ngày 12/5/2019", "2019-05-12T07:00:00+07:00"),
    ("14h00 chiều 12/5/2019", "2019-05-12T14:00:00+07:00"),
    ("12h trưa ngày 12/5/2019", "2019-05-12T12:00:00+07:00"),
])
def test_visible_dates(text: str, expected: str) -> None:
    assert isos(text) == [expected]


@pytest.mark.parametrize("text", [
    "Sáng 18-1, Liên đoàn Lao động tỉnh An Giang",
    "HĐND - Ngày 08/7, tại Nhà thiếu nhi tỉnh",
    "giai đoạn 2015 - 2020./.",
    "nhiệm kỳ 2018-2023",
    "nhiệm kỳ 2018 - 2023",
    "4/6 tập thể được khen thưởng",
    "Điện thoại: 0292.3820.138 - 0913.123.456",
    "ĐT: (0292) 3.820.138; Fax: 0292-3820-139",
    "10.000 sáng kiến",
    "62.300.000 đồng",
    "1.250.000.000 đồng",
    "Quyết định số 123/2016/QĐ-UBND",
    "tháng 12/2016",
    "Lượt xem: 256",
    "14:18",
    "31/02/2020",
    "29/02/2021",
    "00/01/2020",
    "12/13/2020",
    "32/1/2020",
    "1/1/1989",
    "1/1/2101",
    "2021-13-01",
    "18/01/21",
    "",
])
def test_not_full_dates(text: str) -> None:
    assert find_dates(text) == []
    assert find_date(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("18/01/2021\n14:18", ["2021-01-18"]),  # a time on the next line is another matter
    ("18/01/2021 25:00", ["2021-01-18"]),
    ("18/01/2021 10:61", ["2021-01-18"]),
    ("24h ngày 12/5/2019", ["2019-05-12"]),
    ("diện tích 9ha ngày 12/5/2019", ["2019-05-12"]),
    ("18/01/2021 tổng kết, 14:18", ["2021-01-18"]),
    ("Từ 1/5/2019-30/4/2020", ["2019-05-01", "2020-04-30"]),
    ("8 giờ 15/3/2019", ["2019-03-15T08:00:00+07:00"]),
    ("15/03/2021 10:00, 16/03/2021", ["2021-03-15T10:00:00+07:00", "2021-03-16"]),
    ("09:47, 15/03/2021 | 10:12, 16/03/2021",
     ["2021-03-15T09:47:00+07:00", "2021-03-16T10:12:00+07:00"]),
    ("Ngày 28 tháng 12 năm 2016 và ngày 09/3/2017, 16/12/2016.",
     ["2016-12-28", "2017-03-09", "2016-12-16"]),
])
def test_times_attach_to_their_own_date(text: str, expected: list[str]) -> None:
    assert isos(text) == expected


def test_page_header_and_lead() -> None:
    page = ("Tin tức & sự kiện\nCập nhật ngày 09/07/2020 04:05:37 AM\nLượt xem: 256\n"
            "HĐND - Ngày 08/7, tại Nhà thiếu nhi tỉnh, giai đoạn 2015 - 2020./.")
    assert isos(page) == ["2020-07-09T04:05:37+07:00"]
    assert find_date(page) == FoundDate(datetime(2020, 7, 9, 4, 5, 37, tzinfo=VIETNAM), True)


def test_decomposed_text() -> None:
    assert isos(unicodedata.normalize("NFD", "Ngày 28 tháng 12 năm 2016")) == ["2016-12-28"]


def test_found_date_is_in_vietnam_time() -> None:
    found = find_date("18/01/2021 - 14:18")
    assert found is not None
    assert found.has_time
    assert found.value.utcoffset() == timedelta(hours=7)
    assert (found.value.hour, found.value.minute) == (14, 18)
    assert found.value == datetime(2021, 1, 18, 7, 18, tzinfo=UTC)


def test_iso() -> None:
    assert FoundDate(datetime(2016, 12, 28, tzinfo=VIETNAM), False).iso() == "2016-12-28"
    assert FoundDate(datetime(2016, 12, 28, tzinfo=VIETNAM), True).iso() == "2016-12-28T00:00:00+07:00"


@pytest.mark.parametrize(("value", "expected"), [
    ("2021-01-18T14:18:00+07:00", "2021-01-18T14:18:00+07:00"),
    ("2021-01-18T07:18:00Z", "2021-01-18T14:18:00+07:00"),
    ("2021-01-18T07:18:00+00:00", "2021-01-18T14:18:00+07:00"),
    ("2021-01-18T20:18:00Z", "2021-01-19T03:18:00+07:00"),
    ("2021-01-18T14:18:00.123456+0700", "2021-01-18T14:18:00+07:00"),
    ("2021-01-18T14:18", "2021-01-18T14:18:00+07:00"),
    ("2021-01-18 14:18:00", "2021-01-18T14:18:00+07:00"),
    ("  2021-01-18T14:18:00+07:00\n", "2021-01-18T14:18:00+07:00"),
    ("2021-01-18", "2021-01-18"),
    ("Mon, 18 Jan 2021 07:18:00 GMT", "2021-01-18T14:18:00+07:00"),
    ("Mon, 18 Jan 2021 14:18:00 +0700", "2021-01-18T14:18:00+07:00"),
    ("18/01/2021 14:18", "2021-01-18T14:18:00+07:00"),
])
def test_parse_machine_date(value: str, expected: str) -> None:
    found = parse_machine_date(value)
    assert found is not None
    assert found.iso() == expected
    assert found.value.utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize("value", [
    "", "   ", "garbage", "null", "undefined", "2021-13-45", "2021-02-30T10:00:00",
    "2021-01-18T25:00:00", "2021-01-18Tfoo", "0001-01-01T00:00:00", "1970-01-01T00:00:00Z",
    "9999-12-31T23:59:59+00:00", "Mon, 32 Jan 2021 07:18:00 GMT", "1610954280",
])
def test_parse_machine_date_rejects_garbage(value: str) -> None:
    assert parse_machine_date(value) is None


@pytest.mark.parametrize(("value", "expected"), [
    ("2021-01-18T14:18:00+07:00", "2021-01-18T07:18:00Z"),
    ("2021-01-18T03:00:00+07:00", "2021-01-17T20:00:00Z"),
    ("2021-01-18", "2021-01-18"),  # a calendar date is kept, not shifted to 17:00 the day before
])
def test_to_utc_iso(value: str, expected: str) -> None:
    found = parse_machine_date(value)
    assert found is not None
    assert to_utc_iso(found) == expected


@given(st.dates(date(1990, 1, 1), date(2100, 12, 31)), st.sampled_from("/-."), st.booleans())
def test_any_valid_date_is_found(day: date, sep: str, padded: bool) -> None:
    text = f"{day.day:02}{sep}{day.month:02}{sep}{day.year}" if padded else \
        f"{day.day}{sep}{day.month}{sep}{day.year}"
    assert find_dates(f"Ngày {text}, tại") == [FoundDate(datetime.combine(day, time(), VIETNAM), False)]


@given(st.dates(date(1990, 1, 1), date(2100, 12, 31)), st.times().map(lambda t: t.replace(microsecond=0)))
def test_any_valid_time_is_attached(day: date, clock: time) -> None:
    found = find_date(f"{day:%d/%m/%Y} {clock:%H:%M:%S}")
    assert found == FoundDate(datetime.combine(day, clock, VIETNAM), True)
    assert parse_machine_date(to_utc_iso(found)) == found


date_noise = st.text(alphabet="0123456789/.-: hHgiờAPMSCtháng nămngày,|\n", max_size=80)


@given(st.one_of(st.text(), date_noise))
def test_never_raises(text: str) -> None:
    for found in find_dates(text):
        assert found.value.utcoffset() == timedelta(hours=7)
        assert 1990 <= found.value.year <= 2100
    parse_machine_date(text)


@pytest.mark.parametrize(("stored", "shown"), [
    ("2020-01-01T03:00:00Z", "2020-01-01T10:00:00+07:00"),  # the store's UTC, printed in Vietnam time
    ("2026-12-04T15:48:19+00:00", "2026-12-04T22:48:19+07:00"),  # a first_seen / finished stamp
    ("2014-11-25T08:15:00+07:00", "2014-11-25T08:15:00+07:00"),
    ("2014-11-25", "2014-11-25"),  # the day only: no time is made up
    (None, None),
])
def test_one_convention_for_every_output(stored: str | None, shown: str | None) -> None:
    assert display_date(stored) == shown
