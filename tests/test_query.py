"""Filters built from what a user types: checked and put in the store's terms, or refused with a reason."""
from __future__ import annotations

import pytest

from warlog.errors import BadArgument
from warlog.query import Filters


@pytest.mark.parametrize("value", ["2019", "2019-05", "2019-05-31", "2020-02-29"])
def test_query_dates_in_iso_forms_pass(value):
    assert Filters.parse(since=value, until=value).since == value


@pytest.mark.parametrize("option,value,reason", [
    ("since", "yesterday", "'yesterday' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"),
    ("until", "2019-13-45", "'2019-13-45' is not a real date (month must be in 1..12)"),
    ("since", "2019-02-30", "'2019-02-30' is not a real date (day is out of range for month)"),
    ("until", "19", "'19' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"),
    ("since", "2019-5", "'2019-5' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_query_dates_refused_with_the_option(option, value, reason):
    with pytest.raises(BadArgument) as err:
        Filters.parse(**{option: value})
    assert (err.value.path, err.value.reason, err.value.exit_status) == (f"--{option}", reason, 2)


@pytest.mark.parametrize("value,code", [("MLI", "ML"), ("ML", "ML"), ("mli", "ML"), ("Mali", "ML"),
                                        ("burkina faso", "BF"), ("BFA", "BF"), ("Ivory Coast", "CI"),
                                        ("Niger", "NE"), ("NER", "NE")])
def test_query_country_by_name_alpha2_or_alpha3(value, code):
    assert Filters.parse(country=value).country == code


@pytest.mark.parametrize("value", ["Narnia", "XX", "ZZZ", "M"])
def test_query_unknown_country_refused(value):
    with pytest.raises(BadArgument, match=f"unknown country '{value}'") as err:
        Filters.parse(country=value)
    assert err.value.path == "--country"


@pytest.mark.parametrize("value,canonical", [("battles", "Battles"), ("SUICIDE BOMB", "Suicide bomb"),
                                             ("Remote explosive/landmine/IED", "Remote explosive/landmine/IED"),
                                             ("violence against civilians", "Violence against civilians")])
def test_query_type_is_a_known_acled_type_any_case(value, canonical):
    assert Filters.parse(type=value).type == canonical


@pytest.mark.parametrize("value", ["Bombing", "Peaceful protest"])
def test_query_unknown_type_refused_with_the_list(value):
    with pytest.raises(BadArgument) as err:
        Filters.parse(type=value)
    assert err.value.path == "--type" and err.value.reason.startswith(f"unknown event type '{value}'; known: ")
    assert "Battles" in err.value.reason and "Suicide bomb" in err.value.reason


@pytest.mark.parametrize("option,value,reason", [
    ("limit", 0, "must be 1 or more (got 0)"), ("limit", -3, "must be 1 or more (got -3)"),
    ("min_killed", -1, "must be 0 or more (got -1)"),
])
def test_query_counts_below_their_floor_refused(option, value, reason):
    with pytest.raises(BadArgument) as err:
        Filters.parse(**{option: value})
    assert (err.value.path, err.value.reason) == ("--" + option.replace("_", "-"), reason)


@pytest.mark.parametrize("option,value", [("limit", 1), ("min_killed", 0)])
def test_query_counts_at_their_floor_pass(option, value):
    assert getattr(Filters.parse(**{option: value}), option) == value


@pytest.mark.parametrize("value", ["", "   ", "...", " ?! -- "])
def test_query_text_without_a_word_refused(value):
    with pytest.raises(BadArgument, match="nothing to search for") as err:
        Filters.parse(text=value)
    assert err.value.path == "--text"


@pytest.mark.parametrize("value", ["suicide", "Wagner Group", "l'armée"])
def test_query_text_with_words_passes(value):
    assert Filters.parse(text=value).text == value


@pytest.mark.parametrize("value", ["main", "related"])
def test_query_role_main_or_related_passes(value):
    assert Filters.parse(role=value).role == value


@pytest.mark.parametrize("value", ["Main", "side", ""])
def test_query_other_role_refused(value):
    with pytest.raises(BadArgument, match=f"role '{value}' is neither main nor related") as err:
        Filters.parse(role=value)
    assert err.value.path == "--role"
