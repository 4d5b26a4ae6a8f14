from __future__ import annotations

import pytest

from warlog import dates


@pytest.mark.parametrize("text,start,end,prec", [
    ("January 27, 2018", "2018-01-27", "2018-01-27", "day"),
    ("27 January 2018", "2018-01-27", "2018-01-27", "day"),
    ("January 5–7, 2015", "2015-01-05", "2015-01-07", "day"),
    ("5–7 January 2015", "2015-01-05", "2015-01-07", "day"),
    ("January 27 – February 2, 2018", "2018-01-27", "2018-02-02", "day"),
    # a copy that lost the dash between a day and the next month (Little Bighorn, classicistranieri)
    ("June 25June 26, 1876", "1876-06-25", "1876-06-26", "day"),
    ("March 3 May 2015", "2015-05-03", "2015-05-03", "day"),
    ("January 2015", "2015-01", "2015-01", "month"),
    # a range of months in one year (Zvornik massacre in tests/corpus)
    ("April–July 1992", "1992-04", "1992-07", "month"),
    ("2015", "2015", "2015", "year"),
    ("2018-01-27", "2018-01-27", "2018-01-27", "day"),
])
def test_dates_forms(text, start, end, prec):
    d = dates.parse(text)
    assert (d.start, d.end, d.precision) == (start, end, prec)


@pytest.mark.parametrize("text,year,expected", [("On January 7, AFP confirmed", 2015, "2015-01-07"),
                                                ("On March 4", None, None)])
def test_dates_missing_year_from_context(text, year, expected):
    d = dates.parse(text, year)
    assert (d.start if d else None) == expected
