#!/usr/bin/env bash
# Times `redteam analyze` and bench/analyze_pandas.py on the same synthetic 38,961-record released file, RUNS runs
# each (default 3), with GNU time -v (wall clock, user + sys CPU, max RSS). See docs/benchmarks.md#analyze.
#   java   = java -Xmx1g -jar target/redteam.jar analyze …      (default JVM flags)
#   ./redteam = the launcher, which adds -XX:TieredStopAtLevel=1 -XX:+UseSerialGC for analyze (-Xmx1g given too)
#   pandas = /usr/bin/python3 bench/analyze_pandas.py …          (Debian's python3-pandas; no template search)
# The "diverse" file has ~37,000 distinct first turns instead of 8, for the template search.
# Needs: a JDK >= 17, Maven, GNU time (/usr/bin/time), /usr/bin/python3 with pandas.
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
generate() { # FILE [diverse]
  if [ ! -f "$1" ]; then
    [ -f "$work/cp.txt" ] || mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt"
    java -cp "target/test-classes:target/classes:$(cat "$work/cp.txt")" org.redteam.dataset.SyntheticReleaseFile "$1" 2022 "${2:-}"
  fi
}
timed() { # LABEL COMMAND…
  local label="$1"; shift
  /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt" || { cat "$work/time.txt"; exit 1; }
  awk -v label="$label" -F': ' '
    /Elapsed \(wall clock\)/ { wall = $2 } /User time/ { user = $2 } /System time/ { sys = $2 }
    /Maximum resident set size/ { rss = $2 }
    END { printf "%-28s wall %s, user %s s, sys %s s, max RSS %d MB\n", label, wall, user, sys, rss / 1024 }' "$work/time.txt"
}
generate "$work/synthetic.json.gz"
generate "$work/diverse.json.gz" diverse
echo "$(nproc) cores; $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
for file in synthetic diverse; do
  for i in $(seq "$runs"); do
    timed "java $file $i" java -Xmx1g -jar target/redteam.jar analyze --input "$work/$file.json.gz" --out "$work/java-$file"
  done
  for i in $(seq "$runs"); do
    timed "./redteam $file $i" env REDTEAM_JAVA_OPTS=-Xmx1g ./redteam analyze --input "$work/$file.json.gz" --out "$work/launcher-$file"
  done
done
for i in $(seq "$runs"); do
  timed "pandas synthetic $i" /usr/bin/python3 bench/analyze_pandas.py "$work/synthetic.json.gz" "$work/pandas"
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
