"""How the project starts Debian's Chromium headless, for the browser tests and scripts.

Never `playwright install`: the browser comes from Debian (apt-get install chromium). The
flags keep it from calling home, which a closed network would refuse many times a second.
"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
