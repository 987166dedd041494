#!/usr/bin/env bash
# Notification benchmark: the packaged gateway on Postgres with a Kafka broker, as in production.
# A client (NotifyBench.java) plays a service's outbox relay: it publishes structured CloudEvents
# to mm.weights (as the relay does after a state change) and measures, with one clock:
#   1. publish -> a signed webhook delivery reaches a local receiver: p50/p99/max over 1,000 events
#      (paced, default 10/s). Target: p99 <= 1 s.
#   2. publish -> the frame reaches each of 200 open SSE streams (/api/v1/events/stream):
#      p50/p99/max of the time until every stream has it, over 100 events (default 5/s).
#
# Uses free ports picked at start (never 8080-8093 or 9092), a Postgres schema of its own
# (notify_bench, dropped first) on 127.0.0.1:5432, and a Kafka broker in a temporary folder.
# Needs Java 17, psql and the packaged gateway plus test-kit's Kafka classpath (built with
# ./mvnw package when missing). Not part of the Maven build or the CI test run.
# Usage: bench/notify/run.sh   (MM_BENCH_EVENTS, MM_BENCH_RATE, MM_BENCH_CLIENTS,
#                               MM_BENCH_SSE_EVENTS, MM_BENCH_SSE_RATE override the defaults)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

if [[ ! -f gateway/target/quarkus-app/quarkus-run.jar \
  || ! -f test-kit/target/classes/META-INF/mm-kafka-broker.classpath ]]; then
  ./mvnw -B -q package -DskipTests -pl gateway,test-kit -am
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
KAFKA_PORT="$(free_port)"
KAFKA_CONTROLLER_PORT="$(free_port)"
GATEWAY_PORT="$(free_port)"

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

KIT_CP="$ROOT/test-kit/target/classes:$(cat "$ROOT/test-kit/target/classes/META-INF/mm-kafka-broker.classpath")"
java -Xms128m -Xmx512m -cp "$KIT_CP" dev.modelmanager.testkit.kafka.KafkaBroker \
  --port="$KAFKA_PORT" --controller-port="$KAFKA_CONTROLLER_PORT" --dir="$WORK/kafka" \
  >"$WORK/kafka.log" 2>&1 &
PIDS+=($!)
deadline=$((SECONDS + 60))
until (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; do
  ((SECONDS < deadline)) || { echo "kafka did not start; see $WORK/kafka.log" >&2; exit 1; }
  sleep 0.5
done

mkdir -p "$WORK/keys"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/keys/internal.key.pem" 2>/dev/null
PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -d postgres -qc 'drop schema if exists notify_bench cascade'
# Notification settings are the defaults (poll 200 ms, heartbeat 15 s) except that the receiver
# on 127.0.0.1 over plain http is allowed, as bin/mm up --demo allows it.
env MM_STORE=postgres MM_SCHEMA=notify_bench \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/postgres \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/postgres QUARKUS_DATASOURCE_USERNAME=postgres \
  QUARKUS_HTTP_PORT="$GATEWAY_PORT" KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
  MM_INTERNAL_TOKEN_PRIVATE_KEY="$WORK/keys/internal.key.pem" MM_AUTH_BOOTSTRAP_TOKEN_FILE="$WORK/admin-token" \
  MM_AUDIT_KEY_DIR="$WORK/keys" MM_NOTIFY_ALLOW_HTTP=true MM_NOTIFY_ALLOWED_TARGETS=127.0.0.1/32 \
  java -Xms256m -Xmx512m -jar gateway/target/quarkus-app/quarkus-run.jar >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)
deadline=$((SECONDS + 120))
until curl -sf -o /dev/null "http://127.0.0.1:$GATEWAY_PORT/q/health/live"; do
  ((SECONDS < deadline)) || { echo "gateway did not start; see $WORK/gateway.log" >&2; exit 1; }
  sleep 0.5
done

echo "gateway :$GATEWAY_PORT (Postgres schema notify_bench), kafka :$KAFKA_PORT; logs in $WORK"
java -Xmx512m -cp "$KIT_CP" bench/notify/NotifyBench.java \
  --gateway="http://127.0.0.1:$GATEWAY_PORT" --kafka="127.0.0.1:$KAFKA_PORT" \
  --token-file="$WORK/admin-token" \
  --events="${MM_BENCH_EVENTS:-1000}" --rate="${MM_BENCH_RATE:-10}" \
  --clients="${MM_BENCH_CLIENTS:-200}" --sse-events="${MM_BENCH_SSE_EVENTS:-100}" \
  --sse-rate="${MM_BENCH_SSE_RATE:-5}"
