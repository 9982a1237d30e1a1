#!/usr/bin/env bash
# Restore a backup-postgres.sh archive into a PostgreSQL database, in one transaction (all or nothing).
# The target must be empty (create it first: `createdb herald_restored`) unless --clean is given: then the
# schemas the archive holds (public, drizzle, pgboss) are dropped and restored in that same transaction.
# Stop Herald's app servers and workers first.
#
#   DATABASE_URL=postgres://…/herald_restored scripts/restore-postgres.sh [--clean] <archive>
set -euo pipefail

clean=0
if [[ "${1:-}" == "--clean" ]]; then
  clean=1
  shift
fi
if [[ $# -ne 1 ]]; then
  echo "Usage: DATABASE_URL=postgres://… $0 [--clean] <archive.dump>" >&2
  exit 2
fi
archive="$1"
if [[ -z "${DATABASE_URL:-}" ]]; then
  echo "Set DATABASE_URL to the database to restore into." >&2
  exit 2
fi
if [[ ! -f "$archive" ]]; then
  echo "No archive at $archive." >&2
  exit 1
fi
pg_restore --list "$archive" >/dev/null

tables="$(psql "$DATABASE_URL" --no-psqlrc --tuples-only --no-align --command \
  "select count(*) from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')")"
if [[ "$tables" == "0" ]]; then
  pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname "$DATABASE_URL" "$archive"
elif [[ $clean -eq 1 ]]; then
  # pg_restore --clean cannot drop pg-boss's partitioned tables one by one, so whole schemas are dropped
  # instead; the drop and the restore run in one transaction, so a failure leaves the database as it was.
  schemas="$(pg_restore --list "$archive" | awk '$4 == "SCHEMA" { print $6 }')"
  {
    for schema in $schemas public; do echo "drop schema if exists \"$schema\" cascade;"; done
    echo 'create schema public;'
    pg_restore --no-owner --no-privileges --file - "$archive"
  } | PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" psql "$DATABASE_URL" --no-psqlrc --quiet --single-transaction --set ON_ERROR_STOP=1 >/dev/null
else
  echo "The target database already has $tables tables. Restore into a new, empty database, or pass --clean to replace its contents with the archive." >&2
  exit 1
fi
echo "Restored $archive into $(psql "$DATABASE_URL" --no-psqlrc --tuples-only --no-align --command 'select current_database()')."
