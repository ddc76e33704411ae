#!/bin/sh
# Compiles the generated TypeScript SDK (target/sdk/*/src) and the flow (flow/) with tsc --strict into target/dist.
# Needs node and npm. Where either is missing it says so and stops without failing the build: the SDK is then only
# generated, which already checks the contracts (the generator validates each spec).
set -eu
cd "$(dirname "$0")"
for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "[sdk-typescript] SKIPPED: $tool is not on the PATH, so the generated TypeScript SDK is not compiled" \
      "(install Node.js 18 or newer to compile it and run its flow)"
    exit 0
  fi
done
# TypeScript and Node's type definitions at the exact versions package.json names, into ./node_modules (gitignored).
npm install --no-audit --no-fund --no-package-lock --loglevel=error
node node_modules/typescript/bin/tsc --strict -p tsconfig.json
echo "[sdk-typescript] generated SDK and flow compiled with tsc --strict into target/dist"
