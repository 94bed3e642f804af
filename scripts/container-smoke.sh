#!/usr/bin/env bash
# Builds the image, starts it with one local user allowed (as a one-machine deployment would), waits for
# readiness and asks for a plan. Needs podman or docker; CI has neither, so this runs where an engine exists.
#   scripts/container-smoke.sh [image tag]
set -euo pipefail
cd "$(dirname "$0")/.."
TAG=${1:-ketaplan:smoke}
ENGINE=$(command -v podman || command -v docker || true)
[ -n "$ENGINE" ] || { echo "neither podman nor docker is installed"; exit 2; }
"$ENGINE" build -t "$TAG" .
HASH=$(printf 'smoke:Quarkus:smoke-test' | sha512sum | cut -d' ' -f1)
NAME=ketaplan-smoke-$$
"$ENGINE" run -d --rm --name "$NAME" -p 18080:8080 -p 19000:9000 --memory 1g \
  -e KETAPLAN_SECURITY_LOCAL_USERS=true -e QUARKUS_SECURITY_USERS_EMBEDDED_USERS_SMOKE="$HASH" \
  -e QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_SMOKE=clinician "$TAG" > /dev/null
trap '"$ENGINE" logs "$NAME" > target/container-smoke.log 2>&1 || true; "$ENGINE" stop "$NAME" > /dev/null 2>&1 || true' EXIT
start=$(date +%s)
until curl -sf -o /dev/null http://127.0.0.1:19000/q/health/ready; do
  [ $(( $(date +%s) - start )) -lt 120 ] || { echo "not ready after 120 s"; exit 1; }
  sleep 1
done
echo "ready after $(( $(date +%s) - start )) s"
"$ENGINE" logs "$NAME" 2>&1 | grep -q "with the build's snapshot" \
  || { echo "the image did not start from its rule snapshot (see target/container-smoke.log)"; exit 1; }
PLAN=$(curl -sf -u smoke:smoke-test -H 'Content-Type: application/json' \
  --data @src/test/resources/requests/contract-example.json http://127.0.0.1:18080/api/v1/plans)
echo "$PLAN" | python3 -c 'import json,sys; p=json.load(sys.stdin); assert p["eligibility"] and p["ruleset"]["version"]; print("plan", p["planId"], p["eligibility"], "rule set", p["ruleset"]["version"])'
curl -s -o /dev/null -w 'unauthenticated plan: %{http_code}\n' -H 'Content-Type: application/json' --data '{}' \
  http://127.0.0.1:18080/api/v1/plans
