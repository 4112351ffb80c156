#!/usr/bin/env bash
# THE test command for Saiyo (CI runs it through .ci/run). Run from anywhere.
#
#   scripts/test.sh [--sqlite-only | --postgres-only] [--] [extra dotnet test args...]
#
#   --sqlite-only     run the suite only against SQLite (no PostgreSQL cluster is started)
#   --postgres-only   run the suite only against PostgreSQL
#   anything else     is passed on to `dotnet test`, e.g.
#                       scripts/test.sh --sqlite-only --filter-class 'Saiyo.Tests.PlaceholderTests'
#                     (`--` ends this script's own flags; everything after it goes to dotnet test)
#
# What it does, idempotently (as root on Debian 12; apt only runs when something is missing):
#   1. installs chromium, fonts-noto-cjk and, if no initdb is found, postgresql
#   2. dotnet tool restore; builds Saiyo.slnx once (Release), everything after uses --no-build
#   2b. fails when a referenced NuGet package has a known vulnerability (says so and goes on when offline)
#   3. migration check: fails when the EF model has changes that no migration holds (both providers)
#   4. starts a throwaway PostgreSQL cluster on 127.0.0.1:<free port> (removed on exit)
#   5. runs the whole suite with SAIYO_TEST_DATABASE=sqlite, then with =postgresql (both always run; each run
#      leaves out the tests of the other database's own machinery, trait Database=Sqlite or Database=PostgreSql,
#      instead of skipping them)
#      logs: artifacts/test-sqlite.log, artifacts/test-postgresql.log
#   6. prints the failed tests (name and the first lines of the error, from the logs) and, as its very last line,
#      `tests: N passed, N failed, N skipped` (sums over both runs); the test hosts' own logs are in artifacts/logs/
# Exit status: non-zero when a test failed, a run failed, or no test ran at all.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

configuration=Release
run_sqlite=1
run_postgres=1
extra_args=()
while (($#)); do
    case "$1" in
        --sqlite-only) run_postgres=0 ;;
        --postgres-only) run_sqlite=0 ;;
        --) shift; extra_args+=("$@"); break ;;
        *) extra_args+=("$1") ;;
    esac
    shift
done
if ((run_sqlite == 0 && run_postgres == 0)); then
    echo "test.sh: --sqlite-only and --postgres-only exclude each other" >&2
    exit 2
fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Test hosts must not each watch the config files: parallel runs would hit the inotify limit.
export DOTNET_hostBuilder__reloadConfigOnChange=false

