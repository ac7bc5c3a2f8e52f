#!/bin/sh
# Entry point for the osrm-backend image: prepares a road network once, then
# serves it. Data lives in $OSRM_DATA (mount a volume there), so later starts
# skip straight to osrm-routed, unless what the data was prepared from changed.
#
#   OSRM_PBF_URL         OSM extract to download (default: Bretagne, from Geofabrik)
#   OSRM_PROFILE         car | bicycle | foot, or a path to a .lua profile (default: car)
#   OSRM_ALGORITHM       ch (default): osrm-extract + osrm-contract, the fastest tables;
#                        mld: osrm-extract + osrm-partition + osrm-customize, needed only
#                        for live traffic updates, and several times slower on large tables
#   OSRM_MAX_TABLE_SIZE  --max-table-size; keep equal to the service's OSRM_MAX_TABLE_SIZE (default: 100)
#   OSRM_THREADS         --threads; the service's OSRM concurrency should not exceed it (default: all cores)
#   OSRM_DATA            data directory (default: /data)
#
# Preparation needs many times the extract's size in RAM (plan a few GB for a
# French region, 16 GB or more for all of France; CH needs more than MLD);
# serving needs much less.
set -eu

PBF_URL="${OSRM_PBF_URL:-https://download.geofabrik.de/europe/france/bretagne-latest.osm.pbf}"
PROFILE="${OSRM_PROFILE:-car}"
ALGORITHM="${OSRM_ALGORITHM:-ch}"
DATA="${OSRM_DATA:-/data}"

case "$ALGORITHM" in
  ch | mld) ;;
  *) echo "prepare.sh: OSRM_ALGORITHM must be ch or mld, not $ALGORITHM" >&2; exit 1 ;;
esac
case "$PROFILE" in
  */*) PROFILE_LUA="$PROFILE" ;;
  *) PROFILE_LUA="/opt/$PROFILE.lua" ;;
esac
[ -f "$PROFILE_LUA" ] || { echo "prepare.sh: profile $PROFILE_LUA not found" >&2; exit 1; }

mkdir -p "$DATA"
cd "$DATA"
NAME="$(basename "$PBF_URL" .osm.pbf)"
OSRM="$DATA/$NAME.osrm"
MARKER="$DATA/$NAME.prepared"

# What the prepared files come from: the extract's URL, the profile (path and
# content), the algorithm and the OSRM version. Any change prepares again.
WANTED="url $PBF_URL
profile $PROFILE_LUA $(cksum < "$PROFILE_LUA")
algorithm $ALGORITHM
osrm $(osrm-extract --version 2>&1 | head -n 1)"

download() {
  if command -v curl >/dev/null 2>&1; then
    curl -fL --retry 3 -o "$NAME.osm.pbf.part" "$PBF_URL"
  elif command -v wget >/dev/null 2>&1; then
    wget -O "$NAME.osm.pbf.part" "$PBF_URL"
  else
    echo "prepare.sh: no curl or wget in this image; put $NAME.osm.pbf in $DATA" >&2
    exit 1
  fi
  mv "$NAME.osm.pbf.part" "$NAME.osm.pbf"
  printf '%s\n' "$PBF_URL" > "$NAME.osm.pbf.url"
}

if [ ! -f "$MARKER" ] || [ "$(cat "$MARKER")" != "$WANTED" ]; then
  echo "prepare.sh: preparing $NAME with $PROFILE_LUA for $ALGORITHM"
  rm -f "$MARKER" "$OSRM" "$OSRM".*
  # The same file name may come from another URL: the extract records where it came from.
  if [ ! -s "$NAME.osm.pbf" ] || [ "$(cat "$NAME.osm.pbf.url" 2>/dev/null)" != "$PBF_URL" ]; then
    download
  fi
  osrm-extract -p "$PROFILE_LUA" "$NAME.osm.pbf"
  if [ "$ALGORITHM" = ch ]; then
    osrm-contract "$OSRM"
  else
    osrm-partition "$OSRM"
    osrm-customize "$OSRM"
  fi
  # Written last, so an interrupted preparation starts over.
  printf '%s\n' "$WANTED" > "$MARKER"
fi

set -- --algorithm "$ALGORITHM" --max-table-size "${OSRM_MAX_TABLE_SIZE:-100}" --ip 0.0.0.0 --port 5000
if [ -n "${OSRM_THREADS:-}" ]; then set -- "$@" --threads "$OSRM_THREADS"; fi
exec osrm-routed "$@" "$OSRM"
