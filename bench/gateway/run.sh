#!/usr/bin/env bash
# Gateway benchmark: the gateway and nginx side by side, each proxying the same discovery-service
# (SQLite store, fake hub with the demo models), on a cached search, at 8, 64 and 200 connections
# after a warm-up. Prints req/s, p50, p99 and non-2xx answers (plus socket errors) for both.
# Target: 0 errors and at least 0.8x nginx's throughput at every level.
#
# Uses free ports picked at start (never 8080-8084, 8090, 9092), so it can run beside bin/mm up.
# Needs wrk and nginx (Debian packages; installed with apt-get when missing) and the packaged
# gateway and discovery-service (built with ./mvnw package when missing).
# Usage: bench/gateway/run.sh [seconds per measurement, default 15]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION="${1:-15}"
WARMUP="${MM_BENCH_WARMUP:-15}"
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

# No Kafka here: the relay and the intake are off; the measured path never touches them.
env MM_STORE=sqlite MM_SQLITE_PATH="$WORK/discovery.sqlite" QUARKUS_HTTP_PORT="$DISCOVERY_PORT" \
  MM_INTERNAL_TOKEN_PUBLIC_KEY="$WORK/keys/internal.pub.pem" MM_INTERNAL_TOKEN_REQUIRED=false \
  HF_ENDPOINT="http://127.0.0.1:$HUB_PORT" KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 MM_OUTBOX_ENABLED=false \
  java -Xms256m -Xmx512m -jar discovery-service/target/quarkus-app/quarkus-run.jar >"$WORK/discovery.log" 2>&1 &
PIDS+=($!)
DISCOVERY_PID=$!
# Each proxy gets the same number of workers: nginx worker processes, gateway event loops. One
# each by default: on a small machine wrk and discovery-service need the other cores, and a single
# worker batches best. MM_BENCH_PROXY_WORKERS=auto leaves both at their own defaults (nginx: one
# worker per core; the gateway: one event loop per core, its EventLoopsConfigSource).
PROXY_WORKERS="${MM_BENCH_PROXY_WORKERS:-1}"
if [[ "$PROXY_WORKERS" == auto ]]; then
  NGINX_WORKERS=auto; GATEWAY_LOOPS=""
else
  NGINX_WORKERS="$PROXY_WORKERS"; GATEWAY_LOOPS="$PROXY_WORKERS"
fi
# The gateway's store is Postgres, as in production (its token lookup runs on every request); a
# schema of its own, dropped first. MM_BENCH_GATEWAY_STORE=sqlite measures the local-run store.
GATEWAY_STORE="${MM_BENCH_GATEWAY_STORE:-postgres}"
if [[ "$GATEWAY_STORE" == postgres ]]; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc 'drop schema if exists gateway_bench cascade' >/dev/null
fi
env MM_STORE="$GATEWAY_STORE" MM_SCHEMA=gateway_bench MM_SQLITE_PATH="$WORK/gateway.sqlite" \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/postgres \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/postgres QUARKUS_DATASOURCE_USERNAME=postgres \
  QUARKUS_HTTP_PORT="$GATEWAY_PORT" \
  MM_GATEWAY_SERVICES_DISCOVERY_SERVICE_URL="http://127.0.0.1:$DISCOVERY_PORT" \
  MM_INTERNAL_TOKEN_PRIVATE_KEY="$WORK/keys/internal.key.pem" MM_AUTH_BOOTSTRAP_TOKEN_FILE="$WORK/admin-token" \
  MM_AUDIT_KEY_DIR="$WORK/keys" MM_NOTIFY_ENABLED=false \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 MM_OUTBOX_ENABLED=false \
  java -Xms256m -Xmx512m -Dmp.messaging.incoming.mm-intake.enabled=false \
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
TICK="$(getconf CLK_TCK)"

