#!/usr/bin/env bash
# Installs the pinned coding-agent CLIs (package-lock.json beside this script) into DIR, default
# target/e2e-agents, with `npm ci`: nothing but the npm registry, exactly the locked versions. Does nothing when
# DIR already holds an install of this very lock file, so CI and the e2e tests can both call it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:-$here/../../target/e2e-agents}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
if cmp -s "$here/package-lock.json" "$dir/installed-lock.json" && [ -d "$dir/node_modules/.bin" ]; then
  echo "e2e/agents: pinned CLIs already installed in $dir"
  exit 0
fi
command -v node >/dev/null || { echo "e2e/agents: node is not installed" >&2; exit 3; }
command -v npm >/dev/null || { echo "e2e/agents: npm is not installed" >&2; exit 3; }
rm -rf "$dir/node_modules" "$dir/installed-lock.json"
cp "$here/package.json" "$here/package-lock.json" "$dir/"
# Node 20 here; some packages declare engines >= 22 but run on 20 (checked): warnings only
npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
# qwen-code's vendored ripgrep is packed without its exec bit (it falls back to a slower built-in grep without it)
chmod +x "$dir"/node_modules/@qwen-code/qwen-code/vendor/ripgrep/*/rg 2>/dev/null || true
cp "$here/package-lock.json" "$dir/installed-lock.json"
echo "e2e/agents: installed $(cd "$dir/node_modules/.bin" && ls | tr '\n' ' ')into $dir"
