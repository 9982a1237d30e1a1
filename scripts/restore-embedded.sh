#!/usr/bin/env bash
# Restore an archive made by backup-embedded.sh into a data directory. Herald must be stopped. An existing
# directory is never deleted: it is moved aside to <data-dir>.before-restore-<UTC time>.
#
#   scripts/restore-embedded.sh <archive> [data-dir]
#   data-dir defaults to $HERALD_DATA_DIR or ./.herald
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "Usage: $0 <archive.tar.gz> [data-dir]" >&2
  exit 2
fi
archive="$1"
data_dir="${2:-${HERALD_DATA_DIR:-./.herald}}"
data_dir="${data_dir%/}"

if [[ ! -f "$archive" ]]; then
  echo "No archive at $archive." >&2
  exit 1
fi
if ! tar --list --gzip --file "$archive" | grep -x './pgdata/' >/dev/null; then
  echo "$archive is not a Herald embedded backup (no pgdata/ inside)." >&2
  exit 1
fi

lock="$data_dir/herald.lock"
if [[ -f "$lock" ]]; then
  pid="$(tr -dc '0-9' <"$lock")"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    echo "Herald (pid $pid) is using $data_dir. Stop it before restoring." >&2
    exit 1
  fi
fi

if [[ -e "$data_dir" ]] && [[ -n "$(ls -A "$data_dir" 2>/dev/null)" ]]; then
  aside="$data_dir.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
  mv "$data_dir" "$aside"
  echo "Moved the current $data_dir to $aside (delete it once the restore is checked)."
fi

umask 077
mkdir -p "$data_dir"
tar --extract --gzip --file "$archive" --directory "$data_dir"
echo "Restored $archive into $data_dir. Start Herald with HERALD_DATA_DIR=$data_dir."
