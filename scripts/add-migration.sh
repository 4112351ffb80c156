#!/usr/bin/env bash
# Adds an EF Core migration with the same NAME to both providers (Sqlite and PostgreSql).
#   scripts/add-migration.sh NAME
# Builds each migrations project (Release, like scripts/test.sh) as dotnet-ef does; run scripts/test.sh afterwards to check.
set -euo pipefail
if (($# != 1)) || [[ ! $1 =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
    echo "usage: $0 NAME   (NAME: a C# identifier, e.g. AddCandidateNotes)" >&2
    exit 2
fi
name=$1
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
dotnet tool restore >/dev/null
for provider in Sqlite PostgreSql; do
    project="src/Migrations/Saiyo.Migrations.$provider"
    echo "==> $provider"
    dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations --configuration Release
done
