"""The map of the region: each country shaded by a count, each a link.

The outlines come from Natural Earth through scripts/region_map.py, which writes
region_map.json beside this file; pages only fill in the counts and the links.
"""

import json
import math
from dataclasses import dataclass
from pathlib import Path

OUTLINES = json.loads(Path(__file__).with_name("region_map.json").read_text())

# Shades of one hue, light to dark, set in site.css: told apart by lightness alone, so
# every kind of colour vision reads them in order. Shade 0 (none) is hatched.
SHADES = 4


@dataclass(frozen=True)
class Shading:
    """Counts in at most SHADES equal ranges from 1 to the largest; the largest is darkest."""

    largest: int

    @property
    def step(self):
        return max(1, math.ceil(self.largest / SHADES))

    @property
    def ranges(self):
        return math.ceil(self.largest / self.step)

    def shade(self, n):
        if n <= 0:
            return 0
        return min(self.ranges, math.ceil(n / self.step)) + SHADES - self.ranges

    def legend(self):
        """[(shade, lowest, highest)], from none to the largest count."""
        rows = [(0, 0, 0)]
        for index in range(self.ranges):
            low = index * self.step + 1
            high = min((index + 1) * self.step, self.largest)
            rows.append((self.shade(low), low, high))
        return rows


@dataclass
class MapCountry:
    country: object
    n: int
    shade: int
    href: str


@dataclass
class Shape:
    place: MapCountry
    d: str
    # Canada and the United States link from the inset; their part of the main panel, and
    # Mexico's corner of the inset, are the same links again, left out of the tab order.
    linked: bool


@dataclass
class RegionMap:
    countries: list
    legend: list
    width: int = OUTLINES["width"]
    height: int = OUTLINES["height"]

    @property
    def panels(self):
        """[(context land, [Shape])] for the main panel, then the inset drawn over it."""
        return [(OUTLINES["context"][panel], self.shapes(panel)) for panel in ("main", "inset")]

    def shapes(self, panel):
        shapes = []
        for place in self.countries:
            outline = OUTLINES["countries"].get(place.country.code)
            if outline and outline[panel]:
                shapes.append(Shape(place, outline[panel], outline["linked_in"] == panel))
        return shapes

    @property
    def inset(self):
        left, top, right, bottom = OUTLINES["inset"]
        return {"x": left, "y": top, "width": right - left, "height": bottom - top}


def region_map(countries, counts, href=None):
    """The map of `countries` (rows with a code), shaded by `counts` ({slug: number}).

    Each country links to `href(country)`, its profile unless given.
    """
    drawn = [country for country in countries if country.code in OUTLINES["countries"]]
    shading = Shading(max((counts.get(country.slug, 0) for country in drawn), default=0))
    places = [
        MapCountry(
            country,
            counts.get(country.slug, 0),
            shading.shade(counts.get(country.slug, 0)),
            href(country) if href else country.get_absolute_url(),
        )
        for country in sorted(drawn, key=lambda country: country.name)
    ]
    return RegionMap(places, shading.legend())
