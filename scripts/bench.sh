#!/usr/bin/env bash
# THE benchmark command for Saiyo (issue 7). Run from anywhere; takes a few minutes.
#
#   scripts/bench.sh [--sqlite-only | --postgres-only] [--no-build] [--] [Saiyo.Bench flags...]
#
#   Saiyo.Bench flags (sizes; defaults in brackets): --applicants N [2000] --seats M [500] --slots S [10]
#     --concurrency C [100] --mypage-connections G [16] --bare-seconds T [10] --plain-requests R [20000] --schedules K [240] --hosts H [2] --issuance-timeout SEC [120]
#     --growth 10,1000,100000 --page-samples 15 --population 100000,10000 (applicants,日程 seeded before the rush; 0: none)
#
# What it does, idempotently: installs PostgreSQL if missing (apt, as test.sh does), builds Saiyo.slnx in Release,
# starts a throwaway PostgreSQL cluster (scripts/lib/postgres.sh, removed on exit), then runs bench/Saiyo.Bench, which
# starts Saiyo.Web as a child process on 127.0.0.1 per database and writes bench/results/bench-<date>-<commit>.md
# (and bench/results/latest.md). Not a test: nothing here runs in scripts/test.sh or CI.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

die() { printf '\nbench.sh: ERROR: %s\n' "$*" >&2; exit 1; }
step() { printf '\n==> %s\n' "$*"; }
# shellcheck source=lib/postgres.sh
source "$repo/scripts/lib/postgres.sh"

db=both
build=1
bench_args=()
while (($#)); do
    case "$1" in
        --sqlite-only) db=sqlite ;;
        --postgres-only) db=postgresql ;;
        --no-build) build=0 ;;
        --) shift; bench_args+=("$@"); break ;;
        *) bench_args+=("$1") ;;
    esac
    shift
done

if [[ $db != sqlite && -z "$(pg_find_bin)" ]]; then
    step "installing postgresql"
    sudo=()
    ((EUID == 0)) || sudo=(sudo)
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -qq -y -o DPkg::Lock::Timeout=600 update >/dev/null
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -qq -y -o DPkg::Lock::Timeout=600 install --no-install-recommends postgresql >/dev/null
fi

if ((build)); then
    step "build (Release)"
    dotnet build Saiyo.slnx -c Release -nologo -v quiet || die "build failed"
fi

trap pg_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
pg_args=()
if [[ $db != sqlite ]]; then
    step "throwaway PostgreSQL (durable commits, as in production)"
    # Unlike the tests' cluster (fsync off), the bench's ceilings and rush are only comparable with durable commits.
    # Connections: Saiyo's pool (two nodes in the issuance part), the load generator's direct reads and pgbench -c16.
    # BENCH_PG_SETTINGS adds server settings for profiling, e.g. "-c shared_preload_libraries=pg_stat_statements".
    PG_SETTINGS="-c max_connections=400 ${BENCH_PG_SETTINGS:-}" pg_start
    pg_args=(--pg "Host=127.0.0.1;Port=$pg_port;Username=postgres" --pgbench "$(pg_find_bin)/pgbench")
fi

step "benchmark ($db)"
commit="$(git rev-parse --short HEAD)"
[[ -z "$(git status --porcelain --untracked-files=no)" ]] || commit="$commit-dirty"
dotnet bench/Saiyo.Bench/bin/Release/net10.0/Saiyo.Bench.dll --db "$db" ${pg_args[@]+"${pg_args[@]}"} \
    --web-dll "$repo/src/Saiyo.Web/bin/Release/net10.0/Saiyo.Web.dll" --out "$repo/bench/results" --commit "$commit" \
    ${bench_args[@]+"${bench_args[@]}"}
