#!/usr/bin/env bash
# Cost of the rule-change impact replay (docs/performance.md): records N plans through the API, then checks a
# candidate (one parameter moved) on the running service while wrk keeps posting plans, and prints how long the
# replay took and what the plans saw meanwhile.
#   ./mvnw -B package -DskipTests && scripts/impact-bench.sh [plans to record, default 10000]
set -euo pipefail
cd "$(dirname "$0")/.."
RECORD=${1:-10000}
JAR=target/quarkus-app/quarkus-run.jar
PORT=18080; MANAGEMENT_PORT=19000
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }
[ -f "$JAR" ] || { echo "build first: ./mvnw -B package -DskipTests"; exit 2; }
WORK=$(mktemp -d)
cp -r rules "$WORK/rules"
BODY=src/test/resources/requests/complete-patient.json
HASH=$(printf 'bench:Quarkus:bench' | sha512sum | cut -d' ' -f1)
AUTH="Basic $(printf 'bench:bench' | base64)"
LUA="$WORK/plan.lua"
python3 - "$BODY" "$AUTH" > "$LUA" <<'PY'
import json, sys
body = json.dumps(json.load(open(sys.argv[1])), separators=(',', ':'))
print('wrk.method = "POST"')
print('wrk.headers["Content-Type"] = "application/json"')
print('wrk.headers["Authorization"] = ' + json.dumps(sys.argv[2]))
print('wrk.body = ' + json.dumps(body))
PY
(cd "$WORK" && exec java -Dquarkus.http.port=$PORT -Dquarkus.management.port=$MANAGEMENT_PORT \
    -Dquarkus.log.category.\"org.ketaplan\".level=WARN -Dketaplan.security.local-users=true \
    -Dquarkus.security.users.embedded.users.bench="$HASH" \
    -Dquarkus.security.users.embedded.roles.bench=clinician,clinical-lead,auditor \
    -jar "$OLDPWD/$JAR" > app.log 2>&1) &
APP=$!
trap 'kill $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
until curl -sf -o /dev/null -H "Authorization: $AUTH" -H 'Content-Type: application/json' --data @"$BODY" \
    "http://127.0.0.1:$PORT/api/v1/plans"; do sleep 0.2; kill -0 $APP 2>/dev/null || { cat "$WORK/app.log"; exit 1; }; done

echo "recording $RECORD plans"
while :; do
  n=$(curl -s -H "Authorization: $AUTH" "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" \
      | awk '/^ketaplan_audit_written_total/ {print int($2)}')
  [ "${n:-0}" -ge "$RECORD" ] && break
  wrk -t2 -c8 -d3s -s "$LUA" "http://127.0.0.1:$PORT/api/v1/plans" > /dev/null
done
echo "recorded: $n"

sed -i 's/^ADEQUATE_TRIAL_WEEKS,6,/ADEQUATE_TRIAL_WEEKS,8,/' "$WORK/rules/parameters.csv"
(cd "$WORK" && zip -qr candidate.zip rules)
# Clinical traffic meanwhile: 4 connections, well below saturation, as a clinic's load would be.
wrk -t2 -c4 -d70s --latency -s "$LUA" "http://127.0.0.1:$PORT/api/v1/plans" > "$WORK/during.txt" &
WRK=$!
sleep 5
start=$(date +%s%N)
curl -s -H "Authorization: $AUTH" -H 'Content-Type: application/zip' --data-binary @"$WORK/candidate.zip" \
    "http://127.0.0.1:$MANAGEMENT_PORT/api/v1/rules/check" > "$WORK/report.json"
echo "check (compile, gate, replay) took $(( ($(date +%s%N) - start) / 1000000 )) ms"
python3 -c "import json,sys; i=json.load(open(sys.argv[1]))['impact']; print('replayed', i['recorded'], 'recorded +', i['scenarios'], 'scenarios in', i['millis'], 'ms; changed', i['changed'], i['changes'])" "$WORK/report.json"
wait $WRK
echo "plans during the 70 s around the check:"
grep -E "Requests/sec|50%|99%|Non-2xx" "$WORK/during.txt"
