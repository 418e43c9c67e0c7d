#!/usr/bin/env bash
# The screenshot of the migrations report in docs/monitoring.md: applies the example services, writes
# their report (migrations:report, the same page mvn site shows), and photographs it with headless
# Chromium (Debian's chromium package). Needs PostgreSQL as the README's main job does.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q install -DskipTests -Dinvoker.skip=true
mvn -q -f examples/pom.xml migrations:up migrations:report
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,2000 \
  --screenshot="$PWD/docs/images/migrations-report.png" "file://$PWD/examples/target/site/migrations.html" 2>/dev/null
echo "wrote docs/images/migrations-report.png: look at it before committing"
