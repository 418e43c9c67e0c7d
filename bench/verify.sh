#!/usr/bin/env bash
# Verify benchmark (on demand, not part of the test suite).
#
#   bash bench/verify.sh [PAIRS=1000]
#
# Generates PAIRS small migrations with their downs (tables, columns, indexes, a function), then in
# one run times, through Maven, migrations:up on an empty database and migrations:verify of the same
# folder (which replays each migration up, down and up again on a temporary database, with catalog
# snapshots and the lock trace), and its syntax mode (every up once). Prints each and the ratio to
# up; the target is verify within 3x up.
# Needs: the plugin installed (mvn -q install -DskipTests) and MIGRATIONS_TEST_JDBC_URL's server.
set -euo pipefail
PAIRS=${1:-1000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
: "${MIGRATIONS_TEST_JDBC_URL:=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)
W=$(mktemp -d /tmp/dbmigrations-verify-bench.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$W"' EXIT
M="$W/migrations"
mkdir -p "$M"
for i in $(seq 1 "$PAIRS"); do
  v=$(printf '%06d' "$i")
  case $((i % 4)) in
    0|1) printf "create table t_%s (id bigint primary key, name text not null);\n" "$i" > "$M/${v}_create_t_$i.up.sql"
         printf "drop table t_%s;\n" "$i" > "$M/${v}_create_t_$i.down.sql" ;;
    2) printf "alter table t_%s add column note text;\ncreate index t_%s_note on t_%s (note);\n" "$((i - 1))" "$((i - 1))" "$((i - 1))" > "$M/${v}_note_$i.up.sql"
       printf "drop index t_%s_note;\nalter table t_%s drop column note;\n" "$((i - 1))" "$((i - 1))" > "$M/${v}_note_$i.down.sql" ;;
    3) printf "create function f_%s() returns int language sql as \$\$ select %s \$\$;\n" "$i" "$i" > "$M/${v}_f_$i.up.sql"
       printf "drop function f_%s();\n" "$i" > "$M/${v}_f_$i.down.sql" ;;
  esac
done
write_pom "$W" bench-service "$VERSION"
DB=bench_verify_$$
psql_url=$(echo "$MIGRATIONS_TEST_JDBC_URL" | sed 's/^jdbc://')
BASE=${MIGRATIONS_TEST_JDBC_URL%%\?*}
PARAMS=${MIGRATIONS_TEST_JDBC_URL#"$BASE"}
TARGET="${BASE%/*}/$DB$PARAMS"
psql "$psql_url" -qc "drop database if exists $DB" -c "create database $DB" >/dev/null
echo "$PAIRS migrations in $M; target $DB"
t0=$(now_ms)
mvn -q -B -f "$W/pom.xml" migrations:up -Dmigrations.url="$TARGET" >"$W/up.log" 2>&1
up=$(( $(now_ms) - t0 ))
t0=$(now_ms)
mvn -q -B -f "$W/pom.xml" migrations:verify -Dmigrations.url="$TARGET" >"$W/verify.log" 2>&1 || { tail -20 "$W/verify.log"; exit 1; }
ver=$(( $(now_ms) - t0 ))
t0=$(now_ms)
mvn -q -B -f "$W/pom.xml" migrations:verify -Dmigrations.verify=syntax -Dmigrations.url="$TARGET" >"$W/syntax.log" 2>&1 || { tail -20 "$W/syntax.log"; exit 1; }
syn=$(( $(now_ms) - t0 ))
psql "$psql_url" -qc "drop database if exists $DB" >/dev/null
printf 'N = %s: up %s ms, verify %s ms (%s up; verify runs each migration up, down and up again, with three catalog snapshots and a lock trace)\n' \
  "$PAIRS" "$up" "$ver" "$(ratio "$ver" "$up")"
printf 'N = %s: verify -Dmigrations.verify=syntax %s ms (%s up; every up once on a temporary database)\n' "$PAIRS" "$syn" "$(ratio "$syn" "$up")"
