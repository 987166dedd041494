#!/usr/bin/env bash
# Discovery benchmark: cached Hugging Face search latency at the gateway (p50/p99, wrk) side by
# side with the same search straight at discovery-service and at the fake hub itself, then the
# fit-table time per model. Runs the suite with bin/mm up --demo in a temporary run folder.
# Usage: bench/discovery/run.sh [seconds per wrk run, default 10]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION="${1:-10}"
WARMUP="${MM_BENCH_WARMUP:-10}"
cd "$ROOT"

command -v wrk >/dev/null || { echo "installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null; }
[[ -f gateway/target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -q install -DskipTests

export MM_RUN_DIR="$(mktemp -d)"
# The direct column calls discovery-service without the gateway's internal token: let it in for
# this run (a token that is present is still verified).
export MM_INTERNAL_TOKEN_REQUIRED=false
trap 'bin/mm down >/dev/null 2>&1 || true' EXIT
MM_SKIP_BUILD=1 bin/mm up --demo

Q='q=llama&limit=20'
HUB_Q='search=llama&sort=downloads&direction=-1&limit=20&expand%5B%5D=author&expand%5B%5D=cardData&expand%5B%5D=config&expand%5B%5D=downloads&expand%5B%5D=gated&expand%5B%5D=lastModified&expand%5B%5D=library_name&expand%5B%5D=likes&expand%5B%5D=pipeline_tag&expand%5B%5D=safetensors&expand%5B%5D=tags'
AUTH="Authorization: Bearer $(tr -d '\n' <"$MM_RUN_DIR/admin-token")"
curl -sf -H "$AUTH" "http://localhost:8080/api/v1/huggingface/search?$Q" >/dev/null   # fill the cache

measure() { # name url
  local out p50 p99 rps
  wrk -t2 -c8 -d"${WARMUP}s" -H "$AUTH" "$2" >/dev/null # let the JIT compile the hot path first
  out="$(wrk -t2 -c8 -d"${DURATION}s" --latency -H "$AUTH" "$2")"
  p50="$(awk '/^ +50%/{print $2}' <<<"$out")"
  p99="$(awk '/^ +99%/{print $2}' <<<"$out")"
  rps="$(awk '/^Requests\/sec/{print $2}' <<<"$out")"
  printf '%-44s %10s %10s %12s\n' "$1" "$p50" "$p99" "$rps"
}

echo
echo "Cached search, wrk -t2 -c8 -d${DURATION}s after ${WARMUP}s of warm-up (2 cores shared by client and servers)"
printf '%-44s %10s %10s %12s\n' "target" "p50" "p99" "req/s"
measure "gateway → discovery (cached)" "http://localhost:8080/api/v1/huggingface/search?$Q"
measure "discovery-service direct (cached)" "http://localhost:8081/api/v1/huggingface/search?$Q"
measure "reference: fake hub /api/models (no cache)" "http://127.0.0.1:8090/api/models?$HUB_Q"

echo
echo "Fit table per model (FitEngine.recommend over every GPU profile, in-process)"
./mvnw -B -q -o -pl discovery-service org.codehaus.mojo:exec-maven-plugin:3.6.2:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.modelmanager.discovery.bench.FitTableBenchmark \
  -Dexec.args="$ROOT/discovery-service/src/test/resources/configs"
