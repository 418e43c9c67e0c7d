#!/usr/bin/env bash
# Reproducible-build check (on demand, not part of the test suite).
#
#   bash bench/reproducible.sh
#
# Builds the published modules twice, each time from a fresh clone of the committed HEAD (so
# uncommitted changes are not in it), one after the other, and compares every jar they make (main,
# sources, javadoc) byte for byte. Prints each jar's SHA-256 and says whether the two builds agree;
# exits 1 when they do not. The parent POM's project.build.outputTimestamp is what makes the
# entries' times the same.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d /tmp/dbmigrations-reproducible.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$W"' EXIT
MODULES=migrations-engine,migrations-templates,migrations-maven-plugin
for n in 1 2; do
  git clone -q "$ROOT" "$W/build$n"
  echo "build $n of $(git -C "$W/build$n" rev-parse --short HEAD) in $W/build$n"
  (cd "$W/build$n" && mvn -q -B package -DskipTests -pl "$MODULES" >"$W/build$n.log" 2>&1) \
    || { tail -20 "$W/build$n.log"; exit 2; }
  (cd "$W/build$n" && find . -path '*/target/*.jar' -not -path './it/*' | sort | xargs sha256sum) >"$W/sums$n"
done
cat "$W/sums1"
if diff -u "$W/sums1" "$W/sums2"; then
  echo "reproducible: the two builds made $(wc -l <"$W/sums1") identical jars"
else
  echo "NOT reproducible: the jars above differ between the two builds"
  exit 1
fi
