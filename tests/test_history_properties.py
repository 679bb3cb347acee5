"""Property tests: membership status and reporting status, derived for any history and date."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from registry.rules import cycle, history
from registry.rules.history import Step
from registry.storage.models import Report

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


# -- the reporting status derived from membership, report and dates ------------------


DAYS = st.integers(min_value=0, max_value=5000).map(lambda n: START + timedelta(days=n))


@given(due=DAYS, as_of=DAYS, received=st.none() | DAYS, kept_since=st.none() | DAYS,
       member_on_due=st.booleans(), member_now=st.booleans())
def test_reporting_status_follows_the_rules(due, as_of, received, kept_since, member_on_due, member_now):
    report = Report(country="FR", cycle="x", received=received) if received else None
    status = cycle.obligation(
        cycle.Cycle("x", "implementation", due), member_on_due=member_on_due, member_now=member_now,
        report=report, as_of=as_of, records_kept_since=kept_since,
    ).status
    if received and received <= as_of:
        assert status == (cycle.RECEIVED_ON_TIME if received <= due else cycle.RECEIVED_LATE)
    elif due > as_of:
        assert status == (cycle.NOT_YET_DUE if member_now else cycle.NOT_OWED)
    elif not member_on_due:
        assert status == cycle.NOT_OWED
    elif kept_since and due < kept_since:
        assert status == cycle.NO_RECORD  # never "overdue" for want of records
    else:
        assert status == cycle.OVERDUE
    if status == cycle.OVERDUE:
        assert member_on_due and due <= as_of and (kept_since is None or due >= kept_since)
