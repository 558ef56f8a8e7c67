"""Dates as Vietnamese pages print them (day before month, always) and as metadata gives them."""

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime

VIETNAM = timezone(timedelta(hours=7))  # UTC+07:00 all year, no daylight saving
_YEARS = range(1990, 2101)
_SPACE = r"[^\S\n]"  # whitespace within one line

# Only full dates: a day and a month without a year ("Sáng 18-1", "4/6 tập thể") are not dates.
# The edges keep dates out of longer number runs: phone numbers, "62.300.000", "2018-2023".
_DATE = rf"""(?<!\d)(?<!\d[./])(?:
        (?P<day>\d{{1,2}})(?P<sep>[/.-])(?P<month>\d{{1,2}})(?P=sep)(?P<year>\d{{4}})
      | (?P<iso_year>\d{{4}})-(?P<iso_month>\d{{2}})-(?P<iso_day>\d{{2}})
      | (?P<long_day>\d{{1,2}}){_SPACE}+tháng{_SPACE}+(?P<long_month>\d{{1,2}}){_SPACE}*,?{_SPACE}*
        năm{_SPACE}+(?P<long_year>\d{{4}})
    )(?!\d)(?![./]\d)"""

# "14:18", "04:05:37 AM", "14h30", "9h", "8 giờ 30 phút", optionally "sáng"/"chiều"/...;
# "SA"/"CH" are the Vietnamese AM/PM of Windows-made pages.
_TIME = rf"""(?<![\w.])(?P<hour>\d{{1,2}})(?:
        :(?P<minute>\d{{2}})(?::(?P<second>\d{{2}}))?(?![\d:])
      | h(?P<h_minute>\d{{2}})?(?!\w)
      | {_SPACE}*giờ(?:{_SPACE}*(?P<g_minute>\d{{1,2}})(?:{_SPACE}*phút)?)?(?!\w)(?![./]\d)
    )
    (?:{_SPACE}*(?P<meridiem>[ap]\.?m\b\.?|(?-i:SA|CH)\b))?
    (?:{_SPACE}+(?P<period>sáng|trưa|chiều|tối|đêm)\b)?"""
# One scan, dates first: tokens come in order and never overlap.
_TOKEN = re.compile(f"(?P<date>{_DATE})|(?P<clock>{_TIME})", re.IGNORECASE | re.VERBOSE)

# What may stand between a date and its time on one line: "18/01/2021 - 14:18", "09:47, 15/03/2021",
# "09:24 |23/07/2014", "14h30 ngày 12/5/2019", "10:00 thứ Ba, ngày 25/11/2014".
_GAP = re.compile(
    rf"""(?:{_SPACE}|[,;|:()\[\]\-\u2013\u2014]
      | (?:lúc|vào|ngày|hôm|thứ{_SPACE}+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ{_SPACE}+nhật|cn
          |sáng|trưa|chiều|tối|đêm)\b
    )*""",
    re.IGNORECASE | re.VERBOSE,
)
_MAX_GAP = 40

# Hours a period word moves into the afternoon: "2 giờ chiều" is 14:00, "1h trưa" 13:00.
_AFTERNOON = {"chiều": range(1, 12), "tối": range(1, 12), "trưa": range(1, 6)}

_ISO_START = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class FoundDate:
    value: datetime  # timezone-aware, in +07:00; midnight when has_time is False
    has_time: bool

    def iso(self) -> str:
        """The date as YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS+07:00 when the time is known."""
        if not self.has_time:
            return self.value.date().isoformat()
        return self.value.isoformat(timespec="seconds")


_FIELDS = (("year", "month", "day"), ("iso_year", "iso_month", "iso_day"),
           ("long_year", "long_month", "long_day"))


def _date(match: re.Match[str]) -> date | None:
    year, month, day = next(
        (int(match[y]), int(match[m]), int(match[d])) for y, m, d in _FIELDS if match[y]
    )
    if year not in _YEARS:
        return None
    try:
        return date(year, month, day)
    except ValueError:  # 31/02, 00/13 ...
        return None


