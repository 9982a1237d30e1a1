#!/usr/bin/env bash
# Back up Herald's PostgreSQL database (all schemas: Herald's tables, drizzle's migration journal and
# pg-boss's job queue) with pg_dump's custom format. Safe while Herald runs: pg_dump reads one snapshot.
#
#   DATABASE_URL=postgres://… scripts/backup-postgres.sh [archive]
#   archive defaults to herald-<database>-<UTC time>.dump
set -euo pipefail

if [[ -z "${DATABASE_URL:-}" ]]; then
  echo "Set DATABASE_URL to the database to back up." >&2
  exit 2
fi
database="$(psql "$DATABASE_URL" --no-psqlrc --tuples-only --no-align --command 'select current_database()')"
archive="${1:-herald-${database}-$(date -u +%Y%m%dT%H%M%SZ).dump}"

# Holds password hashes, sessions and encrypted tokens: keep it private.
umask 077
tmp="$archive.partial"
trap 'rm -f "$tmp"' EXIT
pg_dump --format=custom --no-owner --no-privileges --file "$tmp" "$DATABASE_URL"
mv "$tmp" "$archive"
trap - EXIT
echo "Backed up database $database to $archive ($(du -h "$archive" | cut -f1))."
