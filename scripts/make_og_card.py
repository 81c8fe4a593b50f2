#!/usr/bin/env python3
"""Draw static/img/og-card-<language>.png, the 1200x630 images shown in link previews (Open
Graph): one per language, since a page shared in Spanish previews in Spanish.

    .venv/bin/python scripts/make_og_card.py [output directory]

Renders a small self-contained HTML page (no fonts or files from elsewhere) in Debian's
Chromium through Playwright and screenshots it at exactly 1200x630. Run it again after
changing the wording below, which follows the site's own (locale/es), and commit the PNGs.
"""

import sys
from html import escape
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

OUTPUT = ROOT / "static" / "img"
WIDTH, HEIGHT = 1200, 630

CARDS = {
    "en": {
        "mark": "RCM",
        "title": "Catalogue of good practices on migration",
        "subtitle": "Good practices and public policies of the countries of the "
        "Regional Conference on Migration",
        "topics": "Regularization · Integration · Return and reintegration",
    },
    "es": {
        "mark": "CRM",
        "title": "Catálogo de buenas prácticas en materia migratoria",
        "subtitle": "Buenas prácticas y políticas públicas de los países de la "
        "Conferencia Regional sobre Migración",
        "topics": "Regularización · Integración · Retorno y reintegración",
    },
}

PAGE = """<!doctype html>
<html lang="{language}">
<meta charset="utf-8">
<style>
  html, body {{ margin: 0; width: {width}px; height: {height}px; overflow: hidden; }}
  body {{
    box-sizing: border-box; padding: 64px 80px; background: #0b3a66; color: #fff;
    font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
    display: flex; flex-direction: column; justify-content: space-between;
    border-bottom: 14px solid #0f7a6c;
  }}
  .mark {{
    display: inline-grid; place-items: center; width: 88px; height: 88px;
    border: 4px solid #fff; border-radius: 50%; font-weight: 700; font-size: 24px;
    letter-spacing: .06em;
  }}
  h1 {{ margin: 0; font-size: 58px; line-height: 1.12; font-weight: 700; max-width: 1000px; }}
  .subtitle {{
    margin: 22px 0 0; font-size: 34px; line-height: 1.25; color: #d8e6f3; max-width: 1000px;
  }}
  .topics {{ margin: 0; font-size: 26px; line-height: 1.4; color: #fff; white-space: nowrap; }}
  .topics span {{ color: #ffbf47; }}
</style>
<body>
  <div class="mark" aria-hidden="true">{mark}</div>
  <div>
    <h1>{title}</h1>
    <p class="subtitle">{subtitle}</p>
  </div>
  <p class="topics">{topics}</p>
</body>
</html>
"""

FIT_ONE_LINE = """(selector) => {
  const line = document.querySelector(selector);
  let size = parseFloat(getComputedStyle(line).fontSize);
  while (line.scrollWidth > line.clientWidth && size > 12) line.style.fontSize = `${--size}px`;
}"""


def render_html(language):
    texts = {key: escape(text) for key, text in CARDS[language].items()}
    return PAGE.format(width=WIDTH, height=HEIGHT, language=language, **texts)


def main(directory=OUTPUT):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1)
        for language in CARDS:
            output = directory / f"og-card-{language}.png"
            page.set_content(render_html(language), wait_until="load")
            # Keep the last line on one line whatever the installed fonts' widths.
            page.evaluate(FIT_ONE_LINE, ".topics")
            page.screenshot(path=str(output), type="png", full_page=False)
            print(
                f"Wrote {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output} "
                f"({output.stat().st_size // 1024} KB, {WIDTH}x{HEIGHT})"
            )
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:2])
