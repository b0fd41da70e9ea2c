# Sourced by .ci/run: makes a PostgreSQL server available to the store's
# conformance tests and exports FOIDESK_TEST_DATABASE_URL for them.
# Uses the server on 127.0.0.1:5432 when there is one; otherwise installs
# PostgreSQL from Debian packages and starts a throwaway cluster on loopback,
# stopped and deleted when CI exits. Each test run creates and drops its own
# databases inside whichever server this is.

pg_url_ok() {
    psql "$1" -Atqc 'SELECT 1' >/dev/null 2>&1
}

start_throwaway_postgres() {
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        echo "== installing PostgreSQL from Debian packages"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq postgresql >/dev/null
    fi
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    PG_THROWAWAY_DIR=$(mktemp -d /tmp/foidesk-ci-pg.XXXXXX)
    chown postgres "$PG_THROWAWAY_DIR"
    local port=55432
    su postgres -c "$bin/initdb -D $PG_THROWAWAY_DIR/data -A trust -U postgres" >/dev/null
    su postgres -c "$bin/pg_ctl -D $PG_THROWAWAY_DIR/data -l $PG_THROWAWAY_DIR/log -w \
        -o '-p $port -k $PG_THROWAWAY_DIR -c listen_addresses=127.0.0.1' start" >/dev/null
    PG_THROWAWAY_BIN=$bin
    trap 'su postgres -c "$PG_THROWAWAY_BIN/pg_ctl -D $PG_THROWAWAY_DIR/data -m fast stop" >/dev/null 2>&1; rm -rf "$PG_THROWAWAY_DIR"' EXIT
    FOIDESK_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
}

FOIDESK_TEST_DATABASE_URL=${FOIDESK_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
if [ -n "${FOIDESK_CI_THROWAWAY_POSTGRES:-}" ] || ! pg_url_ok "$FOIDESK_TEST_DATABASE_URL"; then
    start_throwaway_postgres
fi
pg_url_ok "$FOIDESK_TEST_DATABASE_URL" || { echo "PostgreSQL is not reachable at $FOIDESK_TEST_DATABASE_URL" >&2; exit 1; }
echo "== PostgreSQL for the store tests: $FOIDESK_TEST_DATABASE_URL"
export FOIDESK_TEST_DATABASE_URL
export FOIDESK_REQUIRE_POSTGRES=1
