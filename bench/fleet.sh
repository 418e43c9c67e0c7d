#!/usr/bin/env bash
# Fleet benchmark (on demand, not part of the test suite).
#
#   bash bench/fleet.sh [TENANTS=200] [DATABASES_PER_SERVER=50] [MIGRATIONS=50] [PARALLELISM=4]
#
# Two fleets of one service, each run by mvn migrations:up over its targets (docs/fleet.md):
#   tenants   TENANTS schemas (tenant_0001 ...) in one database, schemaPattern "tenant_%"
#   shards    DATABASES_PER_SERVER databases on each of 3 servers (the main one on 5432 and the
#             clusters fleet_a and fleet_b on 5441 and 5442, made with pg_createcluster when missing)
# each target getting MIGRATIONS migrations (a table, an index, two rows). For each it prints the
# fleet's wall time (minus a bare Maven start-up, measured in the same run), the reference
#   single × targets ÷ parallelism
# where "single" is one target of the same folder migrated alone by the same command (minus Maven),
# their ratio, the slowest target inside the fleet (from the fleet report), and the live heap after
# GC at its peak, for the tenants fleet at a quarter of its size and at full size under -Xmx64m:
# flat memory means the two are close.
# Needs: the plugin installed (mvn -q install -DskipTests), psql, root for pg_createcluster.
set -euo pipefail
TENANTS=${1:-200}
PER_SERVER=${2:-50}
MIGRATIONS=${3:-50}
PARALLELISM=${4:-4}
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
export PGHOST PGUSER
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)
W=$(mktemp -d /tmp/dbmigrations-fleet.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$W"' EXIT
PGVERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)

url() { echo "jdbc:postgresql://$PGHOST:$1/$2?user=$PGUSER"; }
fresh_db() { psql -qX -p "$1" -d postgres -c "set client_min_messages = warning" -c "drop database if exists $2 with (force)" -c "create database $2" >/dev/null; }
cluster() {
  [ -d "/etc/postgresql/$PGVERSION/$1" ] || pg_createcluster "$PGVERSION" "$1" -p "$2" -- --auth=trust >/dev/null
  pg_isready -q -h "$PGHOST" -p "$2" || pg_ctlcluster --skip-systemctl-redirect "$PGVERSION" "$1" start
  for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST" -p "$2" && return; sleep 1; done
  echo "cluster $1 did not start" >&2; exit 1
}
time_cmd() { local t0; t0=$(now_ms); "$@" >"$W/last.log" 2>&1 || { grep -E "ERROR|Exception" "$W/last.log" | head -n 20 >&2; echo "FAILED: $*" >&2; exit 1; }; echo $(( $(now_ms) - t0 )); }
# the live heap after GC at its peak, in MB, from a -Xlog:gc file
peak_live() { grep -oE '[0-9]+M->[0-9]+M' "$1" | sed 's/.*->\([0-9]*\)M/\1/' | sort -n | tail -n 1; }
slowest_target() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(max(t['ms'] for t in r['targets']))" "$1"; }

cluster fleet_a 5441
cluster fleet_b 5442

D="$W/service"
mkdir -p "$D/migrations"
write_pom "$D" bench-fleet "$VERSION"
for i in $(seq 1 "$MIGRATIONS"); do
  v=$(printf '%04d' "$i")
  printf 'create table items_%d (\n  id bigint generated always as identity primary key,\n  name text not null,\n  created_at timestamptz not null default now()\n);\ncreate index items_%d_name on items_%d (name);\ninsert into items_%d (name) values (%s), (%s);\n' \
    "$i" "$i" "$i" "$i" "'a'" "'b'" > "$D/migrations/${v}_create_items_$i.up.sql"
  echo "drop table items_$i;" > "$D/migrations/${v}_create_items_$i.down.sql"
done

shard_urls=()
for port in 5432 5441 5442; do
  for j in $(seq 1 "$PER_SERVER"); do shard_urls+=("\"$(url "$port" "bench_shard_$j")\""); done
