#!/usr/bin/env bash
# Gateway benchmark: the gateway and nginx side by side, each proxying the same discovery-service
# (SQLite store, fake hub with the demo models), on a cached search, at 8, 64 and 200 connections
# after a warm-up. Prints req/s, p50, p99 and non-2xx answers (plus socket errors) for both.
# Warm-up: both proxies get MM_BENCH_WARMUP seconds (default 45) at 200 connections, then
# MM_BENCH_LEVEL_WARMUP seconds (default 5) at each level before it is measured. A JVM compiles its
# hot paths for a while: after 15 s its compiler threads were still busy for most of the next
# measurement (17 % of the gateway's CPU in a profile), so a short warm-up measured the JIT, not the
# gateway in steady state; a new connection count also makes it compile a little more.
# Target: 0 errors and at least 0.8x nginx's throughput at every level.
#
# Uses free ports picked at start (never 8080-8084, 8090, 9092), so it can run beside bin/mm up.
# Needs wrk and nginx (Debian packages; installed with apt-get when missing) and the packaged
# gateway and discovery-service (built with ./mvnw package when missing).
# Measurement: at each level, MM_BENCH_ROUNDS rounds (default 3) per proxy, alternating, so a slow
# spell of the shared machine lands on both (this machine's speed drifts by a third over a minute).
# Each measured round follows MM_BENCH_ROUND_WARMUP seconds (default 5) of the same load on the same
# proxy, unmeasured: after the other proxy's turn the gateway's JIT recompiles code the idle spell
# deoptimised (its compiler threads took 10-20 % of its CPU in the first seconds of every turn);
# the "jit" column shows the share its compiler threads still took during the measured rounds.
# Usage: bench/gateway/run.sh [seconds per round, default 10]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION="${1:-10}"
ROUNDS="${MM_BENCH_ROUNDS:-3}"
WARMUP="${MM_BENCH_WARMUP:-45}"
LEVEL_WARMUP="${MM_BENCH_LEVEL_WARMUP:-5}"
ROUND_WARMUP="${MM_BENCH_ROUND_WARMUP:-5}"
LEVELS=(${MM_BENCH_CONNECTIONS:-8 64 200})
cd "$ROOT"

need() { # command package
  command -v "$1" >/dev/null && return 0
  echo "installing $2 (Debian package)"
  apt-get install -y -qq "$2" >/dev/null
}
need wrk wrk
need nginx nginx

if [[ ! -f gateway/target/quarkus-app/quarkus-run.jar || ! -f discovery-service/target/quarkus-app/quarkus-run.jar \
  || ! -f test-kit/target/classes/META-INF/mm-kafka-broker.classpath ]]; then
  ./mvnw -B -q package -DskipTests -pl gateway,discovery-service -am
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
HUB_PORT="$(free_port)"
DISCOVERY_PORT="$(free_port)"
GATEWAY_PORT="$(free_port)"
NGINX_PORT="$(free_port)"

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -f "$WORK/nginx.pid" ]] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

wait_for() { # url name
  local deadline=$((SECONDS + 90))
  until curl -sf -o /dev/null "$1"; do
    ((SECONDS < deadline)) || { echo "$2 did not start; see $WORK/$2.log" >&2; exit 1; }
    sleep 0.5
  done
}

KIT_CP="$ROOT/test-kit/target/classes:$(cat "$ROOT/test-kit/target/classes/META-INF/mm-kafka-broker.classpath")"
java -Xmx256m -cp "$KIT_CP" dev.modelmanager.testkit.hub.FakeHub --port "$HUB_PORT" >"$WORK/hub.log" 2>&1 &
PIDS+=($!)

# Authentication is on, as in production: the gateway checks an API token on every request, signs
# an internal token for discovery-service, and discovery verifies it. nginx has no way to mint
# that token, so discovery also lets token-less requests in (mm.internal-token.required=false, a
# token that is present is still verified): the nginx column is a proxy that does no auth at all.
mkdir -p "$WORK/keys"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/keys/internal.key.pem" 2>/dev/null
openssl pkey -in "$WORK/keys/internal.key.pem" -pubout -out "$WORK/keys/internal.pub.pem" 2>/dev/null

