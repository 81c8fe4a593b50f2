#!/usr/bin/env python3
"""Draw the outlines of the region's map into countries/region_map.json, from Natural Earth.

    npm ci  # brings world-atlas (Natural Earth 1:50m, public domain) into node_modules/
    .venv/bin/python scripts/region_map.py

Mexico, Central America and Hispaniola fill the map; Canada and the United States would
shrink them to a few pixels on a phone, so they sit in an inset of their own in the empty
Pacific corner. Each panel projects the shared borders (TopoJSON arcs) once, simplifies them
once, so neighbours never part, then clips to its frame. The page shades the countries by
their counts (countries/regionmap.py); run this again only to redraw the outlines, and
commit the JSON.
"""

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ATLAS = ROOT / "node_modules" / "world-atlas" / "countries-50m.json"
OUTPUT = ROOT / "countries" / "region_map.json"

# ISO 3166-1 numeric (Natural Earth's ids) to the alpha-2 codes countries are stored by.
COUNTRIES = {
    "084": "BZ",
    "124": "CA",
    "188": "CR",
    "214": "DO",
    "222": "SV",
    "320": "GT",
    "332": "HT",
    "340": "HN",
    "484": "MX",
    "558": "NI",
    "591": "PA",
    "840": "US",
}
# Canada and the United States link from the inset, the others from the main panel; a country
# seen in both panels is shaded in both.
INSET = {"CA", "US"}

WIDTH = 1000
# The main panel: west of Baja California to east of Hispaniola, Panama to the Rio Grande,
# with the Pacific below Mexico left for the inset.
WEST, EAST, SOUTH, NORTH = -117.5, -67.0, 4.5, 33.0
X_SCALE = math.cos(math.radians(20))
UNIT = WIDTH / ((EAST - WEST) * X_SCALE)
HEIGHT = round((NORTH - SOUTH) * UNIT)
# The inset's frame, in the map's units: the bottom-left corner, open sea in the main panel.
INSET_FRAME = (8, round((NORTH - 15.5) * UNIT), 390, HEIGHT - 8)
# Hawaii would stretch the inset over the Pacific for a few islands; it is left out.
HAWAII = (-162.0, -154.0, 18.0, 23.0)
# How far a simplified border may stray, and the smallest island drawn, in map units; the
# inset is drawn smaller, so it needs less detail.
DETAIL = {"main": (1.0, 4.0), "inset": (1.6, 20.0)}


def decode(topology):
    """Every arc as a list of (longitude, latitude)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def polygons(geometry):
    """The geometry's polygons, each a list of rings, each a list of arc indices."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def main_projection(lon, lat):
    return (lon - WEST) * X_SCALE * UNIT, (NORTH - lat) * UNIT


def albers(lon, lat, parallels=(35.0, 65.0), centre=(-100.0, 45.0)):
    """Albers equal-area conic: Canada and the United States without Mercator's swelling."""
    p1, p2 = map(math.radians, parallels)
    lon0, lat0 = map(math.radians, centre)
    n = (math.sin(p1) + math.sin(p2)) / 2
    c = math.cos(p1) ** 2 + 2 * n * math.sin(p1)

    def rho(phi):
        return math.sqrt(c - 2 * n * math.sin(phi)) / n

    if lon > 0:  # the Aleutians cross the antimeridian
        lon -= 360
    theta = n * (math.radians(lon) - lon0)
    r = rho(math.radians(lat))
    return r * math.sin(theta), -(rho(lat0) - r * math.cos(theta))


