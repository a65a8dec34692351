#!/usr/bin/env bash
# A throwaway PostgreSQL for the archive tests: Debian's server (installed if absent), a cluster
# in a temporary folder listening only on a Unix socket there, stopped and deleted on exit.
# Sourced by .ci/run; exports DRAFTER_TEST_POSTGRES (a libpq URL) when the server is up. When it
# cannot be started the archive's PostgreSQL tests skip with a message, and everything else runs.
#   source .ci/postgres.sh && pg_start   (pg_stop is registered on EXIT)

pg_start() {
  local bin="" candidate
  for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/initdb" ] && bin="$candidate"
  done
  if [ -z "$bin" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "+ apt-get install postgresql (for the archive tests)" >&2
    (apt-get install -y -q postgresql >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q postgresql >/dev/null 2>&1; }) || true
    for candidate in /usr/lib/postgresql/*/bin; do
      [ -x "$candidate/initdb" ] && bin="$candidate"
    done
  fi
  if [ -z "$bin" ]; then
    echo ".ci/postgres.sh: no PostgreSQL server found; the archive's PostgreSQL tests will be skipped" >&2
    return 0
  fi
  PG_TMP=$(mktemp -d /tmp/drafter-pg.XXXXXX)
  local run=()
  if [ "$(id -u)" = 0 ]; then  # initdb refuses to run as root: the cluster belongs to postgres
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_TMP"
    run=(runuser -u postgres --)
  fi
  # C.UTF-8: pg_trgm counts Hanzi as word characters only under a UTF-8 character type.
  if ! "${run[@]}" "$bin/initdb" -D "$PG_TMP/data" -U drafter --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1; then
    echo ".ci/postgres.sh: initdb failed (see $PG_TMP/initdb.log); PostgreSQL tests will be skipped" >&2
    return 0
  fi
  if ! "${run[@]}" "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 30 \
      -o "-k $PG_TMP -c listen_addresses='' -c fsync=off -c shared_buffers=256MB -c max_wal_size=4GB" start >/dev/null; then
    echo ".ci/postgres.sh: the server did not start (see $PG_TMP/server.log); PostgreSQL tests will be skipped" >&2
    return 0
  fi
  PG_BIN="$bin"
  PG_RUN="${run[*]}"
  trap pg_stop EXIT
  export DRAFTER_TEST_POSTGRES="postgresql://drafter@/postgres?host=$PG_TMP"
  echo "+ PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on $PG_TMP (DRAFTER_TEST_POSTGRES)" >&2
}

pg_stop() {
  if [ -n "${PG_BIN:-}" ] && [ -d "${PG_TMP:-}/data" ]; then
    # shellcheck disable=SC2086
    $PG_RUN "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  [ -n "${PG_TMP:-}" ] && rm -rf "$PG_TMP"
}
