#!/usr/bin/env bash
# Deploy-path benchmark (on demand, not part of the test suite).
#
#   bash bench/run.sh ["100 1000 10000"] [RUNS=3]
#
# In one run, on fresh databases and the same generated migrations (create table, index, a few
# inserts each), it times:
#   floor    psql applying every migration in its own transaction with one bookkeeping insert,
#            all in one session: the least any tool can do
#   ours     mvn migrations:up (includes Maven start-up)
#   flyway   the Flyway Maven plugin on the same SQL, files named its way (includes Maven start-up)
#   no-op    mvn migrations:up with everything applied
#   maven    a bare Maven start-up on the same project (mvn validate)
#   liquibase the Liquibase Maven plugin on the same SQL as formatted changesets (includes Maven start-up)
#   no-ops   each tool run again with everything applied (what every deploy without changes costs)
# and prints, for each N, medians of RUNS runs and ratios ("ours - maven" is the engine's own time),
# the median of each run's own engine/floor ratio (the disk here is noisy from minute to minute: a ratio
# of two timings taken close together is steadier than a ratio of medians), then a summary across N:
# milliseconds per migration, which stays flat when the cost is linear.
# Every timed run starts on a fresh database after a CHECKPOINT.
# Needs: the plugin installed (mvn -q install -DskipTests), psql, PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
NS=${1:-"100 1000 10000"}
RUNS=${2:-3}
FLYWAY_VERSION=${FLYWAY_VERSION:-13.12.0}
LIQUIBASE_VERSION=${LIQUIBASE_VERSION:-4.33.0}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)
W=$(mktemp -d /tmp/dbmigrations-bench.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$W"' EXIT


# a fresh database, then a checkpoint, so that the previous run's dirty pages are not flushed during this one
fresh_db() { psql -qX -d postgres -c "set client_min_messages = warning" -c "drop database if exists $1 with (force)" -c "create database $1" -c "checkpoint" >/dev/null; }
url() { echo "jdbc:postgresql://$PGHOST:$PGPORT/$1?user=$PGUSER"; }
time_cmd() { local t0; t0=$(now_ms); "$@" >"$W/last.log" 2>&1 || { grep -E "ERROR|Exception" "$W/last.log" | head -n 20 >&2; echo "FAILED: $*" >&2; exit 1; }; echo $(( $(now_ms) - t0 )); }

summary=()
bench_n() {
  local N=$1
  local D="$W/n$N"
  mkdir -p "$D"
  echo "generating $N migrations in $D"
  mkdir -p "$D/migrations" "$D/flyway" "$D/liquibase/sql"
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"\n    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">\n    <includeAll path="sql/" relativeToChangelogFile="true"/>\n</databaseChangeLog>\n' > "$D/liquibase/changelog.xml"
  {
    echo '\set ON_ERROR_STOP on'
    echo 'create schema bench_floor; set search_path to bench_floor;'
    echo 'create table floor_history (version bigint primary key, name text, checksum text, applied_at timestamptz default now());'
  } > "$D/floor.sql"
  for i in $(seq 1 "$N"); do
    v=$(printf '%05d' "$i")
    sql="create table bench_table_$i (
      id bigint generated always as identity primary key,
      name text not null,
      amount numeric(12,2) not null default 0,
      created_at timestamptz not null default now()
  );
  create index bench_table_${i}_name on bench_table_$i (name);
  insert into bench_table_$i (name, amount) values ('alpha', 1.50), ('beta', 2.25), ('gamma; with semicolon', 3);
  "
    printf '%s' "$sql" > "$D/migrations/${v}_create_bench_table_$i.up.sql"
    printf 'drop table bench_table_%s;\n' "$i" > "$D/migrations/${v}_create_bench_table_$i.down.sql"
    printf '%s' "$sql" > "$D/flyway/V${i}__create_bench_table_$i.sql"
    printf -- '--liquibase formatted sql\n--changeset bench:%s\n%s' "$i" "$sql" > "$D/liquibase/sql/${v}_create_bench_table_$i.sql"
    printf 'begin;\n%sinsert into floor_history (version, name, checksum) values (%s, %s, md5(%s));\ncommit;\n' \
      "$sql" "$i" "'create_bench_table_$i'" "'$i'" >> "$D/floor.sql"
  done

  write_pom "$D" bench-service "$VERSION" "      <plugin>
          <groupId>org.flywaydb</groupId>
          <artifactId>flyway-maven-plugin</artifactId>
          <version>$FLYWAY_VERSION</version>
          <dependencies>
            <dependency>
              <groupId>org.flywaydb</groupId>
              <artifactId>flyway-database-postgresql</artifactId>
              <version>$FLYWAY_VERSION</version>
            </dependency>
            <dependency>
              <groupId>org.postgresql</groupId>
              <artifactId>postgresql</artifactId>
              <version>42.7.14</version>
            </dependency>
          </dependencies>
        </plugin>
        <plugin>
          <groupId>org.liquibase</groupId>
          <artifactId>liquibase-maven-plugin</artifactId>
          <version>$LIQUIBASE_VERSION</version>
          <dependencies>
            <dependency>
              <groupId>org.postgresql</groupId>
              <artifactId>postgresql</artifactId>
              <version>42.7.14</version>
            </dependency>
          </dependencies>
        </plugin>"


  echo "warming up Maven (plugin resolution)"
  (cd "$D" && mvn -q -B validate >/dev/null && { mvn -q -B liquibase:help >/dev/null 2>&1 || true; } && { mvn -q -B flyway:info -Dflyway.url="jdbc:postgresql://$PGHOST:$PGPORT/postgres?user=$PGUSER" -Dflyway.schemas=bench_warmup -Dflyway.createSchemas=false >/dev/null 2>&1 || true; })

  floor=(); ours=(); flyway=(); liquibase=(); noop=(); flynoop=(); liqnoop=(); maven=(); heap=(); pair=()
  for r in $(seq 1 "$RUNS"); do
    echo "run $r/$RUNS"
    fresh_db bench_floor_db;  floor+=("$(time_cmd psql -qX -d bench_floor_db -f "$D/floor.sql")")
    fresh_db bench_ours_db;   ours+=("$(cd "$D" && time_cmd mvn -q -B migrations:up -Dmigrations.url="$(url bench_ours_db)")")
    noop+=("$(cd "$D" && time_cmd mvn -q -B migrations:up -Dmigrations.url="$(url bench_ours_db)")")
    fresh_db bench_flyway_db; flyway+=("$(cd "$D" && time_cmd mvn -q -B flyway:migrate -Dflyway.url="$(url bench_flyway_db)" \
        -Dflyway.user="$PGUSER" -Dflyway.schemas=bench_flyway -Dflyway.locations="filesystem:$D/flyway")")
    flynoop+=("$(cd "$D" && time_cmd mvn -q -B flyway:migrate -Dflyway.url="$(url bench_flyway_db)" \
        -Dflyway.user="$PGUSER" -Dflyway.schemas=bench_flyway -Dflyway.locations="filesystem:$D/flyway")")
    fresh_db bench_liquibase_db; psql -qX -d bench_liquibase_db -c "create schema bench_liquibase" >/dev/null
    liquibase+=("$(cd "$D" && time_cmd mvn -q -B liquibase:update -Dliquibase.url="$(url bench_liquibase_db)&currentSchema=bench_liquibase" \
        -Dliquibase.username="$PGUSER" -Dliquibase.changeLogFile=liquibase/changelog.xml -Dliquibase.searchPath="$D" \
        -Dliquibase.defaultSchemaName=bench_liquibase -Dliquibase.showBanner=false)")
    liqnoop+=("$(cd "$D" && time_cmd mvn -q -B liquibase:update -Dliquibase.url="$(url bench_liquibase_db)&currentSchema=bench_liquibase" \
        -Dliquibase.username="$PGUSER" -Dliquibase.changeLogFile=liquibase/changelog.xml -Dliquibase.searchPath="$D" \
        -Dliquibase.defaultSchemaName=bench_liquibase -Dliquibase.showBanner=false)")
    maven+=("$(cd "$D" && time_cmd mvn -q -B validate)")
    # this run's own ratio: the engine's time over the floor measured minutes apart, not across runs
    pair+=("$(awk -v o="${ours[-1]}" -v m="${maven[-1]}" -v f="${floor[-1]}" 'BEGIN { printf "%d", (o - m) * 1000 / f }')")
  done
  # the same up with a 64 MB heap: does it still fit?
  fresh_db bench_heap_db
  if (cd "$D" && MAVEN_OPTS="-Xmx64m" mvn -q -B migrations:up -Dmigrations.url="$(url bench_heap_db)" >"$D/heap.log" 2>&1); then heap64=ok; else heap64=FAILED; fi
  applied=$(psql -qXAt -d bench_ours_db -c "select count(*) from bench_service.migrations_applied")
  for d in bench_floor_db bench_ours_db bench_flyway_db bench_liquibase_db bench_heap_db; do psql -qX -d postgres -c "drop database if exists $d with (force)" >/dev/null; done

  F=$(median "${floor[@]}"); O=$(median "${ours[@]}"); Y=$(median "${flyway[@]}"); L=$(median "${liquibase[@]}")
  Z=$(median "${noop[@]}"); M=$(median "${maven[@]}"); ZF=$(median "${flynoop[@]}"); ZL=$(median "${liqnoop[@]}")
  P=$(median "${pair[@]}")
  echo
  echo "N = $N migrations, median of $RUNS runs (ms); $applied applied by migrations:up"
  printf '%-34s %8s  %s\n' "what" "ms" "ratio"
  printf '%-34s %8d  %s\n' "floor (psql, 1 session)" "$F" "1.00x floor"
  printf '%-34s %8d  %s\n' "migrations:up (with Maven start-up)" "$O" "$(ratio "$O" "$F") floor"
  printf '%-34s %8d  %s\n' "migrations:up minus bare Maven" "$((O - M))" "$(ratio "$((O - M))" "$F") floor"
  printf '%-34s %8d  %s\n' "flyway:migrate $FLYWAY_VERSION (with Maven)" "$Y" "$(ratio "$Y" "$F") floor, $(ratio "$Y" "$O") ours"
  printf '%-34s %8d  %s\n' "flyway:migrate minus bare Maven" "$((Y - M))" "$(ratio "$((Y - M))" "$F") floor"
  printf '%-34s %8d  %s\n' "liquibase:update $LIQUIBASE_VERSION (with Maven)" "$L" "$(ratio "$L" "$F") floor, $(ratio "$L" "$O") ours"
  printf '%-34s %8d  %s\n' "liquibase:update minus bare Maven" "$((L - M))" "$(ratio "$((L - M))" "$F") floor"
  printf '%-34s %8s  %s\n' "  per-run ratios, median" "" "$(awk -v p="$P" 'BEGIN { printf "%.2fx", p / 1000 }') floor (each run: ${pair[*]} per mille)"
  printf '%-34s %8d  %s\n' "no-op migrations:up, all applied" "$Z" "$(ratio "$Z" "$M") bare Maven (+$((Z - M)) ms)"
  printf '%-34s %8d  %s\n' "no-op flyway:migrate" "$ZF" "$(ratio "$ZF" "$M") bare Maven (+$((ZF - M)) ms)"
  printf '%-34s %8d  %s\n' "no-op liquibase:update" "$ZL" "$(ratio "$ZL" "$M") bare Maven (+$((ZL - M)) ms)"
  printf '%-34s %8d  %s\n' "bare Maven start-up (validate)" "$M" "1.00x"
  printf '%-34s %8s\n' "migrations:up with -Xmx64m" "$heap64"

  summary+=("$(printf '%8d %10d %10d %8s %12s %12s' "$N" "$F" "$((O - M))" "$(ratio "$((O - M))" "$F")" "$(awk -v a="$((O - M))" -v n="$N" 'BEGIN { printf "%.2f", a / n }')" "$(awk -v a="$F" -v n="$N" 'BEGIN { printf "%.2f", a / n }')")")
}

for N in $NS; do
  bench_n "$N"
done
echo
echo "summary: the engine's time (migrations:up minus bare Maven) against the psql floor, per N"
printf '%8s %10s %10s %8s %12s %12s\n' "N" "floor ms" "ours ms" "ratio" "ours ms/mig" "floor ms/mig"
printf '%s\n' "${summary[@]}"

# and validate over 10,000 files against squawk, in the same command
if [ -z "${SKIP_VALIDATE:-}" ]; then
  echo
  bash "$ROOT/bench/validate.sh" 5000 "$RUNS"
fi