# No Kafka here: the relay and the intake are off; the measured path never touches them. The event
# producer still exists and would retry its unreachable broker every second (and log a warning each
# time): once a minute is enough.
NO_BROKER_OPTS=(-Dmp.messaging.outgoing.mm-events.reconnect.backoff.ms=30000
  -Dmp.messaging.outgoing.mm-events.reconnect.backoff.max.ms=60000)
env MM_STORE=sqlite MM_SQLITE_PATH="$WORK/discovery.sqlite" QUARKUS_HTTP_PORT="$DISCOVERY_PORT" \
  MM_INTERNAL_TOKEN_PUBLIC_KEY="$WORK/keys/internal.pub.pem" MM_INTERNAL_TOKEN_REQUIRED=false \
  HF_ENDPOINT="http://127.0.0.1:$HUB_PORT" KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 MM_OUTBOX_ENABLED=false \
  java -Xms256m -Xmx512m "${NO_BROKER_OPTS[@]}" -jar discovery-service/target/quarkus-app/quarkus-run.jar >"$WORK/discovery.log" 2>&1 &
PIDS+=($!)
DISCOVERY_PID=$!
# Workers: by default each proxy runs as it would in production, at its own default (nginx: one
# worker per core, worker_processes auto; the gateway: one event loop per core, its
# EventLoopsConfigSource). MM_BENCH_PROXY_WORKERS=N gives both N: nginx worker processes, gateway
# event loops.
PROXY_WORKERS="${MM_BENCH_PROXY_WORKERS:-auto}"
if [[ "$PROXY_WORKERS" == auto ]]; then
  NGINX_WORKERS=auto; GATEWAY_LOOPS=""
else
  NGINX_WORKERS="$PROXY_WORKERS"; GATEWAY_LOOPS="$PROXY_WORKERS"
fi
# The gateway's store is Postgres, as in production (its token lookup runs on every request); a
# schema of its own, dropped first. MM_BENCH_GATEWAY_STORE=sqlite measures the local-run store.
GATEWAY_STORE="${MM_BENCH_GATEWAY_STORE:-postgres}"
if [[ "$GATEWAY_STORE" == postgres ]]; then
  PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -d postgres -qc \
    'drop schema if exists gateway_bench cascade' >/dev/null
fi
env MM_STORE="$GATEWAY_STORE" MM_SCHEMA=gateway_bench MM_SQLITE_PATH="$WORK/gateway.sqlite" \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/postgres \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/postgres QUARKUS_DATASOURCE_USERNAME=postgres \
  QUARKUS_HTTP_PORT="$GATEWAY_PORT" \
  MM_GATEWAY_SERVICES_DISCOVERY_SERVICE_URL="http://127.0.0.1:$DISCOVERY_PORT" \
  MM_INTERNAL_TOKEN_PRIVATE_KEY="$WORK/keys/internal.key.pem" MM_AUTH_BOOTSTRAP_TOKEN_FILE="$WORK/admin-token" \
  MM_AUDIT_KEY_DIR="$WORK/keys" MM_NOTIFY_ENABLED=false \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 MM_OUTBOX_ENABLED=false \
  java -Xms256m -Xmx512m -Dmp.messaging.incoming.mm-intake.enabled=false "${NO_BROKER_OPTS[@]}" \
  ${GATEWAY_LOOPS:+-Dquarkus.vertx.event-loops-pool-size="$GATEWAY_LOOPS"} ${MM_BENCH_GATEWAY_OPTS:-} \
  -jar gateway/target/quarkus-app/quarkus-run.jar >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)
GATEWAY_PID=$!

# nginx as a reverse proxy would be set up in front of a service: keep-alive upstream connections.
mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx.conf" <<CONF
worker_processes $NGINX_WORKERS;
pid $WORK/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream discovery { server 127.0.0.1:$DISCOVERY_PORT; keepalive 256; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://discovery;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
  }
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx.conf"

