"""The archive's chart of papers per month, laid out here and drawn by the template as
inline SVG: no chart script, colours from the stylesheet (so both colour schemes work),
and a text summary for screen readers."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from bitext.model import Month

BAR_WIDTH = 10
GAP = 3
HEIGHT = 120
LABEL_SPACE = 20
MIN_WIDTH = 40


@dataclass(frozen=True)
class Bar:
    x: int
    y: float
    height: float
    month: dt.date
    count: int
    url: str | None
    """The month's page; None for a month without papers."""


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    years: tuple[tuple[int, int], ...]
    """(x, year) where each year's January (or the first month) starts."""
    width: int
    height: int
    most: int
    busiest: dt.date | None


def month_chart(months: tuple[Month, ...]) -> Chart:
    """Every month from the first to the last paper, oldest first, empty months included."""
    if not months:
        return Chart((), (), 0, HEIGHT + LABEL_SPACE, 0, None)
    by_key = {month.key: month for month in months}
    first, last = months[-1].first_day, months[0].first_day
    most = max(month.count for month in months)
    bars, years = [], []
    day, x = first, 0
    while day <= last:
        month = by_key.get(f"{day:%Y-%m}")
        count = month.count if month else 0
        height = HEIGHT * count / most
        bars.append(Bar(x, HEIGHT - height, height, day, count, month.url if month else None))
        if day.month == 1 or day == first:
            years.append((x, day.year))
        x += BAR_WIDTH + GAP
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    busiest = max(months, key=lambda month: (month.count, month.key)).first_day
    # At least wide enough for a year's label under a single bar.
    return Chart(tuple(bars), tuple(years), max(x - GAP, MIN_WIDTH), HEIGHT + LABEL_SPACE, most,
                 busiest)


def tag_sizes(counts: dict[str, int], steps: int = 5) -> dict[str, int]:
    """A size from 1 to `steps` for each tag, by the logarithm of its count, so that one
    huge tag does not make all others look the same."""
    if not counts:
        return {}
    low, high = math.log(min(counts.values())), math.log(max(counts.values()))
    span = high - low or 1
    return {slug: 1 + round((math.log(count) - low) / span * (steps - 1))
            for slug, count in counts.items()}
