# Sourced by .ci/run: the programs that print the corpus notices to PDF for the notice
# crate's printed-PDF test (crates/notice/tests/it/printed.rs), and the variable that
# makes that test fail rather than skip without them. Chromium comes from
# .ci/browser.sh; LibreOffice's Writer without its GUI from Debian's
# libreoffice-writer-nogui (the smallest package whose soffice exports PDF).
if ! command -v soffice >/dev/null || [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
    echo "== installing LibreOffice Writer (no GUI) and Chromium from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq libreoffice-writer-nogui chromium >/dev/null
fi
echo "== PDF printers: $(soffice --version | head -n 1), $(${CHROMIUM:-chromium} --version)"
export FOIDESK_REQUIRE_PDF_PRINTERS=1
