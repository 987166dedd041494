#!/usr/bin/env bash
# Benchmark of weights-service installs against aria2c -x16, curl and the @huggingface/hub client,
# all fetching the same generated multi-file repository from the fake hub on this machine.
# Not part of the build. Usage: bench/weights/run.sh [GiB total (default 2)] [shards (default 4)]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
GIB="${1:-2}"
FILES="${2:-4}"
WORK="$(mktemp -d /tmp/mm-weights-bench.XXXXXX)"
HUB_PORT="${HUB_PORT:-18090}"
SVC_PORT="${SVC_PORT:-18082}"
HUB_MODULE="$ROOT/test-kit/src/test/js/hub-client-check/node_modules/@huggingface/hub/dist/index.mjs"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

log() { echo "[bench] $*" >&2; }
now() { date +%s.%N; }

if ! command -v aria2c >/dev/null; then
  log "installing aria2"
  (apt-get update -qq && apt-get install -y -qq aria2) >/dev/null
fi

cd "$ROOT"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building weights-service (package, tests compiled but not run)"
  ./mvnw -B -q -pl weights-service package -DskipTests -Dspotless.check.skip=true
fi
./mvnw -B -q -pl weights-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/cp.txt" >/dev/null

log "starting the fake hub with ${GIB} GiB in ${FILES} shards"
java -Xmx512m -cp "weights-service/target/test-classes:$(cat "$WORK/cp.txt")" \
  dev.modelmanager.weights.bench.BenchHub --port "$HUB_PORT" --gib "$GIB" --files "$FILES" >"$WORK/hub.log" 2>&1 &
PIDS+=($!)
until grep -q '^READY' "$WORK/hub.log"; do sleep 0.5; kill -0 "${PIDS[0]}" || { cat "$WORK/hub.log"; exit 1; }; done
HUB="http://127.0.0.1:$HUB_PORT"
REPO="bench/multi-shard"
mapfile -t NAMES < <(awk '$1=="FILE"{print $2}' "$WORK/hub.log")
NAMES+=("config.json" "tokenizer.json" ".gitattributes")
TOTAL=0
for n in "${NAMES[@]}"; do
  size=$(curl -sSfI "$HUB/$REPO/resolve/main/$n" | awk 'tolower($1)=="x-linked-size:"{print $2} tolower($1)=="content-length:"{c=$2} END{}' | tr -d '\r' | head -1)
  [[ -z "$size" ]] && size=$(curl -sSfL "$HUB/$REPO/resolve/main/$n" | wc -c)
  TOTAL=$((TOTAL + size))
  echo "$HUB/$REPO/resolve/main/$n" >>"$WORK/urls.txt"
done
log "repository: ${#NAMES[@]} files, $TOTAL bytes"

# --- weights-service ---
# Called directly (no gateway in front), so it lets token-less requests in for this run.
log "weights-service: install through the packaged service"
java -Xmx512m -Dquarkus.http.port="$SVC_PORT" -Dmm.store=sqlite -Dmm.sqlite.path="$WORK/svc.sqlite" \
  -Dmm.outbox.enabled=false -Dkafka.bootstrap.servers=127.0.0.1:9 -Dquarkus.log.level=WARN \
  -Dmm.hf.endpoint="$HUB" -Dmm.weights.locations[0].name=bench -Dmm.weights.locations[0].path="$WORK/svc" \
  -Dmm.weights.headroom-bytes=0 -Dmm.weights.jobs.poll-interval=100ms \
  -Dmm.internal-token.required=false \
  -jar weights-service/target/quarkus-app/quarkus-run.jar >"$WORK/svc.log" 2>&1 &
PIDS+=($!)
until curl -sf "http://127.0.0.1:$SVC_PORT/api/v1/weights/locations" >/dev/null; do sleep 0.3; done
t0=$(now)
ID=$(curl -sSf -H 'Content-Type: application/json' -d "{\"repo\": \"$REPO\"}" \
  "http://127.0.0.1:$SVC_PORT/api/v1/weights/installs" | sed -E 's/.*"id":"([^"]+)".*/\1/')
while true; do
  STATE=$(curl -sSf "http://127.0.0.1:$SVC_PORT/api/v1/weights/installs/$ID" | sed -E 's/.*"state":"([A-Z]+)".*/\1/')
  [[ "$STATE" == SUCCEEDED || "$STATE" == FAILED || "$STATE" == CANCELLED ]] && break
  sleep 0.1
done
t_svc=$(echo "$(now) - $t0" | bc)
[[ "$STATE" == SUCCEEDED ]] || { log "install ended $STATE"; curl -s "http://127.0.0.1:$SVC_PORT/api/v1/weights/installs/$ID"; exit 1; }
kill "${PIDS[1]}"; rm -rf "$WORK/svc"

# --- curl, one file after the other ---
log "curl"
mkdir -p "$WORK/curl"; t0=$(now)
while read -r url; do curl -sSfL -o "$WORK/curl/$(basename "$url")" "$url"; done <"$WORK/urls.txt"
t_curl=$(echo "$(now) - $t0" | bc); rm -rf "$WORK/curl"

# --- curl, then sha256sum (what the service does on top: verification) and sync (durability) ---
log "curl + sha256sum (+ sync)"
mkdir -p "$WORK/curlv"; t0=$(now)
while read -r url; do curl -sSfL -o "$WORK/curlv/$(basename "$url")" "$url"; done <"$WORK/urls.txt"
sha256sum "$WORK"/curlv/*.safetensors >/dev/null
t_curlv=$(echo "$(now) - $t0" | bc)
sync "$WORK"/curlv/*
t_curlvs=$(echo "$(now) - $t0" | bc); rm -rf "$WORK/curlv"

# --- aria2c -x16 ---
log "aria2c -x16 -s16"
mkdir -p "$WORK/aria"; t0=$(now)
aria2c -q -x16 -s16 -k1M -j"$FILES" --file-allocation=none --allow-overwrite=true -d "$WORK/aria" -i "$WORK/urls.txt"
t_aria=$(echo "$(now) - $t0" | bc); rm -rf "$WORK/aria"

# --- @huggingface/hub ---
t_js=""
if [[ -f "$HUB_MODULE" ]] && command -v node >/dev/null; then
  log "@huggingface/hub snapshotDownload"
  t0=$(now)
  node "$ROOT/bench/weights/hf-download.mjs" "$HUB_MODULE" "$HUB" "$REPO" "$WORK/js" >/dev/null
  t_js=$(echo "$(now) - $t0" | bc); rm -rf "$WORK/js"
fi

row() { # name seconds
  local mbs ratio
  mbs=$(echo "scale=1; $TOTAL / 1048576 / $2" | bc)
  ratio=$(echo "scale=2; $2 / $t_svc" | bc)
  printf "| %-34s | %8.2f | %9s | %18s |\n" "$1" "$2" "$mbs" "${ratio}x"
}
echo
echo "Repository $REPO: ${#NAMES[@]} files, $TOTAL bytes ($(nproc) cores, fake hub on 127.0.0.1)"
printf "| %-34s | %8s | %9s | %18s |\n" "client" "seconds" "MiB/s" "time / service"
printf "|%s|%s|%s|%s|\n" "------------------------------------" "----------" "-----------" "--------------------"
row "weights-service (verified, synced)" "$t_svc"
row "aria2c -x16 -s16 (no verification)" "$t_aria"
row "curl, sequential (no verification)" "$t_curl"
row "curl + sha256sum" "$t_curlv"
row "curl + sha256sum + sync" "$t_curlvs"
[[ -n "$t_js" ]] && row "@huggingface/hub snapshotDownload" "$t_js"
