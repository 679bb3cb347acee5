"""Property tests: the status derived from any coherent history is right on every day."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from registry import history
from registry.history import Step

JOINING = ["endorsement", "signature", "accession", "principles"]
START = date(2012, 12, 5)


@st.composite
def coherent_histories(draw):
    """Alternating joining and withdrawal actions on strictly increasing dates."""
    gaps = draw(st.lists(st.integers(min_value=1, max_value=800), min_size=1, max_size=8))
    steps, day = [], START
    for index, gap in enumerate(gaps):
        day += timedelta(days=gap)
        if index % 2:
            kind = "withdrawal"
        else:
            kind = draw(st.sampled_from(JOINING)) if index == 0 else "re-accession"
        steps.append(Step(kind, day, index + 1))
    return steps


@given(coherent_histories(), st.integers(min_value=-10, max_value=6000))
def test_participating_exactly_between_joining_and_withdrawal(steps, offset):
    day = START + timedelta(days=offset)
    assert history.problems(steps) == []
    latest = [s for s in steps if s.date <= day]
    expected = bool(latest) and latest[-1].kind != "withdrawal"
    assert history.participating_on(steps, day) == expected


@given(coherent_histories(), st.integers(min_value=-10, max_value=6000))
def test_standing_reports_the_latest_period(steps, offset):
    day = START + timedelta(days=offset)
    standing = history.standing(steps, day)
    begun = [s for s in steps if s.date <= day]
    if not begun:
        assert standing is None
        return
    joins = [s for s in begun if s.kind != "withdrawal"]
    assert standing.began == joins[-1].date
    if begun[-1].kind == "withdrawal":
        assert standing.ended == begun[-1].date
    else:
        assert standing.ended is None


@given(coherent_histories())
def test_periods_do_not_overlap_and_follow_the_actions(steps):
    periods = history.periods(steps)
    assert len(periods) == (len(steps) + 1) // 2
    for earlier, later in zip(periods, periods[1:], strict=False):
        assert earlier.ended is not None and earlier.ended <= later.began


@given(coherent_histories(), st.data())
def test_an_action_repeated_a_day_later_is_a_problem(steps, data):
    index = data.draw(st.integers(min_value=0, max_value=len(steps) - 1))
    original = steps[index]
    repeated = Step(original.kind, original.date + timedelta(days=1), 99)
    assert history.problems(steps[: index + 1] + [repeated] + steps[index + 1 :]) != []


@given(coherent_histories())
def test_order_of_input_does_not_matter(steps):
    assert history.periods(list(reversed(steps))) == history.periods(steps)
