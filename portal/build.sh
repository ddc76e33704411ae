#!/bin/sh
# Builds the API Tokens page with the machine's own node and npm: type-checks it (tsc --strict) against the generated
# TypeScript SDK (sdk/typescript/target/sdk), then bundles it with Vite into target/classes/META-INF/resources/portal,
# which the jar carries and token-service serves under /portal/. Where node or npm is missing it says so and stops
# without failing the build: token-service then serves no page.
set -eu
cd "$(dirname "$0")"
for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "[portal] SKIPPED: $tool is not on the PATH, so the API Tokens page is not built and token-service serves" \
      "no /portal/ (install Node.js 20 or newer to build it)"
    exit 0
  fi
done
if [ ! -f ../sdk/typescript/target/sdk/token/src/index.ts ]; then
  echo "[portal] the generated TypeScript SDK is missing: build sdk/typescript first (./mvnw -pl sdk/typescript package)" >&2
  exit 1
fi
# Exact versions from package.json into ./node_modules (gitignored); no lock file, as in sdk/typescript.
npm install --no-audit --no-fund --no-package-lock --loglevel=error
node node_modules/typescript/bin/tsc -p tsconfig.json
node node_modules/vite/bin/vite.js build --logLevel warn
echo "[portal] API Tokens page built into target/classes/META-INF/resources/portal"