step() { printf '\n==> %s\n' "$*"; }
die() { printf '\ntest.sh: ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- PostgreSQL (pg_find_bin, pg_start, pg_stop)
# shellcheck source=lib/postgres.sh
source "$repo/scripts/lib/postgres.sh"

# ---------------------------------------------------------------- 1. system packages
step "system packages"
is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
is_installed chromium || missing+=(chromium)
is_installed fonts-noto-cjk || missing+=(fonts-noto-cjk)
if ((run_postgres)) && [[ -z "$(pg_find_bin)" ]]; then missing+=(postgresql); fi
if ((${#missing[@]})); then
    sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null 2>&1 || die "missing packages (${missing[*]}) and not root; install them first"
        sudo=(sudo)
    fi
    echo "installing: ${missing[*]}"
    apt_log="$(mktemp)"
    export DEBIAN_FRONTEND=noninteractive
    apt_opts=(-qq -y -o DPkg::Lock::Timeout=600)
    if ! { "${sudo[@]}" apt-get "${apt_opts[@]}" update &&
           "${sudo[@]}" apt-get "${apt_opts[@]}" install --no-install-recommends "${missing[@]}"; } >"$apt_log" 2>&1; then
        tail -n 30 "$apt_log" >&2
        rm -f "$apt_log"
        die "apt-get could not install: ${missing[*]}"
    fi
    rm -f "$apt_log"
else
    echo "all present (chromium, fonts-noto-cjk, PostgreSQL)"
fi

# ---------------------------------------------------------------- 2. tools and build
step "dotnet tool restore"
dotnet tool restore >/dev/null || die "dotnet tool restore failed"
echo "ok"

step "build Saiyo.slnx ($configuration)"
dotnet build Saiyo.slnx -c "$configuration" -nologo -v quiet || die "build failed"

# ---------------------------------------------------------------- 2b. known vulnerabilities
# Fails on a referenced package (direct or transitive) with a known advisory; goes on with a message when the
# vulnerability data cannot be fetched (offline machine). SAIYO_VULNERABILITY_SOURCE overrides the NuGet source.
step "known vulnerabilities in NuGet packages"
vuln_args=(list Saiyo.slnx package --vulnerable --include-transitive)
[[ -n "${SAIYO_VULNERABILITY_SOURCE:-}" ]] && vuln_args+=(--source "$SAIYO_VULNERABILITY_SOURCE")
vuln_log="$(mktemp)"
vuln_rc=0
dotnet "${vuln_args[@]}" >"$vuln_log" 2>&1 || vuln_rc=$?
if grep -q "has the following vulnerable packages" "$vuln_log"; then
    cat "$vuln_log"
    rm -f "$vuln_log"
    die "a referenced NuGet package has a known vulnerability (listed above); update it in Directory.Packages.props"
elif ((vuln_rc != 0)) || grep -qiE "unable to load|NU1900|error:" "$vuln_log"; then
    echo "SKIPPED: the vulnerability source could not be reached, so no package was checked:"
    grep -iE "error|warn" "$vuln_log" | head -n 3 | sed 's/^/    /'
else
    echo "none known ($(grep -c "has no vulnerable packages" "$vuln_log") projects checked)"
fi
rm -f "$vuln_log"

# ---------------------------------------------------------------- 3. migration check
step "migration check (EF model vs. migrations)"
pending=()
for provider in Sqlite PostgreSql; do
    project="src/Migrations/Saiyo.Migrations.$provider"
    if dotnet ef migrations has-pending-model-changes --project "$project" --startup-project "$project" \
        --configuration "$configuration" --no-build; then
        echo "$provider: up to date"
    else
        echo "$provider: PENDING MODEL CHANGES"
        pending+=("$provider")
    fi
done
if ((${#pending[@]})); then
    die "the EF model has changes that no migration holds (${pending[*]}); add one with: scripts/add-migration.sh <Name>"
fi

# ---------------------------------------------------------------- 4. throwaway PostgreSQL
trap pg_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ((run_postgres)); then
    step "throwaway PostgreSQL"
    pg_start
fi

# ---------------------------------------------------------------- 5. the suite, per database
mkdir -p "$repo/artifacts"
export SAIYO_TEST_ARTIFACTS="$repo/artifacts"
export PLAYWRIGHT_CHROMIUM_EXECUTABLE=/usr/bin/chromium
# Every test host watches appsettings and wwwroot; with inotify that is an instance per host out of the user's 128
# (shared by everything on the machine), and a busy machine ran out mid-suite. Polling needs none.
export DOTNET_USE_POLLING_FILE_WATCHER=true

sum_passed=0 sum_failed=0 sum_skipped=0
bad_runs=()
failures="" # the failed tests of every run, printed again at the end where CI's tail shows them

# failed_tests LOG: each failed test in LOG as its name and the first lines of its error message
failed_tests() {
    sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' "$1" |
        awk '
            /^failed / {
                if (++tests > 40) { in_error = 0; next } # a broken build fails hundreds: the first 40 tell enough
                name = substr($0, 8); sub(/ \([0-9][^()]*\)$/, "", name)
                print "  " name; lines = 0; in_error = 1; next
            }
            in_error && /^[[:space:]]+(Stack Trace:|at )/ { in_error = 0; next }
            in_error && /^[[:space:]]+from / { next }
            in_error && /^[[:space:]]+[^[:space:]]/ {
                if (lines++ < 4) { line = $0; sub(/^[[:space:]]+/, "", line); print "      " substr(line, 1, 200) }
                next
            }
            in_error && !/^[[:space:]]*$/ { in_error = 0 }
            END { if (tests > 40) print "  ... and " (tests - 40) " more" }'
}

# summary_value LOG KEY: the number after "KEY:" in the last "Test run summary" block of LOG
summary_value() {
    sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' "$1" |
        awk -v key="$2" '
            /^Test run summary:/ { in_summary = 1; found = "" ; next }
            in_summary && $1 == key ":" && $2 ~ /^[0-9]+$/ { found = $2 }
            END { print found }'
}

run_suite() { # run_suite DB
    local db=$1 log="$repo/artifacts/test-$1.log" rc=0
    step "dotnet test with SAIYO_TEST_DATABASE=$db (log: artifacts/test-$db.log)"
    rm -rf "$repo/artifacts/logs/$db" # the test hosts' logs of this run only (one file per test class)
    (
        export SAIYO_TEST_DATABASE="$db"
        # Tests of one database's own machinery (trait Database=Sqlite or Database=PostgreSql) are left out of the other
        # database's run rather than skipped: a skip means something.
        local other_database=()
        if [[ $db == postgresql ]]; then
            export SAIYO_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
            other_database=(--filter-not-trait "Database=Sqlite")
        else
            unset SAIYO_TEST_POSTGRES
            other_database=(--filter-not-trait "Database=PostgreSql")
        fi
        exec dotnet test --solution Saiyo.slnx -c "$configuration" --no-build --no-ansi --no-progress \
            ${other_database[@]+"${other_database[@]}"} ${extra_args[@]+"${extra_args[@]}"}
    ) 2>&1 | tee "$log" || rc=${PIPESTATUS[0]}

    local total failed succeeded skipped
    total=$(summary_value "$log" total)
    failed=$(summary_value "$log" failed)
    succeeded=$(summary_value "$log" succeeded)
    skipped=$(summary_value "$log" skipped)
    if [[ -z $total || -z $failed || -z $succeeded ]]; then
        # crashed before printing a summary: count the run as one failure
        bad_runs+=("$db: no test summary (exit code $rc)")
        total=1 failed=1 succeeded=0 skipped=0
    elif ((rc != 0)); then
        if ((rc == 8 && total == 0)); then
            bad_runs+=("$db: no test ran")
        elif ((rc == 8)); then
            : # 8 = some test module ran zero tests (normal with a filter); the others ran tests
        elif ((failed == 0)); then
            bad_runs+=("$db: dotnet test exit code $rc without a failed test")
            failed=1 # a failed run without failed tests still counts as one failure
        fi
    fi
    : "${skipped:=0}"
    local failed_list
    failed_list="$(failed_tests "$log")"
    if [[ -n $failed_list ]]; then
        failures+="failed on $db (details: artifacts/test-$db.log; the hosts' logs: artifacts/logs/$db/<class>.log):"$'\n'"$failed_list"$'\n'
    fi
    sum_passed=$((sum_passed + succeeded))
    sum_failed=$((sum_failed + failed))
    sum_skipped=$((sum_skipped + skipped))
}

if ((run_sqlite)); then run_suite sqlite; fi
if ((run_postgres)); then run_suite postgresql; fi

# ---------------------------------------------------------------- 6. verdict
printf '\n==================================================================\n'
status=0
[[ -z $failures ]] || printf '%s' "$failures"
for r in ${bad_runs[@]+"${bad_runs[@]}"}; do echo "run failed: $r"; status=1; done
((sum_failed == 0)) || status=1
if ((sum_passed + sum_failed == 0)); then echo "no test ran"; status=1; fi
echo "tests: $sum_passed passed, $sum_failed failed, $sum_skipped skipped"
exit "$status"
