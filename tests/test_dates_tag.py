"""``{% numeric_date %}`` (site/templatetags/dates.py): the date as Germans write it, with
the ISO date for machines, in the site's time zone."""

import datetime

from django.template import Context, Template
from django.utils import timezone


def render(value):
    return Template("{% load dates %}{% numeric_date value %}").render(Context({"value": value}))


def test_a_date():
    assert render(datetime.date(2004, 3, 7)) == '<time datetime="2004-03-07">07.03.2004</time>'


def test_an_aware_datetime_is_shown_as_its_day_in_berlin():
    # 23:30 UTC on 31 December is already New Year's Day in Berlin.
    moment = datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC)
    assert render(moment) == '<time datetime="2026-01-01">01.01.2026</time>'


def test_it_matches_djangos_date_filter():
    moment = timezone.now()
    expected = Template(
        "<time datetime=\"{{ value|date:'Y-m-d' }}\">{{ value|date:'d.m.Y' }}</time>"
    ).render(Context({"value": moment}))
    assert render(moment) == expected


def test_no_date_gives_nothing():
    assert render(None) == ""
    assert render("") == ""