wait_for "http://127.0.0.1:$HUB_PORT/api/models?limit=1" hub
wait_for "http://127.0.0.1:$DISCOVERY_PORT/q/health/live" discovery
wait_for "http://127.0.0.1:$GATEWAY_PORT/q/health/live" gateway

SEARCH="/api/v1/huggingface/search?q=llama&limit=20"
AUTH="Authorization: Bearer $(tr -d '\n' <"$WORK/admin-token")"
curl -sf -o /dev/null -H "$AUTH" "http://127.0.0.1:$GATEWAY_PORT$SEARCH"   # fill discovery's cache
curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT$SEARCH" || { echo "nginx → discovery failed" >&2; exit 1; }

run_wrk() { # connections url seconds: the API token goes to the gateway only (through nginx it
  # would reach discovery-service, which verifies any token it is sent and answers 401)
  if [[ "$2" == "http://127.0.0.1:$GATEWAY_PORT"* ]]; then
    wrk -t2 -c"$1" -d"$3s" --latency -H "$AUTH" "$2"
  else
    wrk -t2 -c"$1" -d"$3s" --latency "$2"
  fi
}

# CPU time (user + system, in clock ticks) of the given processes and their children threads.
cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do
    [[ -r "/proc/$pid/stat" ]] || continue
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
nginx_pids() { cat "$WORK/nginx.pid"; pgrep -P "$(cat "$WORK/nginx.pid")"; }
# CPU ticks of the gateway's JIT compiler threads (C1 and C2).
jit_ticks() {
  local total=0 task
  for task in /proc/"$GATEWAY_PID"/task/*; do
    [[ "$(cat "$task/comm" 2>/dev/null)" == C[12]\ Compiler* ]] || continue
    total=$((total + $(awk '{print $14 + $15}' "$task/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
TICK="$(getconf CLK_TCK)"

# One round: one wrk run against one proxy, with the CPU the proxy and discovery-service spent
# (which the other processes on the machine distort less than they distort req/s). Prints:
# requests seconds p50-ms p99-ms non-2xx socket-errors proxy-ticks discovery-ticks jit-ticks
round() { # connections proxy(gateway|nginx) seconds
  local url proxy_pids out p0 d0 j0 p1 d1 j1
  if [[ "$2" == gateway ]]; then
    url="http://127.0.0.1:$GATEWAY_PORT$SEARCH"; proxy_pids=("$GATEWAY_PID")
  else
    url="http://127.0.0.1:$NGINX_PORT$SEARCH"; mapfile -t proxy_pids < <(nginx_pids)
  fi
  if ((ROUND_WARMUP > 0)); then
    run_wrk "$1" "$url" "$ROUND_WARMUP" >/dev/null
  fi
  p0="$(cpu_ticks "${proxy_pids[@]}")"; d0="$(cpu_ticks "$DISCOVERY_PID")"; j0="$(jit_ticks)"
  out="$(run_wrk "$1" "$url" "$3")"
  p1="$(cpu_ticks "${proxy_pids[@]}")"; d1="$(cpu_ticks "$DISCOVERY_PID")"; j1="$(jit_ticks)"
  [[ "$2" == gateway ]] || j1="$j0"
  awk -v s="$3" -v p="$((p1 - p0))" -v d="$((d1 - d0))" -v j="$((j1 - j0))" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /requests in/ { n = $1 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses/ { non = $NF }
    /Socket errors/ { split($0, f, /[ ,]+/); sock = f[4] + f[6] + f[8] + f[10] }
    END { printf "%d %s %.3f %.3f %d %d %d %d %d\n", n, s, p50, p99, non, sock, p, d, j }' <<<"$out"
}

# The figures of one proxy over its rounds: req/s over all of them, the median round's p50, the
# worst round's p99, errors summed, CPU µs per request (proxy, discovery-service), and the share of
# the proxy's CPU its JIT compiler threads took (the gateway only).
summary() { # rounds (lines of round's output)
  awk -v t="$TICK" '
    { n += $1; s += $2; p50[NR] = $3; if ($4 > p99) p99 = $4; non += $5; sock += $6; p += $7; d += $8; j += $9 }
    END {
      for (i = 2; i <= NR; i++) for (j = i; j > 1 && p50[j - 1] > p50[j]; j--) { x = p50[j]; p50[j] = p50[j - 1]; p50[j - 1] = x }
      printf "%.0f %.2fms %.2fms %d %d %d %d %.0f%%\n", n / s, p50[int((NR + 1) / 2)], p99, non, sock,
        p * 1e6 / t / n, d * 1e6 / t / n, (p > 0 ? j * 100 / p : 0)
    }' <<<"$1"
}

echo "warming up both for ${WARMUP}s each at 200 connections (and ${LEVEL_WARMUP}s at each level)..."
run_wrk 200 "http://127.0.0.1:$GATEWAY_PORT$SEARCH" "$WARMUP" >/dev/null
run_wrk 200 "http://127.0.0.1:$NGINX_PORT$SEARCH" "$WARMUP" >/dev/null

echo
echo "Cached search through each proxy to the same discovery-service: at each level $ROUNDS rounds of"
echo "wrk -t2 -d${DURATION}s per proxy, alternating (gateway first in odd rounds, nginx in even ones), so"
echo "a slow spell of the machine falls on both; ratio: the gateway's req/s over nginx's, all rounds."
echo "(one machine: wrk, the proxy and discovery-service share its cores)"
printf '%-6s %-8s %11s %10s %10s %8s %8s %10s %12s %5s %8s  %s\n' conns proxy "req/s" p50 p99 non-2xx sockerr \
  "cpu µs/req" "svc µs/req" jit ratio "per round"
for c in "${LEVELS[@]}"; do
  if ((LEVEL_WARMUP > 0)); then
    run_wrk "$c" "http://127.0.0.1:$GATEWAY_PORT$SEARCH" "$LEVEL_WARMUP" >/dev/null
    run_wrk "$c" "http://127.0.0.1:$NGINX_PORT$SEARCH" "$LEVEL_WARMUP" >/dev/null
  fi
  g_rounds=""; n_rounds=""; per_round=""
  for ((r = 1; r <= ROUNDS; r++)); do
    if ((r % 2)); then
      g="$(round "$c" gateway "$DURATION")"; n="$(round "$c" nginx "$DURATION")"
    else
      n="$(round "$c" nginx "$DURATION")"; g="$(round "$c" gateway "$DURATION")"
    fi
    g_rounds+="$g"$'\n'; n_rounds+="$n"$'\n'
    per_round+="$(awk -v g="${g%% *}" -v n="${n%% *}" 'BEGIN{ if (n > 0) printf "%.2f ", g / n }')"
  done
  read -r g_rps g_p50 g_p99 g_non g_sock g_cpu g_svc g_jit <<<"$(summary "${g_rounds%$'\n'}")"
  read -r n_rps n_p50 n_p99 n_non n_sock n_cpu n_svc _ <<<"$(summary "${n_rounds%$'\n'}")"
  ratio="$(awk -v g="$g_rps" -v n="$n_rps" 'BEGIN{ if (n > 0) printf "%.2f", g / n; else print "-" }')"
  printf '%-6s %-8s %11s %10s %10s %8s %8s %10s %12s %5s %8s  %s\n' "$c" gateway "$g_rps" "$g_p50" "$g_p99" "$g_non" \
    "$g_sock" "$g_cpu" "$g_svc" "$g_jit" "${ratio}x" "$per_round"
  printf '%-6s %-8s %11s %10s %10s %8s %8s %10s %12s\n' "$c" nginx "$n_rps" "$n_p50" "$n_p99" "$n_non" "$n_sock" \
    "$n_cpu" "$n_svc"
done
echo "cpu µs/req: CPU time the proxy spent per request; svc µs/req: discovery-service's, behind it;"
echo "jit: the share of the gateway's CPU its JIT compiler threads took in the measured rounds"
echo
echo "gateway store: $GATEWAY_STORE; workers: nginx $NGINX_WORKERS, gateway event loops ${GATEWAY_LOOPS:-default (one per core: $(nproc))}"
echo "gateway log lines during the run: $(wc -l <"$WORK/gateway.log") ($WORK/gateway.log)"
