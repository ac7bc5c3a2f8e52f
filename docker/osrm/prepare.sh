#!/bin/sh
# Entry point for the osrm/osrm-backend image: prepares a road network once,
# then serves it. Data lives in $OSRM_DATA (mount a volume there), so later
# starts skip straight to osrm-routed.
#
#   OSRM_PBF_URL         OSM extract to download (default: Bretagne, from Geofabrik)
#   OSRM_PROFILE         car | bicycle | foot, or a path to a .lua profile (default: car)
#   OSRM_MAX_TABLE_SIZE  --max-table-size; keep equal to the service's OSRM_MAX_TABLE_SIZE (default: 100)
#   OSRM_THREADS         --threads; the service's OSRM concurrency should not exceed it (default: all cores)
#   OSRM_DATA            data directory (default: /data)
#
# Preparation needs many times the extract's size in RAM (plan a few GB for a
# French region, 16 GB or more for all of France); serving needs much less.
set -eu

PBF_URL="${OSRM_PBF_URL:-https://download.geofabrik.de/europe/france/bretagne-latest.osm.pbf}"
PROFILE="${OSRM_PROFILE:-car}"
DATA="${OSRM_DATA:-/data}"

case "$PROFILE" in
  */*) PROFILE_LUA="$PROFILE" ;;
  *) PROFILE_LUA="/opt/$PROFILE.lua" ;;
esac
[ -f "$PROFILE_LUA" ] || { echo "prepare.sh: profile $PROFILE_LUA not found" >&2; exit 1; }

mkdir -p "$DATA"
cd "$DATA"
NAME="$(basename "$PBF_URL" .osm.pbf)"
OSRM="$DATA/$NAME.osrm"

# The marker is written last, so an interrupted preparation starts over.
if [ ! -f "$OSRM.prepared" ]; then
  echo "prepare.sh: preparing $NAME with $PROFILE_LUA (MLD)"
  if [ ! -s "$NAME.osm.pbf" ]; then
    if command -v curl >/dev/null 2>&1; then
      curl -fL --retry 3 -o "$NAME.osm.pbf.part" "$PBF_URL"
    elif command -v wget >/dev/null 2>&1; then
      wget -O "$NAME.osm.pbf.part" "$PBF_URL"
    else
      echo "prepare.sh: no curl or wget in this image; put $NAME.osm.pbf in $DATA" >&2
      exit 1
    fi
    mv "$NAME.osm.pbf.part" "$NAME.osm.pbf"
  fi
  osrm-extract -p "$PROFILE_LUA" "$NAME.osm.pbf"
  osrm-partition "$OSRM"
  osrm-customize "$OSRM"
  echo "$PBF_URL $PROFILE_LUA" > "$OSRM.prepared"
fi

set -- --algorithm mld --max-table-size "${OSRM_MAX_TABLE_SIZE:-100}" --ip 0.0.0.0 --port 5000
if [ -n "${OSRM_THREADS:-}" ]; then set -- "$@" --threads "$OSRM_THREADS"; fi
exec osrm-routed "$@" "$OSRM"
