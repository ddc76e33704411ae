#!/bin/sh
# Byte-compiles the generated Python SDK (target/sdk/*) and the flow (flow/) with python3, so a syntax error in the
# generated code or the flow fails the build. Running them needs pydantic 2 (see the README); the system tests do
# that where a python3 has it. Where python3 is missing this says so and stops without failing the build.
set -eu
cd "$(dirname "$0")"
if ! command -v python3 >/dev/null 2>&1; then
  echo "[sdk-python] SKIPPED: python3 is not on the PATH, so the generated Python SDK is not byte-compiled"
  exit 0
fi
# The byte code goes under target/, not beside the committed flow.
PYTHONPYCACHEPREFIX="$PWD/target/pycache" python3 -m compileall -q target/sdk flow
echo "[sdk-python] generated SDK and flow byte-compiled with $(python3 --version)"