# One measurement: wrk's figures plus the CPU the proxy and discovery-service spent per request,
# which the other processes on the machine do not distort the way they distort req/s.
measure() { # connections proxy(gateway|nginx)
  local url proxy_pids out rps p50 p99 non2xx socket requests p0 d0 p1 d1
  if [[ "$2" == gateway ]]; then
    url="http://127.0.0.1:$GATEWAY_PORT$SEARCH"; proxy_pids=("$GATEWAY_PID")
  else
    url="http://127.0.0.1:$NGINX_PORT$SEARCH"; mapfile -t proxy_pids < <(nginx_pids)
  fi
  p0="$(cpu_ticks "${proxy_pids[@]}")"; d0="$(cpu_ticks "$DISCOVERY_PID")"
  out="$(run_wrk "$1" "$url" "$DURATION")"
  p1="$(cpu_ticks "${proxy_pids[@]}")"; d1="$(cpu_ticks "$DISCOVERY_PID")"
  rps="$(awk '/^Requests\/sec/{print $2}' <<<"$out")"
  p50="$(awk '/^ +50%/{print $2}' <<<"$out")"
  p99="$(awk '/^ +99%/{print $2}' <<<"$out")"
  non2xx="$(awk '/Non-2xx or 3xx responses/{print $NF}' <<<"$out")"
  socket="$(awk -F'[ ,]+' '/Socket errors/{print $4+$6+$8+$10}' <<<"$out")"
  requests="$(awk '/requests in/{print $1}' <<<"$out")"
  # microseconds of CPU per request, for the proxy and for discovery-service behind it
  read -r pcpu dcpu < <(awk -v p="$((p1 - p0))" -v d="$((d1 - d0))" -v n="${requests:-0}" -v t="$TICK" \
    'BEGIN{ if (n > 0) printf "%d %d\n", p * 1e6 / t / n, d * 1e6 / t / n; else print "- -" }')
  echo "$rps $p50 $p99 ${non2xx:-0} ${socket:-0} $pcpu $dcpu"
}

echo "warming up both for ${WARMUP}s each at 200 connections..."
run_wrk 200 "http://127.0.0.1:$GATEWAY_PORT$SEARCH" "$WARMUP" >/dev/null
run_wrk 200 "http://127.0.0.1:$NGINX_PORT$SEARCH" "$WARMUP" >/dev/null

echo
echo "Cached search through each proxy to the same discovery-service, wrk -t2 -d${DURATION}s"
echo "(one machine: wrk, the proxy and discovery-service share its cores)"
printf '%-6s %-8s %11s %10s %10s %8s %8s %10s %12s %8s\n' conns proxy "req/s" p50 p99 non-2xx sockerr \
  "cpu µs/req" "svc µs/req" ratio
for c in "${LEVELS[@]}"; do
  read -r g_rps g_p50 g_p99 g_non g_sock g_cpu g_svc <<<"$(measure "$c" gateway)"
  read -r n_rps n_p50 n_p99 n_non n_sock n_cpu n_svc <<<"$(measure "$c" nginx)"
  ratio="$(awk -v g="$g_rps" -v n="$n_rps" 'BEGIN{ if (n > 0) printf "%.2f", g / n; else print "-" }')"
  printf '%-6s %-8s %11s %10s %10s %8s %8s %10s %12s %8s\n' "$c" gateway "$g_rps" "$g_p50" "$g_p99" "$g_non" "$g_sock" \
    "$g_cpu" "$g_svc" "${ratio}x"
  printf '%-6s %-8s %11s %10s %10s %8s %8s %10s %12s\n' "$c" nginx "$n_rps" "$n_p50" "$n_p99" "$n_non" "$n_sock" \
    "$n_cpu" "$n_svc"
done
echo "cpu µs/req: CPU time the proxy spent per request; svc µs/req: discovery-service's, behind it"
echo
echo "gateway store: $GATEWAY_STORE; workers: nginx $NGINX_WORKERS, gateway event loops ${GATEWAY_LOOPS:-default (one per core: $(nproc))}"
echo "gateway log lines during the run: $(wc -l <"$WORK/gateway.log") ($WORK/gateway.log)"
