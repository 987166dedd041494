#!/usr/bin/env bash
# Prints the path of a checking tool, installing it from Debian's packages when it is missing:
#   promtool        - from the `prometheus` package, unpacked into DIR (apt-get download + dpkg -x;
#                     no daemon is installed or started)
#   docker-compose  - Debian's `docker-compose` package (apt-get install; needs root)
# Usage: deploy/tools/ensure-tool.sh promtool|docker-compose DIR
# Used by system-tests' DeployManifestsTest; runs `apt-get update` once when a package is not found.
set -euo pipefail
tool=${1:?tool}
dir=${2:?dir}
mkdir -p "$dir"

apt_retry() {
  "$@" >>"$dir/apt.log" 2>&1 || { apt-get update >>"$dir/apt.log" 2>&1 && "$@" >>"$dir/apt.log" 2>&1; }
}

case "$tool" in
  promtool)
    if command -v promtool >/dev/null 2>&1; then command -v promtool; exit 0; fi
    bin="$dir/prometheus/usr/bin/promtool"
    if [[ ! -x "$bin" ]]; then
      (cd "$dir" && rm -f prometheus_*.deb && apt_retry apt-get download prometheus)
      dpkg -x "$dir"/prometheus_*.deb "$dir/prometheus"
    fi
    echo "$bin"
    ;;
  docker-compose)
    if ! command -v docker-compose >/dev/null 2>&1; then
      export DEBIAN_FRONTEND=noninteractive
      apt_retry apt-get install -y --no-install-recommends docker-compose
    fi
    command -v docker-compose
    ;;
  *)
    echo "unknown tool: $tool" >&2
    exit 2
    ;;
esac
