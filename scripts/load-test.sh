#!/usr/bin/env bash
# HTTP load test of the packaged service on this machine (loopback only), with wrk (apt-get install wrk).
#   ./mvnw -B package -DskipTests -Pload-test && scripts/load-test.sh [seconds] [connections] [warm-up seconds]
# Prints: time from JVM start to the first plan; plans vs the echo floor (throughput, p50/p99, errors, and
# the app's CPU time per request); the same load while the rules reload 10 times (with each reload's
# duration); resident memory after the run. JAVA_OPTS is passed to the app (e.g. a profiler).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CONNECTIONS=${2:-32}
# On 2 cores the JIT is still compiling the plan path after 20 s of load (one compiler thread busy, half
# the throughput); 60 s reaches a steady state. Shorter warm-ups measure the JIT, not the service.
WARMUP=${3:-60}
PORT=${PORT:-18080}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-19000}
BODY=src/test/resources/requests/contract-example.json
JAR=target/quarkus-app/quarkus-run.jar
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }
[ -f "$JAR" ] || { echo "build first: ./mvnw -B package -DskipTests -Pload-test"; exit 2; }

# Plans are for clinicians: one local user, allowed explicitly as a one-machine deployment would (docs/security.md).
USER_HASH=$(printf 'load:Quarkus:load-test' | sha512sum | cut -d' ' -f1)
AUTH="Basic $(printf 'load:load-test' | base64)"

LUA=$(mktemp --suffix=.lua)
python3 - "$BODY" "$AUTH" > "$LUA" <<'PY'
import json, sys
body = json.dumps(json.load(open(sys.argv[1])), separators=(',', ':'))
print('wrk.method = "POST"')
print('wrk.headers["Content-Type"] = "application/json"')
print('wrk.headers["Authorization"] = ' + json.dumps(sys.argv[2]))
print('wrk.body = ' + json.dumps(body))
PY

start=$(date +%s%N)
# The class-data archive the build made (pom.xml), as the image uses its own.
CDS=target/quarkus-app/app-cds.jsa
java $([ -f "$CDS" ] && echo "-XX:SharedArchiveFile=$CDS") ${JAVA_OPTS:-} -Dquarkus.http.port="$PORT" -Dquarkus.management.port="$MANAGEMENT_PORT" -Dketaplan.bench.echo=true -Dquarkus.log.category.\"org.ketaplan\".level=WARN \
     -Dketaplan.security.local-users=true -Dquarkus.security.users.embedded.users.load="$USER_HASH" \
     -Dquarkus.security.users.embedded.roles.load=clinician,clinical-lead \
     -jar "$JAR" > target/load-test-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; rm -f "$LUA"' EXIT
until curl -sf -o /dev/null -H "Authorization: $AUTH" -H 'Content-Type: application/json' --data @"$BODY" "http://127.0.0.1:$PORT/api/v1/plans"; do
  sleep 0.02
  kill -0 $APP 2>/dev/null || { echo "service died; see target/load-test-app.log"; exit 1; }
done
echo "first plan after JVM start: $(( ($(date +%s%N) - start) / 1000000 )) ms"

run() { wrk -t2 -c"$CONNECTIONS" -d"${2}s" --latency -s "$LUA" "http://127.0.0.1:$PORT$1"; }
cpu_ticks() { awk '{print $14 + $15}' /proc/$APP/stat; }
TICKS=$(getconf CLK_TCK)
summary() {
  awk -v name="$1" -v ticks="${2:-0}" -v hz="$TICKS" '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
       / requests in / {n=$1} /Non-2xx/ {err=$NF} /Socket errors/ {sock=$0}
       END {printf "%-8s %10.0f req/s   p50 %-8s p99 %-8s app CPU %4.0f us/request   non-2xx %s %s\n",
            name, rps, p50, p99, (n > 0 ? ticks * 1000000 / hz / n : 0), (err==""?0:err), sock}'
}
measure() {
  local before out
  before=$(cpu_ticks)
  out=$(run "$1" "$DURATION")
  echo "$out" | summary "$2" $(( $(cpu_ticks) - before ))
}
echo "warming up for ${WARMUP} s"
run /api/v1/plans "$WARMUP" > /dev/null
run /api/v1/echo 5 > /dev/null
PLANS=$(measure /api/v1/plans plans)
ECHO=$(measure /api/v1/echo echo)
echo "$PLANS"; echo "$ECHO"
echo "resident memory after the plans, before any reload: $(( $(ps -o rss= -p $APP) / 1024 )) MiB"
awk -v a="$(echo "$PLANS" | awk '{print $2}')" -v b="$(echo "$ECHO" | awk '{print $2}')" \
    'BEGIN {printf "plans / echo: %.2f\n", a / b}'

BEFORE=$(cpu_ticks)
run /api/v1/plans "$DURATION" > target/load-reload.txt &
WRK=$!
for i in $(seq 1 10); do
  echo "reload $i: $(curl -s -o /dev/null -H "Authorization: $AUTH" -w 'HTTP %{http_code} in %{time_total} s' -X POST "http://127.0.0.1:$MANAGEMENT_PORT/api/v1/rules/reload")"
done
wait $WRK
# CPU per request here includes the ten rule builds.
summary "reload" $(( $(cpu_ticks) - BEFORE )) < target/load-reload.txt
echo "resident memory: $(( $(ps -o rss= -p $APP) / 1024 )) MiB now, peak $(awk '/VmHWM/ {print int($2 / 1024)}' /proc/$APP/status) MiB"
