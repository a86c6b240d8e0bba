#!/usr/bin/env bash
# Times `redteam analyze` (the shaded jar, default JVM flags) and bench/analyze_pandas.py on the same synthetic
# 38,961-record released file, RUNS runs each, with GNU time (wall seconds, max RSS). See docs/benchmarks.md.
# Needs: a JDK >= 17, Maven, GNU time (/usr/bin/time) and, for pandas, Debian's python3-pandas (/usr/bin/python3).
# Usage: bench/analyze_bench.sh [WORK_DIR]   (default: target/bench-analyze)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$here/target/bench-analyze}"
runs="${RUNS:-3}"
mkdir -p "$work"
cd "$here"
if [ ! -f target/redteam.jar ] || [ -n "$(find pom.xml src/main -newer target/redteam.jar -print -quit)" ]; then
  mvn -B -q -Dmaven.test.skip=true package
fi
file="$work/synthetic.json.gz"
if [ ! -f "$file" ]; then
  mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt"
  java -cp "target/test-classes:target/classes:$(cat "$work/cp.txt")" org.redteam.dataset.SyntheticReleaseFile "$file" 2022
fi
echo "nproc: $(nproc); $(java -version 2>&1 | head -1)"
for i in $(seq "$runs"); do
  /usr/bin/time -f "java   run $i: %e s wall, %U s user, %S s sys, max RSS %M KB" \
    java -Xmx1g -jar target/redteam.jar analyze --input "$file" --out "$work/java" > /dev/null
done
for i in $(seq "$runs"); do
  /usr/bin/time -f "pandas run $i: %e s wall, %U s user, %S s sys, max RSS %M KB" \
    /usr/bin/python3 bench/analyze_pandas.py "$file" "$work/pandas" > /dev/null
done
