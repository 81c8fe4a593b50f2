"""Pictures of the catalogue that are also links: the country × theme matrix and the
timeline of programmes. (The map of the region is countries.regionmap.)"""

import math
from dataclasses import dataclass, field

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from countries.regionmap import Shading
from editorial.related import cached_rows

from .facets import catalogue_pairs
from .filters import PracticeFilter
from .models import Theme


@dataclass
class Bar:
    """A programme's row. Positions are "% of the timeline's width", as SVG attributes take
    them: (left, width) of the period known, and of a stretch whose start or end is not
    recorded."""

    programme: object
    known: tuple = ()
    unknown: tuple = ()
    ongoing: bool = False

    @property
    def known_end(self):
        """Where the period known ends: an ongoing programme's arrow points on from there."""
        return end_of(self.known)

    @property
    def unknown_end(self):
        return end_of(self.unknown)


def end_of(span):
    left, width = span
    return percent(float(left) + float(width))


@dataclass
class Group:
    country: object  # None for regional programmes
    bars: list = field(default_factory=list)


@dataclass
class Timeline:
    groups: list
    ticks: list  # [(year, % from the left)]

    @property
    def dated(self):
        return bool(self.ticks)


TICK_STEPS = (1, 2, 5, 10, 20, 50)
MOST_TICKS = 5


def programme_timeline(programmes, *, this_year=None):
    """One bar per programme, from its start to its end (to this year while ongoing),
    grouped by country (by name, regional ones last). Reads the programmes given: no query.
    """
    this_year = this_year or timezone.localdate().year
    programmes = list(programmes)
    years = [year for p in programmes for year in (p.start_year, p.end_year) if year]
    if any(p.is_ongoing or bool(p.start_year) != bool(p.end_year) for p in programmes):
        years.append(this_year)
    groups = {}
    for programme in programmes:
        country = programme.country
        group = groups.setdefault(country.pk if country else None, Group(country))
        group.bars.append(Bar(programme))
    ordered = sorted(
        groups.values(), key=lambda group: (group.country is None, str(group.country or ""))
    )
    if not years:
        return Timeline(ordered, [])
    first, last = min(years), max(years) + 1

    def span(start, end):
        """(left, width) of the years from `start` to `end` (exclusive)."""
        left = (start - first) / (last - first) * 100
        return percent(left), percent(max(0.0, (end - start) / (last - first) * 100))

    for group in ordered:
        for bar in group.bars:
            start, end = bar.programme.start_year, bar.programme.end_year
            if start and not end and bar.programme.is_ongoing:
                bar.known, bar.ongoing = span(start, this_year + 1), True
            elif start and not end:
                bar.known, bar.unknown = span(start, start + 1), span(start + 1, this_year + 1)
            elif end and not start:
                bar.known, bar.unknown = span(end, end + 1), span(first, end)
            elif start:
                bar.known = span(start, end + 1)
    step = next(s for s in TICK_STEPS if (last - first) / s <= MOST_TICKS)
    ticks = [
        (year, percent((year - first) / (last - first) * 100))
        for year in range(math.ceil(first / step) * step, last + 1, step)
    ]
    return Timeline(ordered, ticks)


def percent(value):
    return f"{value:.2f}"


@dataclass
class Cell:
    country: object
    n: int
    shade: int
    href: str


@dataclass
class Matrix:
    countries: list
    rows: list  # [(theme, [Cell per country])]
    legend: list


def list_link(**filters):
    """The practice list narrowed by `filters`, in the page's words (as {% list_url %})."""
    query = QueryDict(mutable=True)
    for name, value in filters.items():
        query[name] = value
    return f"{reverse('practices:list')}?{PracticeFilter.translate(query).urlencode()}"


def country_theme_matrix(countries, *, themes_in_use=False):
    """Published practices per theme (rows) and country (columns), from the catalogue's
    facet values in memory: no query once they are loaded.

    `countries` are the columns, in their order. `themes_in_use` leaves out the themes none
    of them has (a comparison's choice).
    """
    counts = catalogue_pairs("country", "theme")
    themes = list(cached_rows(Theme).values())
    shading = Shading(
        max(
            (counts.get((c.slug, t.slug), 0) for c in countries for t in themes),
            default=0,
        )
    )
    rows = []
    for theme in themes:
        cells = []
        for country in countries:
            n = counts.get((country.slug, theme.slug), 0)
            href = list_link(country=country.slug, theme=theme.slug) if n else ""
            cells.append(Cell(country, n, shading.shade(n), href))
        if not themes_in_use or any(cell.n for cell in cells):
            rows.append((theme, cells))
    return Matrix(list(countries), rows, shading.legend())
