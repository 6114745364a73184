# Shared steps of the benchmark harness (sourced by bench/run): a database of its own, the packaged
# application in the prod profile as a separate process.
# shellcheck shell=bash

BENCH_DB=${BENCH_DB:-bench}
BENCH_PORT=${BENCH_PORT:-8099}
PGHOST_ADDR=${DB_HOST:-127.0.0.1}
PGPORT_NUM=${DB_PORT:-5432}
PGUSER_NAME=${DB_USERNAME:-postgres}
TEST_KEY=src/test/resources/keys/test-private.pem
APP_LOG=target/bench-app.log
APP_PID=

psql_bench() { psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGUSER_NAME" -d "$BENCH_DB" "$@"; }
sql_value() { psql_bench -tAc "$1"; }

ensure_postgres() {
    if ! pg_isready -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -q; then
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
        for _ in $(seq 1 30); do pg_isready -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -q && break; sleep 1; done
    fi
}

fresh_database() {
    psql -X -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGUSER_NAME" -d postgres \
        -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB"
}

package_app() {
    if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "$(find src pom.xml -newer target/quarkus-app/quarkus-run.jar -print -quit)" ]; then
        ./mvnw -B -q package -DskipTests
    fi
}

start_app() {
    mkdir -p target
    DB_NAME=$BENCH_DB DB_HOST=$PGHOST_ADDR DB_PORT=$PGPORT_NUM DB_USERNAME=$PGUSER_NAME \
        JWT_PUBLIC_KEY_LOCATION=$PWD/src/test/resources/keys/test-public.pem \
        SECRETS_KEYS=test-1:dGVzdC1vbmx5LWtleS1mb3ItZGV2LWFuZC10ZXN0cyE= SECRETS_CURRENT_KEY=test-1 \
        SYNC_WORKER_EVERY=${SYNC_WORKER_EVERY:-1s} \
        java ${BENCH_JAVA_OPTS:-} -Dquarkus.http.port="$BENCH_PORT" -jar target/quarkus-app/quarkus-run.jar >"$APP_LOG" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 120); do
        curl -sf "http://127.0.0.1:$BENCH_PORT/q/health/ready" >/dev/null 2>&1 && return 0
        kill -0 "$APP_PID" 2>/dev/null || { echo "the application exited; see $APP_LOG" >&2; exit 1; }
        sleep 0.5
    done
    echo "the application did not become ready; see $APP_LOG" >&2
    exit 1
}

stop_app() {
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID"
        wait "$APP_PID" 2>/dev/null || true
    fi
}

resident_memory_mb() {
    awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$APP_PID/status"
}
