#!/usr/bin/env bash
# HTTP load test of the packaged service on this machine (loopback only), with wrk (apt-get install wrk).
#   ./mvnw -B package -DskipTests && scripts/load-test.sh [seconds] [connections]
# Prints: time from JVM start to the first plan; plans vs the echo floor (throughput, p50/p99, errors);
# the same load while the rules reload 10 times; resident memory after the run.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CONNECTIONS=${2:-32}
PORT=${PORT:-18080}
BODY=src/test/resources/requests/contract-example.json
JAR=target/quarkus-app/quarkus-run.jar
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }
[ -f "$JAR" ] || { echo "build first: ./mvnw -B package -DskipTests"; exit 2; }

LUA=$(mktemp --suffix=.lua)
python3 - "$BODY" > "$LUA" <<'PY'
import json, sys
body = json.dumps(json.load(open(sys.argv[1])), separators=(',', ':'))
print('wrk.method = "POST"')
print('wrk.headers["Content-Type"] = "application/json"')
print('wrk.body = ' + json.dumps(body))
PY

start=$(date +%s%N)
java ${JAVA_OPTS:-} -Dquarkus.http.port="$PORT" -Dketaplan.bench.echo=true -Dquarkus.log.category.\"org.ketaplan\".level=WARN \
     -jar "$JAR" > target/load-test-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; rm -f "$LUA"' EXIT
until curl -sf -o /dev/null -H 'Content-Type: application/json' --data @"$BODY" "http://127.0.0.1:$PORT/api/v1/plans"; do
  sleep 0.02
  kill -0 $APP 2>/dev/null || { echo "service died; see target/load-test-app.log"; exit 1; }
done
echo "first plan after JVM start: $(( ($(date +%s%N) - start) / 1000000 )) ms"

run() { wrk -t2 -c"$CONNECTIONS" -d"${2}s" --latency -s "$LUA" "http://127.0.0.1:$PORT$1"; }
summary() {
  awk -v name="$1" '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
       /Non-2xx/ {err=$NF} /Socket errors/ {sock=$0}
       END {printf "%-8s %10.0f req/s   p50 %-8s p99 %-8s non-2xx %s %s\n", name, rps, p50, p99, (err==""?0:err), sock}'
}
run /api/v1/plans 5 > /dev/null   # warm-up
PLANS=$(run /api/v1/plans "$DURATION" | summary plans)
ECHO=$(run /api/v1/echo "$DURATION" | summary echo)
echo "$PLANS"; echo "$ECHO"
awk -v a="$(echo "$PLANS" | awk '{print $2}')" -v b="$(echo "$ECHO" | awk '{print $2}')" \
    'BEGIN {printf "plans / echo: %.2f\n", a / b}'

run /api/v1/plans "$DURATION" > target/load-reload.txt &
WRK=$!
for i in $(seq 1 10); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/api/v1/rules/reload")
  echo "reload $i: HTTP $code"
done
wait $WRK
summary "reload" < target/load-reload.txt
echo "resident memory: $(( $(ps -o rss= -p $APP) / 1024 )) MiB"
