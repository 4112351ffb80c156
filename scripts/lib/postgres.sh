# Sourced (not run) by scripts/test.sh and scripts/bench.sh: a throwaway PostgreSQL cluster on 127.0.0.1.
#
#   source scripts/lib/postgres.sh
#   pg_find_bin                 prints the directory holding initdb and pg_ctl, or nothing
#   pg_start                    initdb + start on a free port; sets pg_bin, pg_tmp, pg_port (dies via `die` on failure)
#   pg_stop                     stops the cluster and removes its directory (idempotent; call it from an EXIT trap)
# Needs root (runs the server as the postgres user) and a `die` function from the caller.

pg_tmp=""
pg_bin=""
pg_port=""

pg_find_bin() {
    local d
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return
    fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/pgsql/bin; do
        if [[ -x $d/initdb && -x $d/pg_ctl ]]; then echo "$d"; return; fi
    done
}

pg_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_stop() {
    if [[ -n $pg_tmp && -d $pg_tmp ]]; then
        if [[ -f $pg_tmp/data/postmaster.pid ]]; then
            runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$pg_tmp"
    fi
    pg_tmp=""
}

pg_start() {
    pg_bin="$(pg_find_bin)"
    [[ -n $pg_bin ]] || die "no initdb/pg_ctl found even after installing postgresql"
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    pg_tmp="$(mktemp -d -t saiyo-pg.XXXXXX)"
    mkdir "$pg_tmp/sock"
    chown -R postgres "$pg_tmp"
    runuser -u postgres -- "$pg_bin/initdb" -D "$pg_tmp/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
        >"$pg_tmp/initdb.log" 2>&1 || { cat "$pg_tmp/initdb.log" >&2; die "initdb failed"; }
    pg_port=""
    local attempt port
    for attempt in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 40000))
        pg_port_in_use "$port" && continue
        if runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_tmp/data" -l "$pg_tmp/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_tmp/sock ${PG_SETTINGS:--c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200}" \
            start >/dev/null; then
            pg_port=$port
            break
        fi
    done
    [[ -n $pg_port ]] || { cat "$pg_tmp/server.log" >&2 || true; die "PostgreSQL did not start"; }
    echo "PostgreSQL $("$pg_bin/pg_ctl" --version | awk '{print $3}') ready on 127.0.0.1:$pg_port (data in $pg_tmp)"
}
