#!/usr/bin/env bash
# Back up Herald's embedded data directory (PGlite database, job queue and the local secrets) into one
# .tar.gz. PGlite cannot be copied while it is open, so Herald must be stopped first; the script refuses
# to run while the directory's lock is held by a live process.
#
#   scripts/backup-embedded.sh [data-dir] [archive]
#   data-dir defaults to $HERALD_DATA_DIR or ./.herald; archive to herald-embedded-<UTC time>.tar.gz
set -euo pipefail

data_dir="${1:-${HERALD_DATA_DIR:-./.herald}}"
archive="${2:-herald-embedded-$(date -u +%Y%m%dT%H%M%SZ).tar.gz}"

if [[ ! -d "$data_dir/pgdata" ]]; then
  echo "No Herald data directory at $data_dir (expected $data_dir/pgdata)." >&2
  exit 1
fi

lock="$data_dir/herald.lock"
if [[ -f "$lock" ]]; then
  pid="$(tr -dc '0-9' <"$lock")"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    echo "Herald (pid $pid) is using $data_dir. Stop it first; a copy of an open embedded database is not usable." >&2
    exit 1
  fi
  echo "Note: $lock is left from a process that is gone (Herald did not stop cleanly); backing up anyway." >&2
fi

# The archive holds auth.secret and encryption.secret when Herald generated them: keep it private.
umask 077
tmp="$archive.partial"
trap 'rm -f "$tmp"' EXIT
tar --create --gzip --file "$tmp" --directory "$data_dir" --exclude=./herald.lock .
mv "$tmp" "$archive"
trap - EXIT
echo "Backed up $data_dir to $archive ($(du -h "$archive" | cut -f1))."