def _time(match: re.Match[str]) -> time | None:
    hour = int(match["hour"])
    minute = int(match["minute"] or match["h_minute"] or match["g_minute"] or 0)
    second = int(match["second"] or 0)
    meridiem = (match["meridiem"] or "").lower()[:1]
    # 12 AM is midnight, 12 PM noon; a 24-hour clock with a stray suffix ("14:18 PM") is kept.
    if meridiem and 1 <= hour <= 12:
        hour = hour % 12 + (12 if meridiem in "pc" else 0)
    elif not meridiem and match["period"] and hour in _AFTERNOON.get(match["period"].lower(), ()):
        hour += 12
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def _gap(between: str) -> int | None:
    """Length of what separates a date from a time, None if they do not belong together."""
    return len(between) if len(between) <= _MAX_GAP and _GAP.fullmatch(between) else None


def find_dates(text: str) -> list[FoundDate]:
    """Every full date in the text, in order, with the time printed next to it if any."""
    text = unicodedata.normalize("NFC", text)
    tokens: list[tuple[int, int, date | None, time | None]] = [
        (m.start(), m.end(), _date(m), None) if m["date"] else (m.start(), m.end(), None, _time(m))
        for m in _TOKEN.finditer(text)
    ]
    tokens = [token for token in tokens if token[2] or token[3]]  # drop 31/02/2020, 25:00 ...
    found: list[FoundDate] = []
    claimed: set[int] = set()  # a time belongs to one date only
    for i, (start, end, day, _) in enumerate(tokens):
        if day is None:
            continue
        # (text between, tie-break, index): the nearer time wins, the one after on a tie.
        candidates = []
        if i + 1 < len(tokens):
            candidates.append((text[end:tokens[i + 1][0]], 0, i + 1))
        if i > 0 and i - 1 not in claimed:
            candidates.append((text[tokens[i - 1][1]:start], 1, i - 1))
        options = [(size, tie, j) for between, tie, j in candidates
                   if tokens[j][3] is not None and (size := _gap(between)) is not None]
        clock = None
        if options:
            chosen = min(options)[2]
            claimed.add(chosen)
            clock = tokens[chosen][3]
        found.append(FoundDate(datetime.combine(day, clock or time(), VIETNAM), clock is not None))
    return found


def find_date(text: str) -> FoundDate | None:
    """The first full date in the text."""
    dates = find_dates(text)
    return dates[0] if dates else None


def parse_machine_date(value: str) -> FoundDate | None:
    """A date from a meta tag or JSON-LD: ISO 8601 / RFC 3339 or RFC 2822, put in +07:00.

    Without an offset the time is Vietnam's. Other strings fall back to the visible formats
    ("18/01/2021 14:18").
    """
    value = value.strip()
    iso = bool(_ISO_START.match(value))
    try:
        if iso and len(value) == 10:
            return _machine(datetime.combine(date.fromisoformat(value), time()), has_time=False)
        parsed = datetime.fromisoformat(value) if iso else parsedate_to_datetime(value)
        return _machine(parsed, has_time=True)
    except (TypeError, ValueError, IndexError, OverflowError):
        # A broken ISO stamp is garbage; anything else may be a date as pages print it.
        return None if iso else find_date(value)


def _machine(parsed: datetime, has_time: bool) -> FoundDate | None:
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=VIETNAM)
    parsed = parsed.astimezone(VIETNAM).replace(microsecond=0)  # may overflow at year 9999
    # CMS placeholders ("0001-01-01T00:00:00", the Unix epoch) are no dates.
    return FoundDate(parsed, has_time) if parsed.year in _YEARS else None


def display_date(value: str | None) -> str | None:
    """A stored or machine date as every output prints it (extract, search hits, exports, stats,
    the API): ISO 8601 in Vietnam time (+07:00) when it has a time, YYYY-MM-DD when only the day.
    The store keeps UTC ("...Z") for sorting; this is the one way back. Other text is left as it is."""
    found = parse_machine_date(value) if value else None
    return found.iso() if found else value


def to_utc_iso(found: FoundDate) -> str:
    """Storage form: "YYYY-MM-DDTHH:MM:SSZ"; a bare date stays "YYYY-MM-DD" (it is no instant)."""
    if not found.has_time:
        return found.value.date().isoformat()
    return found.value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def period_bounds(period: str) -> tuple[str, str]:
    """The first and last day of a year ("2016") or a month ("2016-02"), as YYYY-MM-DD."""
    year, _, month = period.partition("-")
    if not month:
        return f"{year}-01-01", f"{year}-12-31"
    last = calendar.monthrange(int(year), int(month))[1]
    return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