done
{
  echo '{'
  echo '  "development": {},'
  echo "  \"tenants\": {\"targets\": {\"schemaPattern\": \"tenant_%\", \"parallelism\": $PARALLELISM}},"
  echo "  \"shards\": {\"targets\": {\"urls\": [$(IFS=,; echo "${shard_urls[*]}")], \"parallelism\": $PARALLELISM}}"
  echo '}'
} > "$D/migrations/environments.json"

tenants_db() { # COUNT: a fresh database with COUNT tenant schemas
  fresh_db 5432 bench_fleet_tenants
  echo "select format('create schema tenant_%s', lpad(g::text, 4, '0')) from generate_series(1, $1) g \gexec" \
    | psql -qX -p 5432 -d bench_fleet_tenants >/dev/null
}

echo "warming Maven's repository and the JVM's file cache"
(cd "$D" && mvn -q -B validate >/dev/null)
maven=$(cd "$D" && time_cmd mvn -q -B validate)

echo "single target: $MIGRATIONS migrations into one schema, alone"
fresh_db 5432 bench_fleet_single
single=$(( $(cd "$D" && time_cmd mvn -q -B migrations:up -Dmigrations.url="$(url 5432 bench_fleet_single)" -Dmigrations.schema=tenant_single) - maven ))

report() { # NAME TARGETS WALL_MS
  local ideal=$(( single * $2 / PARALLELISM ))
  printf '%-8s %5d targets  fleet %7d ms  single×targets÷parallelism %7d ms  ratio %s  slowest target %5d ms\n' \
    "$1" "$2" "$3" "$ideal" "$(ratio "$3" "$ideal")" "$(slowest_target "$D/target/migrations/fleet-up-bench_fleet.json")"
}

echo "tenants: $TENANTS schemas × $MIGRATIONS migrations, parallelism $PARALLELISM"
tenants_db "$TENANTS"
t=$(( $(cd "$D" && time_cmd mvn -q -B migrations:up -Dmigrations.environment=tenants -Dmigrations.url="$(url 5432 bench_fleet_tenants)") - maven ))
tenants_line=$(report tenants "$TENANTS" "$t")
noop=$(( $(cd "$D" && time_cmd mvn -q -B migrations:up -Dmigrations.environment=tenants -Dmigrations.url="$(url 5432 bench_fleet_tenants)") - maven ))

echo "shards: 3 servers × $PER_SERVER databases × $MIGRATIONS migrations, parallelism $PARALLELISM"
for port in 5432 5441 5442; do
  for j in $(seq 1 "$PER_SERVER"); do fresh_db "$port" "bench_shard_$j"; done
done
s=$(( $(cd "$D" && time_cmd mvn -q -B migrations:up -Dmigrations.environment=shards) - maven ))
shards_line=$(report shards $(( 3 * PER_SERVER )) "$s")

echo "heap: the tenants fleet at $(( TENANTS / 4 )) and at $TENANTS targets, -Xmx64m"
heap=()
for n in $(( TENANTS / 4 )) "$TENANTS"; do
  tenants_db "$n"
  rm -f "$W/gc.log"
  (cd "$D" && MAVEN_OPTS="-Xmx64m -Xlog:gc:file=$W/gc.log" time_cmd mvn -q -B migrations:up -Dmigrations.environment=tenants \
    -Dmigrations.url="$(url 5432 bench_fleet_tenants)" >/dev/null)
  heap+=("$n targets: $(peak_live "$W/gc.log") MB")
done

echo
echo "bare Maven start-up: $maven ms; one target alone: $single ms (engine, Maven subtracted)"
echo "$tenants_line"
echo "$shards_line"
echo "no-op rerun of the tenants fleet: $noop ms"
echo "peak live heap after GC under -Xmx64m: ${heap[0]}, ${heap[1]}"
for port in 5432 5441 5442; do
  for j in $(seq 1 "$PER_SERVER"); do psql -qX -p "$port" -d postgres -c "drop database if exists bench_shard_$j with (force)" >/dev/null; done
done
psql -qX -p 5432 -d postgres -c "drop database if exists bench_fleet_tenants with (force)" -c "drop database if exists bench_fleet_single with (force)" >/dev/null
