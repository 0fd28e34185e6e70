#!/usr/bin/env bash
# The whole suite: on SQLite, then on the local PostgreSQL. Off CI a missing PostgreSQL is a
# plainly reported skip; under CI=true it is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export ANRONG_TESTING=true
PG_URL=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/anrong}
skipped=()

echo "== pytest on SQLite"
DATABASE_URL= $PY -m pytest -q "$@"
rc=$?
[ $rc -ne 0 ] && exit $rc

if $PY scripts/reachable.py "$PG_URL"; then
  echo "== pytest on PostgreSQL ($PG_URL)"
  DATABASE_URL=$PG_URL $PY -m pytest -q -m "not browser" "$@"
  rc=$?
  [ $rc -ne 0 ] && exit $rc
else
  if [ "${CI:-}" = "true" ]; then echo "FAIL: PostgreSQL at $PG_URL is not reachable under CI." >&2; exit 1; fi
  skipped+=("the PostgreSQL run (no server at $PG_URL)")
fi
for s in "${skipped[@]}"; do echo "SKIPPED: $s"; done
exit 0
