#!/usr/bin/env bash
# Reliability suite, full size (on demand). The test suite (and CI) runs the same tests at a short
# size; this runs them at the sizes below and prints each figure.
#
#   bash reliability/run.sh            # needs PostgreSQL; MIGRATIONS_TEST_JDBC_URL as for the tests
#
#   - 8 concurrent up runners over one database, ROUNDS rounds: double applications, failed runners
#   - kill -9 of a JVM running up at random moments, KILLS trials: inconsistent states afterwards
#   - kill -9 while a statement still runs on the server, then an immediate rerun, ORPHANS trials:
#     statements applied twice, reruns failing
#   - fuzzing of the SQL splitter (FUZZ inputs) and the folder reader (FUZZ_FILES folders): crashes
#   - hostile service, schema, table and file names: injections
#   - a secrets scan of logs, results, status JSON, history rows and exceptions: leaks
set -euo pipefail
cd "$(dirname "$0")/.."
: "${MIGRATIONS_TEST_JDBC_URL:=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"
export MIGRATIONS_TEST_JDBC_URL
ROUNDS=${ROUNDS:-20}
KILLS=${KILLS:-200}
ORPHANS=${ORPHANS:-40}
FUZZ=${FUZZ:-100000}
FUZZ_FILES=${FUZZ_FILES:-5000}
mvn -q -B install -DskipTests
mvn -B -pl migrations-engine surefire:test -Dtest='ReliabilityTest,FuzzTest,HostileNamesTest' \
  -Dreliability.rounds="$ROUNDS" -Dreliability.kills="$KILLS" -Dreliability.orphans="$ORPHANS" -Dreliability.fuzz="$FUZZ" \
  -Dreliability.fuzzFiles="$FUZZ_FILES" 2>&1 | tee /tmp/dbmigrations-reliability.log \
  | grep -E '^reliability:|Tests run:|BUILD|FAIL'
