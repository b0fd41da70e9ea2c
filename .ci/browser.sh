# Sourced by .ci/run: makes the browser test's tools available and requires
# it to run. Chromium comes from Debian's `chromium` package when it is not
# already installed; playwright-core and axe-core from the npm registry, at
# the versions tests/browser/package-lock.json pins. Screenshots land in
# target/tmp/browser.

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
    echo "== installing Chromium from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
fi
command -v node >/dev/null || { echo "CI: the browser test needs Node.js" >&2; exit 1; }
echo "== browser test tools: $(${CHROMIUM:-/usr/bin/chromium} --version), node $(node --version)"
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
export FOIDESK_REQUIRE_BROWSER=1
