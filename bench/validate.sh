#!/usr/bin/env bash
# Validation benchmark (on demand, not part of the test suite).
#
#   bash bench/validate.sh [PAIRS=5000] [RUNS=3]
#
# Generates PAIRS migrations (2 x PAIRS files: a realistic mix of DDL, data changes and function
# bodies), then in one run times migrations:validate (Maven with -Xmx256m; the engine's own time is
# printed by the goal; again with -XX:TieredStopAtLevel=1, the JIT's first tier only) and squawk (npm package squawk-cli) on the same files. Prints files per
# second, peak heap after GC from the JVM's GC log, and the ratio to squawk.
# Needs: the plugin installed (mvn -q install -DskipTests), Node.js and npm for squawk.
set -euo pipefail
PAIRS=${1:-5000}
RUNS=${2:-3}
SQUAWK_VERSION=${SQUAWK_VERSION:-2.66.0}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)
W=$(mktemp -d /tmp/dbmigrations-validate-bench.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$W"' EXIT
M="$W/migrations"
mkdir -p "$M"
FILES=$((PAIRS * 2))
echo "generating $FILES files in $M"
for i in $(seq 1 "$PAIRS"); do
  v=$(printf '%06d' "$i")
  case $((i % 6)) in
    0) printf "create table if not exists t_%s (\n    id bigint generated always as identity primary key,\n    name text not null,\n    created_at timestamptz not null default now()\n);\ncreate index if not exists t_%s_name on t_%s (name);\n" "$i" "$i" "$i" > "$M/${v}_create_t_$i.up.sql"
       printf "drop table if exists t_%s;\n" "$i" > "$M/${v}_create_t_$i.down.sql" ;;
    1) printf "set lock_timeout = '5s';\nalter table t_%s add column if not exists note_%s text default 'n/a';\n" "$((i - 1))" "$i" > "$M/${v}_add_note_$i.up.sql"
       printf "set lock_timeout = '5s';\nalter table t_%s drop column if exists note_%s;\n" "$((i - 1))" "$i" > "$M/${v}_add_note_$i.down.sql" ;;
    2) printf "update t_%s set name = lower(name) where id between 1 and 10000;\ninsert into t_%s (name) values ('a; b'), (E'it\\\\'s'), (\$\$dollar; quoted\$\$);\n" "$((i - 2))" "$((i - 2))" > "$M/${v}_backfill_$i.up.sql"
       printf "delete from t_%s where name in ('a; b');\n" "$((i - 2))" > "$M/${v}_backfill_$i.down.sql" ;;
    3) printf "create or replace function f_%s(p_id bigint) returns text\nlanguage plpgsql as \$fn\$\ndeclare\n    v text;\nbegin\n    select name into v from t_%s where id = p_id; -- a comment; with a semicolon\n    if v is null then\n        raise notice 'missing %%', p_id;\n    end if;\n    return v;\nend;\n\$fn\$;\n" "$i" "$((i - 3))" > "$M/${v}_function_$i.up.sql"
       printf "drop function if exists f_%s(bigint);\n" "$i" > "$M/${v}_function_$i.down.sql" ;;
    4) printf "create or replace view v_%s as\n    select id, name /* block /* nested */ comment */ from t_%s where created_at > now() - interval '30 days';\n" "$i" "$((i - 4))" > "$M/${v}_view_$i.up.sql"
       printf "drop view if exists v_%s;\n" "$i" > "$M/${v}_view_$i.down.sql" ;;
    5) printf -- "-- migrations:no-transaction\nset lock_timeout = '5s';\ncreate index concurrently if not exists t_%s_created on t_%s (created_at);\n" "$((i - 5))" "$((i - 5))" > "$M/${v}_index_$i.up.sql"
       printf -- "-- migrations:no-transaction\ndrop index concurrently if exists t_%s_created;\n" "$((i - 5))" > "$M/${v}_index_$i.down.sql" ;;
  esac
done
write_pom "$W" validate-bench "$VERSION"
if [ ! -x "$W/squawk/node_modules/.bin/squawk" ]; then
  echo "installing squawk-cli@$SQUAWK_VERSION from npm"
  npm install --silent --prefix "$W/squawk" "squawk-cli@$SQUAWK_VERSION" >/dev/null
fi
SQUAWK="$W/squawk/node_modules/.bin/squawk"

(cd "$W" && mvn -q -B validate >/dev/null)

ours=(); engine=(); c1=(); squawk=(); peaks=()
for r in $(seq 1 "$RUNS"); do
  echo "run $r/$RUNS"
  t0=$(now_ms)
  (cd "$W" && MAVEN_OPTS="-Xmx256m -Xlog:gc:file=$W/gc.log" mvn -B migrations:validate -Dmigrations.lint=relaxed > "$W/validate.log" 2>&1) \
    || { grep -E "ERROR" "$W/validate.log" | head -n 20; echo "validate failed" >&2; exit 1; }
  ours+=($(( $(now_ms) - t0 )))
  engine+=("$(sed -n 's/.*Validated [0-9]* migrations in \([0-9]*\) ms.*/\1/p' "$W/validate.log")")
  # the same with the JIT's first tier only, as a .mvn/jvm.config of -XX:TieredStopAtLevel=1 gives it
  (cd "$W" && MAVEN_OPTS="-Xmx256m -XX:TieredStopAtLevel=1" mvn -B migrations:validate -Dmigrations.lint=relaxed > "$W/validate-c1.log" 2>&1) \
    || { echo "validate (C1 only) failed" >&2; exit 1; }
  c1+=("$(sed -n 's/.*Validated [0-9]* migrations in \([0-9]*\) ms.*/\1/p' "$W/validate-c1.log")")
  # peak live heap: the largest figure left after any GC in the log (e.g. "Pause Young ... 60M->12M(256M)")
  peaks+=("$(grep -oE '[0-9]+M->[0-9]+M' "$W/gc.log" | sed 's/.*->//; s/M//' | sort -n | tail -n 1)")
  t0=$(now_ms)
  (cd "$M" && "$SQUAWK" ./*.sql > "$W/squawk.log" 2>&1) || true
  squawk+=($(( $(now_ms) - t0 )))
done
grep -q "Found\|issues\|No issues" "$W/squawk.log" || { tail -n 5 "$W/squawk.log"; echo "squawk did not run" >&2; exit 1; }

O=$(median "${ours[@]}"); E=$(median "${engine[@]}"); C=$(median "${c1[@]}"); S=$(median "${squawk[@]}"); P=$(median "${peaks[@]}")
fps() { awk -v n="$FILES" -v ms="$1" 'BEGIN { printf "%.0f", n * 1000 / ms }'; }
echo
echo "$FILES files ($PAIRS migrations), median of $RUNS runs"
printf '%-42s %8s  %10s  %s\n' "what" "ms" "files/s" "ratio to squawk"
printf '%-42s %8d  %10s  %s\n' "migrations:validate (Maven, -Xmx256m)" "$O" "$(fps "$O")" "$(ratio "$O" "$S")"
printf '%-42s %8d  %10s  %s\n' "  of which the engine" "$E" "$(fps "$E")" "$(ratio "$E" "$S")"
printf '%-42s %8d  %10s  %s\n' "  the engine, -XX:TieredStopAtLevel=1" "$C" "$(fps "$C")" "$(ratio "$C" "$S")"
printf '%-42s %8d  %10s  %s\n' "squawk $SQUAWK_VERSION" "$S" "$(fps "$S")" "1.00x"
printf '%-42s %8s\n' "peak live heap after GC (migrations:validate)" "${P:-?} MB"