def simplify(points, tolerance):
    """Douglas–Peucker, keeping both ends so neighbouring rings still meet."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            if length:
                distance = abs(dy * (x - x1) - dx * (y - y1)) / length
            else:
                distance = math.hypot(x - x1, y - y1)
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def clip(ring, frame):
    """Sutherland–Hodgman: the part of a ring inside the rectangle `frame`."""
    left, top, right, bottom = frame
    edges = [
        (lambda p: p[0] >= left, lambda a, b: cross_x(a, b, left)),
        (lambda p: p[0] <= right, lambda a, b: cross_x(a, b, right)),
        (lambda p: p[1] >= top, lambda a, b: cross_y(a, b, top)),
        (lambda p: p[1] <= bottom, lambda a, b: cross_y(a, b, bottom)),
    ]
    for inside, cross in edges:
        if not ring:
            break
        points, ring = ring, []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    ring.append(cross(previous, point))
                ring.append(point)
            elif inside(previous):
                ring.append(cross(previous, point))
            previous = point
    return ring


def cross_x(a, b, x):
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def cross_y(a, b, y):
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def area(ring):
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
            )
        )
        / 2
    )


def path(rings):
    """Rings as SVG path data in whole map units, each point relative to the one before."""
    parts = []
    for ring in rings:
        points = [(round(x), round(y)) for x, y in ring]
        steps, (px, py) = [], points[0]
        for x, y in points[1:]:
            if (x, y) != (px, py):
                steps.append(f"{x - px} {y - py}")
                px, py = x, y
        if len(steps) >= 2:
            parts.append(f"M{points[0][0]} {points[0][1]}l" + " ".join(steps) + "z")
    return "".join(parts).replace(" -", "-")


class Panel:
    def __init__(self, project, frame, detail):
        self.project = project
        self.frame = frame
        self.tolerance, self.smallest = detail
        self.cache = {}

    def arc(self, arcs, index):
        """Arc `index` projected and simplified once, reversed when the index is negative."""
        key = index if index >= 0 else ~index
        if key not in self.cache:
            self.cache[key] = simplify([self.project(*p) for p in arcs[key]], self.tolerance)
        points = self.cache[key]
        return points if index >= 0 else points[::-1]

    def rings(self, arcs, geometry, keep=lambda ring: True):
        drawn = []
        for polygon in polygons(geometry):
            for ring_arcs in polygon:
                ring = []
                for index in ring_arcs:
                    points = self.arc(arcs, index)
                    ring += points[1:] if ring else points
                if not keep(ring):
                    continue
                clipped = clip(ring, self.frame)
                if clipped and area(clipped) >= self.smallest:
                    drawn.append(clipped)
        return drawn


def fitted(project, lonlats, frame, margin=10):
    """`project` scaled and moved so the points `lonlats` fill `frame`."""
    points = [project(lon, lat) for lon, lat in lonlats]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    left, top, right, bottom = frame
    scale = min(
        (right - left - 2 * margin) / (max(xs) - min(xs)),
        (bottom - top - 2 * margin) / (max(ys) - min(ys)),
    )
    dx = left + (right - left - scale * (max(xs) - min(xs))) / 2 - scale * min(xs)
    dy = top + (bottom - top - scale * (max(ys) - min(ys))) / 2 - scale * min(ys)

    def fitted_projection(lon, lat):
        x, y = project(lon, lat)
        return x * scale + dx, y * scale + dy

    return fitted_projection


def not_hawaii(project):
    west, east, south, north = HAWAII
    corners = [project(west, south), project(east, north)]
    left, right = sorted(x for x, _ in corners)
    top, bottom = sorted(y for _, y in corners)

    def keep(ring):
        x, y = ring[0]
        return not (left <= x <= right and top <= y <= bottom)

    return keep


def in_the_americas(arcs, geometry):
    """Whether the conic projection of the inset can draw it (Greenland yes, Europe no)."""
    return all(
        lon <= -10 and lat >= 5
        for polygon in polygons(geometry)
        for ring in polygon
        for index in ring
        for lon, lat in arcs[~index if index < 0 else index]
    )


def main():
    if not ATLAS.exists():
        sys.exit(f"{ATLAS} is missing: run `npm ci` first.")
    topology = json.loads(ATLAS.read_text())
    arcs = decode(topology)
    geometries = topology["objects"]["countries"]["geometries"]
    by_id = {g.get("id"): g for g in geometries}

    main_panel = Panel(main_projection, (0, 0, WIDTH, HEIGHT), DETAIL["main"])
    north = [
        arcs[~i if i < 0 else i]
        for code in ("124", "840")
        for polygon in polygons(by_id[code])
        for ring in polygon
        for i in ring
    ]
    keep = not_hawaii(albers)
    inset_points = [p for arc in north for p in arc if keep([albers(*p)])]
    inset = Panel(fitted(albers, inset_points, INSET_FRAME), INSET_FRAME, DETAIL["inset"])

    shapes = {}
    for numeric, code in COUNTRIES.items():
        geometry = by_id[numeric]
        shapes[code] = {
            "main": path(main_panel.rings(arcs, geometry)),
            "inset": path(inset.rings(arcs, geometry, not_hawaii(inset.project))),
            "linked_in": "inset" if code in INSET else "main",
        }
    context = {"main": [], "inset": []}
    for geometry in geometries:
        if geometry.get("id") in COUNTRIES:
            continue
        context["main"] += main_panel.rings(arcs, geometry)
        if in_the_americas(arcs, geometry):
            context["inset"] += inset.rings(arcs, geometry)
    OUTPUT.write_text(
        json.dumps(
            {
                "source": "Natural Earth 1:50m via world-atlas 2.0.2 (public domain)",
                "width": WIDTH,
                "height": HEIGHT,
                "inset": INSET_FRAME,
                "countries": shapes,
                "context": {panel: path(rings) for panel, rings in context.items()},
            },
            indent=1,
        )
        + "\n"
    )
    print(f"{OUTPUT.relative_to(ROOT)}: {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
