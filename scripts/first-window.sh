#!/usr/bin/env bash
# How a new replica serves its first seconds: the packaged application in APPDIR (a copy of target/quarkus-app, so
# that two builds can be compared back to back) is started on a copy of rules/, and wrk asks for plans for 10 s from
# the moment the first plan was answered, then for 10 s more. Needs wrk (apt-get install wrk).
#   scripts/first-window.sh /tmp/app-before before; scripts/first-window.sh /tmp/app-after after
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
APPDIR=$(cd "$1" && pwd); LABEL=${2:-$1}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }
PORT=18080; MPORT=19000
BODY=$REPO/src/test/resources/requests/contract-example.json
W=$(mktemp -d); cp -r "$REPO/rules" "$W/rules"; cd "$W"
USER_HASH=$(printf 'load:Quarkus:load-test' | sha512sum | cut -d' ' -f1)
AUTH="Basic $(printf 'load:load-test' | base64)"
LUA=$W/plan.lua
python3 - "$BODY" "$AUTH" > "$LUA" <<'PY'
import json, sys
body = json.dumps(json.load(open(sys.argv[1])), separators=(',', ':'))
print('wrk.method = "POST"'); print('wrk.headers["Content-Type"] = "application/json"')
print('wrk.headers["Authorization"] = ' + json.dumps(sys.argv[2])); print('wrk.body = ' + json.dumps(body))
PY
start=$(date +%s%N)
java -XX:SharedArchiveFile=$APPDIR/app-cds.jsa -Dquarkus.http.port=$PORT -Dquarkus.management.port=$MPORT \
  -Dquarkus.log.category.\"org.ketaplan\".level=WARN -Dketaplan.security.local-users=true \
  -Dquarkus.security.users.embedded.users.load="$USER_HASH" -Dquarkus.security.users.embedded.roles.load=clinician \
  -jar $APPDIR/quarkus-run.jar > "$W/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$W"' EXIT
until curl -sf -o /dev/null -H "Authorization: $AUTH" -H 'Content-Type: application/json' --data @"$BODY" "http://127.0.0.1:$PORT/api/v1/plans"; do
  sleep 0.02; kill -0 $APP 2>/dev/null || { echo died; cat "$W/app.log"; exit 1; }
done
first=$(( ($(date +%s%N) - start) / 1000000 ))
sum() { awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {printf "%6.0f/s p50 %-8s p99 %-8s", rps, p50, p99}'; }
a=$(wrk -t2 -c32 -d10s --latency -s "$LUA" http://127.0.0.1:$PORT/api/v1/plans | sum)
b=$(wrk -t2 -c32 -d10s --latency -s "$LUA" http://127.0.0.1:$PORT/api/v1/plans | sum)
echo "$LABEL first plan ${first} ms | 0-10 s: $a | 10-20 s: $b"
