#!/usr/bin/env python3
"""Print speed, size and query figures for the main public pages.

    python scripts/bench.py [--extra 500] [--repeat 30]

Builds a throwaway SQLite catalogue (the demo content plus --extra synthetic practices, to see
how pages behave as the catalogue grows), then requests each page through Django's full
request/response cycle and prints the median and 95th-percentile time, the HTML size raw and
gzipped (what a phone on a slow link downloads), the number of database queries, and the
process's peak memory. Set DATABASE_URL to measure against PostgreSQL instead.
"""

import argparse
import gzip
import os
import resource
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database_dir):
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database_dir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalogue.settings")
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-" + "x" * 40)
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ["DJANGO_LOG_LEVEL"] = "ERROR"
    import django

    warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic here
    django.setup()
    # Manifest storage needs collectstatic; the figures here are about pages, not assets.
    from django.conf import settings

    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_initial_data", verbosity=0)


def add_synthetic_practices(count):
    from countries.models import Country
    from practices.models import Practice, Source, Theme
    from tests.factories import make_practice

    countries = list(Country.objects.all())
    themes = list(Theme.objects.all())
    sources = list(Source.objects.all()[:1])
    for i in range(count):
        make_practice(
            countries=countries[i % len(countries) : i % len(countries) + 2],
            themes=themes[i % len(themes) : i % len(themes) + 2],
            sources=sources,
            start_year=2000 + i % 25,
        )
    return Practice.objects.published().count()


# Targets for a page read on a phone over a slow link: its HTML in the first round trips
# (about 14 KB gzipped), a server time well under what the network adds, few queries.
PAGE_TARGETS = {"median": 100.0, "gzip_kb": 14.0, "queries": 20}
# Downloads and the sitemap grow with the catalogue by design; they get a time target only.
BULK_PAGES = {"CSV export", "sitemap", "feed"}
BULK_MEDIAN_MS = 1000.0
MEMORY_TARGET_MB = 250


def spanish_url(entry):
    from django.utils.translation import override

    with override("es"):
        return entry.get_absolute_url()


def meets_targets(name, row):
    if name in BULK_PAGES:
        missed = ["median"] if row["median"] > BULK_MEDIAN_MS else []
    else:
        missed = [key for key, limit in PAGE_TARGETS.items() if row[key] > limit]
    if row["status"] != 200:
        missed.append(f"status {row['status']}")
    return "met" if not missed else "MISSED: " + ", ".join(missed)


def measure(client, path, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(path, headers={"accept-language": "es"})
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    body = response.content
    return {
        "status": response.status_code,
        "median": statistics.median(timings),
        "p95": sorted(timings)[max(0, int(len(timings) * 0.95) - 1)],
        "kb": len(body) / 1024,
        "gzip_kb": len(gzip.compress(body)) / 1024,
        "queries": len(queries),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", type=int, default=500, help="synthetic practices to add")
    parser.add_argument("--repeat", type=int, default=30, help="requests per page")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as database_dir:
        setup(database_dir)
        total = add_synthetic_practices(args.extra)
        from django.test import Client

        from countries.models import Country
        from practices.models import Practice, Programme

        practice = Practice.objects.published().order_by("pk").first()
        programmes = list(Programme.objects.published().values_list("pk", flat=True)[:3])
        country = Country.objects.get(code="PA")
        pages = {
            "home": "/es/",
            "practice list": "/es/practices/",
            "list, searched": "/es/practices/?q=regularizacion",
            "list, filtered": f"/es/practices/?country={country.slug}&level=local",
            "list, page 5": "/es/practices/?page=5",
            "practice": spanish_url(practice),
            "country": f"/es/countries/{country.slug}/",
            "countries": "/es/countries/",
            "programmes": "/es/programmes/",
            "compare 3": "/es/programmes/compare/?"
            + "&".join(f"programme={pk}" for pk in programmes),
            "CSV export": "/es/practices/?format=csv",
            "feed": "/es/feed/",
            "sitemap": "/sitemap.xml",
            "recommendations": "/es/recommendations/",
            "forums": "/es/forums/",
        }
        client = Client()
        for path in pages.values():  # warm caches and template loading
            client.get(path)
        print(f"Catalogue: {total} published practices; {args.repeat} requests per page.\n")
        header = f"{'page':<16}{'status':>7}{'median ms':>11}{'p95 ms':>9}"
        header += f"{'KB':>9}{'gzip KB':>9}{'queries':>9}  target"
        print(header)
        print("-" * len(header))
        missed = []
        for name, path in pages.items():
            row = measure(client, path, args.repeat)
            verdict = meets_targets(name, row)
            if verdict != "met":
                missed.append(name)
            print(
                f"{name:<16}{row['status']:>7}{row['median']:>11.1f}{row['p95']:>9.1f}"
                f"{row['kb']:>9.1f}{row['gzip_kb']:>9.1f}{row['queries']:>9}  {verdict}"
            )
        css = (ROOT / "static/css/site.css").read_bytes()
        print(
            f"\nsite.css: {len(css) / 1024:.1f} KB "
            f"({len(gzip.compress(css)) / 1024:.1f} KB gzipped), the only stylesheet on screen"
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        memory = "met" if peak <= MEMORY_TARGET_MB else f"MISSED (> {MEMORY_TARGET_MB} MB)"
        print(f"Peak memory of this process: {peak:.0f} MB, target {memory}")
        targets = ", ".join(f"{key} <= {value}" for key, value in PAGE_TARGETS.items())
        print(
            f"Page targets: {targets} (downloads: median <= {BULK_MEDIAN_MS:.0f} ms); "
            f"missed by: {', '.join(missed) or 'none'}"
        )


if __name__ == "__main__":
    main()
