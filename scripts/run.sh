#!/usr/bin/env bash
# Runs Saiyo on its embedded default database (SQLite). Override the address with ASPNETCORE_URLS.
#   scripts/run.sh [extra args for the app]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:5080}"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
exec dotnet run --project src/Saiyo.Web -c Release --no-launch-profile -- "$@"
