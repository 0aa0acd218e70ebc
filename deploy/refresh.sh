#!/bin/sh
# Pull the published database and swap it in under every instance on this machine (no restart).
#   LENDSCOPE_DB_URL=https://data.example.org/lendscope/lending.duckdb deploy/refresh.sh [/srv/lendscope]
# The build host publishes lending.duckdb and lending.duckdb.sha256 once (`python -m etl build`, then
# `sha256sum lending.duckdb > lending.duckdb.sha256`); each serving machine pulls it. The download goes
# to a temporary name in the same directory, is checked, and is renamed over the live file: the rename
# is atomic, open connections finish on the old file, and every session sees the new build id at its
# next interaction. A failed or corrupt download leaves the live file untouched.
set -eu
dir=${1:-/srv/lendscope}
url=${LENDSCOPE_DB_URL:?set LENDSCOPE_DB_URL to the published lending.duckdb}
cd "$dir"
tmp=.incoming-$$.duckdb
trap 'rm -f "$tmp" "$tmp.sha256"' EXIT
curl -fsS --max-time 300 -o "$tmp" "$url"
curl -fsS --max-time 30 -o "$tmp.sha256" "$url.sha256"
expected=$(cut -d' ' -f1 "$tmp.sha256")
actual=$(sha256sum "$tmp" | cut -d' ' -f1)
if [ "$expected" != "$actual" ]; then
  echo "refresh: checksum mismatch for $url (expected $expected, got $actual); live file kept" >&2
  exit 1
fi
if [ -f lending.duckdb ] && cmp -s "$tmp" lending.duckdb; then
  echo "refresh: $url unchanged"
  exit 0
fi
chmod 644 "$tmp"
mv -f "$tmp" lending.duckdb
echo "refresh: swapped in $url ($actual)"
