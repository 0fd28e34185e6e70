#!/usr/bin/env bash
# The whole suite: on SQLite (browser tests included) and on the local PostgreSQL, side by side
# (one per core; each run has its own var/ directory and Redis database, so neither sees the
# other's files or keys). Off CI a missing PostgreSQL is a plainly reported skip; under CI=true
# it is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export ANRONG_TESTING=true
PG_URL=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/anrong}
REDIS_BASE=${TEST_REDIS_BASE:-redis://127.0.0.1:6379}
skipped=()
pg_pid=""
pg_log=var/test-postgres.log
mkdir -p var

if $PY scripts/reachable.py "$PG_URL"; then
  echo "== pytest on PostgreSQL ($PG_URL), beside SQLite; its output follows SQLite's"
  DATABASE_URL=$PG_URL ANRONG_VAR_DIR=var/test-pg TEST_REDIS_URL=$REDIS_BASE/14 \
    $PY -m pytest -q -m "not browser" "$@" >"$pg_log" 2>&1 &
  pg_pid=$!
else
  if [ "${CI:-}" = "true" ]; then echo "FAIL: PostgreSQL at $PG_URL is not reachable under CI." >&2; exit 1; fi
  skipped+=("the PostgreSQL run (no server at $PG_URL)")
fi

echo "== pytest on SQLite"
DATABASE_URL= TEST_REDIS_URL=$REDIS_BASE/15 $PY -m pytest -q "$@"
rc=$?

if [ -n "$pg_pid" ]; then
  wait "$pg_pid"
  pg_rc=$?
  echo "== pytest on PostgreSQL ($PG_URL)"
  cat "$pg_log"
  [ $rc -eq 0 ] && rc=$pg_rc
fi
[ $rc -ne 0 ] && exit $rc
for s in "${skipped[@]}"; do echo "SKIPPED: $s"; done
exit 0
