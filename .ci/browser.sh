# Sourced by .ci/run: makes the browser test's tools available and requires
# it to run. Chromium comes from Debian's `chromium` package when it is not
# already installed; playwright-core and axe-core from the npm registry, at
# the versions tests/browser/package-lock.json pins; poppler-utils'
# pdftotext reads the letters' PDFs back. Screenshots land in
# target/tmp/browser.

# pdftotext (poppler-utils) reads back the letters the journeys send.
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ] || ! command -v pdftotext >/dev/null; then
    echo "== installing Chromium and poppler-utils from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium poppler-utils >/dev/null
fi
command -v node >/dev/null || { echo "CI: the browser test needs Node.js" >&2; exit 1; }
echo "== browser test tools: $(${CHROMIUM:-/usr/bin/chromium} --version), node $(node --version)"
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
export FOIDESK_REQUIRE_BROWSER=1
