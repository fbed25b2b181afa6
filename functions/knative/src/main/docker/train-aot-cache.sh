#!/bin/bash
# The training run of Dockerfile.jvm: starts the function once, as the image will (same launcher, same JVM), with
# -XX:AOTCacheOutput, sends it one chat request and stops it; the JVM writes the AOT cache (JDK 25) when it exits.
# The model points at a closed loopback port, so the request runs routing, JSON, the model and its transport up to the
# connection and answers an error: no network or key needed at image build.
# Usage: train-aot-cache.sh <cache file> [launch command...] (default: the image's run-java.sh)
set -euo pipefail
cache="$1"
shift
launch=("$@")
[ ${#launch[@]} -gt 0 ] || launch=(/opt/jboss/container/java/run/run-java.sh)
port=8080
export JAVA_OPTS_APPEND="${JAVA_OPTS_APPEND:-} -XX:AOTCacheOutput=${cache} -Dquarkus.http.host=127.0.0.1 \
-Dquarkus.http.port=${port} -Dquarkus.chat-models.model=openai:gpt-4o-mini -Dquarkus.chat-models.api-key=sk-training \
-Dquarkus.chat-models.base-url=http://127.0.0.1:9/v1 -Dquarkus.chat-models.max-retries=0"
"${launch[@]}" &
app=$!
for _ in $(seq 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then break; fi
    sleep 0.1
done
body='{"model":"default","messages":[{"role":"user","content":"Hello"}]}'
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "${#body}" "$body" >&3
head -n 1 <&3
exec 3<&-
kill -TERM "$app"
wait "$app" || true
test -s "$cache"
