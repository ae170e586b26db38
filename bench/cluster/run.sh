#!/usr/bin/env bash
# The boot storm against three setups in one run: one Sophia node on its embedded SQLite, one node on PostgreSQL,
# and two nodes on that PostgreSQL behind nginx. Loopback only, the same generated parc and the same wrk storm as
# bench/provisioning (whose tool and storm.lua it uses); per setup: requests/s, p50, p99 and CPU-µs per request
# warm, then renders per CPU-second right after every client's config stamp changed.
# Usage: bench/cluster/run.sh [--clients 100] [--seconds 15] [--connections 64] [--keep]
# After the builds (bounded on their own) the bench is bounded to 10 minutes and stops what it started.
set -euo pipefail

arguments=("$@")
clients=100
seconds=15
connections=64
keep=0
while (($#)); do
  case $1 in
    --clients) clients=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

missing=()
[[ -x /usr/sbin/nginx ]] || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
[[ -e /usr/share/lua/5.1/md5.lua ]] || missing+=(lua-md5)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if ((${#missing[@]})); then
  if [[ $EUID -ne 0 ]]; then
    echo "missing Debian packages: ${missing[*]} (as root: apt-get install ${missing[*]})" >&2
    exit 1
  fi
  apt-get install -y --no-install-recommends "${missing[@]}"
fi

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
tool=$repo/bench/provisioning

if [[ -z ${SOPHIA_CLUSTER_BENCH_TIMED:-} ]]; then
  printf "%s %s\n" "$(date +%T)" "building the bench tool and publishing Sophia (Release)" >&2
  build_log=$(mktemp)
  if ! { timeout 240 dotnet build "$tool/Sophia.Bench.Provisioning.csproj" -c Release -nologo \
      && timeout 240 dotnet publish "$repo/src/Server/Sophia.Server.csproj" -c Release -o "$here/bin/server" -nologo; } >"$build_log" 2>&1; then
    cat "$build_log" >&2
    rm -f "$build_log"
    exit 1
  fi
  rm -f "$build_log"
  export SOPHIA_CLUSTER_BENCH_TIMED=1
  exec timeout -k 10 600 "$0" "${arguments[@]}"
fi

work=$(mktemp -d /tmp/sophia-cluster-bench.XXXXXX)
chmod 755 "$work"
results=$work/results
mkdir -p "$results" "$work/sqlite" "$work/www" "$work/nginx-tmp" "$work/pg"
declare -A node_pids=()
nginx_pid=
pg_pid=

cleanup() {
  local code=$? pid
  for pid in "${node_pids[@]}" $nginx_pid $pg_pid; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  if ((keep)); then
    echo "kept $work" >&2
  else
    rm -rf "$work"
  fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

step() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    if [[ -z $(ss -ltnH "sport = :$port") ]]; then
      echo "$port"
      return
    fi
  done
}

# CPU seconds of the given processes and all their descendants: utime + stime of each live process, plus
# cutime + cstime (what its children that already exited used), so that PostgreSQL backends that come and go
# are counted through their postmaster.
cpu_seconds() {
  local ticks pid
  ticks=$(getconf CLK_TCK)
  for pid in "$@"; do
    echo "$pid"
    descendants "$pid"
  done | sort -u | while read -r pid; do
    sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13 + $14 + $15}' || true
  done | awk -v k="$ticks" '{ t += $1 } END { printf "%.2f", t / k }'
}

descendants() {
  local child
  for child in $(pgrep -P "$1"); do
    echo "$child"
    descendants "$child"
  done
}

# Waits until the given processes are idle (fetch logs written), so no setup runs on CPU left over from the last.
wait_idle() {
  local deadline=$((SECONDS + 30)) before after
  while ((SECONDS < deadline)); do
    before=$(cpu_seconds "$@")
    sleep 0.5
    after=$(cpu_seconds "$@")
    if awk -v a="$after" -v b="$before" 'BEGIN { exit !(a - b < 0.05) }'; then
      return
    fi
  done
  step "still busy after 30 s; going on"
}

# storm <name> <url> <loop|once> <duration> <server pids...>
storm() {
  local name=$1 url=$2 shape=$3 duration=$4
  shift 4
  local cpu_before cpu_after
  rm -f "$work/marker"
  cpu_before=$(cpu_seconds "$@")
  wrk -t"$connections" -c"$connections" -d"$duration" --timeout 10s --latency \
    -s "$tool/storm.lua" "$url" -- digest "$work/devices.tsv" "$connections" "$shape" "$results/$name.kv" "$work/marker" \
    >"$results/$name.wrk.txt"
  cpu_after=$(cpu_seconds "$@")
  awk -v a="$cpu_after" -v b="$cpu_before" 'BEGIN { printf "server_cpu_s=%.2f\n", a - b }' >>"$results/$name.kv"
  step "$name: $(grep -E '^(requests|rps|p50_ms|p99_ms|ok|challenged|other)=' "$results/$name.kv" | tr '\n' ' ')"
}

bench() { dotnet "$tool/bin/Release/net10.0/Sophia.Bench.Provisioning.dll" "$@"; }

master_key=$(openssl rand -base64 32)

# start_node <name> <port> <database arguments...>: the published Sophia, settings as in bench/provisioning
# (nonces valid 1 h, failure limits out of the way, registration tracking and TFTP off, Warning logs).
start_node() {
  local name=$1 port=$2
  shift 2
  (
    cd "$here/bin/server"
    exec ./Sophia.Server --urls "http://127.0.0.1:$port" --Sophia:DataDirectory="$work/$name-data" --Sophia:Tftp:Port=0 \
      --Sophia:Provisioning:Http:NonceLifetime=01:00:00 --Sophia:Provisioning:Http:FailuresPerAddress=1000000 \
      --Sophia:Provisioning:Http:FailuresPerMac=1000000 --Sophia:Registration:ReconcileSeconds=0 \
      --Logging:LogLevel:Default=Warning "$@"
  ) >"$work/$name.log" 2>&1 &
  node_pids[$name]=$!
  local deadline=$((SECONDS + 180))
  until curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null; do
    if ((SECONDS > deadline)) || ! kill -0 "${node_pids[$name]}" 2>/dev/null; then
      cat "$work/$name.log" >&2
      echo "$name did not become ready" >&2
      exit 1
    fi
    sleep 0.2
  done
}

stop_node() {
  kill "${node_pids[$1]}" && wait "${node_pids[$1]}" 2>/dev/null || true
  unset "node_pids[$1]"
}

# setup_run <setup> <url> <database> <pids...>: warm-up, warm storm, cold pass after every stamp changed.
setup_run() {
  local setup=$1 url=$2 database=$3
  shift 3
  step "$setup: warm-up (not reported), 12 s"
  storm "$setup-warmup" "$url" loop 12s "$@"
  wait_idle "$@"
  step "$setup: warm, ${seconds} s"
  storm "$setup-warm" "$url" loop "${seconds}s" "$@"
  wait_idle "$@"
  bench invalidate "$database" >"$results/$setup-invalidate.kv"
  step "$setup: cold pass"
  storm "$setup-cold" "$url" once 120s "$@"
  wait_idle "$@"
}

{
  echo "date=$(date '+%Y-%m-%d %H:%M')"
  echo "cores=$(nproc)"
  echo "cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "postgres=$(ls /usr/lib/postgresql | sort -V | tail -1)"
  echo "nginx_version=$(/usr/sbin/nginx -v 2>&1 | sed 's/.*nginx\///')"
} >"$results/meta.kv"

step "starting PostgreSQL (a private cluster in $work/pg, fsync off as in the tests)"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg_port=$(free_port)
as_pg=()
if [[ $EUID -eq 0 ]]; then
  chown postgres "$work/pg"
  as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" "$pg_bin/initdb" -D "$work/pg/data" --auth=trust --username=postgres --encoding=UTF8 --no-sync >"$work/initdb.log" 2>&1
"${as_pg[@]}" "$pg_bin/postgres" -D "$work/pg/data" -p "$pg_port" -k "$work/pg" -c listen_addresses=127.0.0.1 \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 >"$work/pg.log" 2>&1 &
pg_pid=$!
pg_connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=sophia"
deadline=$((SECONDS + 30))
until "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qAtc "CREATE DATABASE sophia" 2>/dev/null; do
  if ((SECONDS > deadline)); then
    cat "$work/pg.log" >&2
    exit 1
  fi
  sleep 0.2
done

step "seeding $clients clients x 100 phones, on SQLite and on PostgreSQL (the same parc)"
bench seed "$work/sqlite" "$clients" "$work/devices.tsv" "$work/clients.tsv" >"$results/seed-sqlite.kv"
bench seed "postgres:$pg_connection" "$clients" "$work/devices-pg.tsv" "$work/clients-pg.tsv" >"$results/seed-postgres.kv"
cmp -s "$work/devices.tsv" "$work/devices-pg.tsv" || { echo "the two seeds differ" >&2; exit 1; }
cat "$results/seed-sqlite.kv" >&2

postgres_arguments=(--Sophia:Database:Provider=Postgres "--Sophia:Database:ConnectionString=$pg_connection" \
  --Sophia:Jobs:Storage=Postgres "--Sophia:Secrets:MasterKey=$master_key")

step "setup 1: one node on SQLite"
port=$(free_port)
start_node sqlite "$port" --Sophia:DataDirectory="$work/sqlite"
setup_run sqlite "http://127.0.0.1:$port" "$work/sqlite" "${node_pids[sqlite]}"
stop_node sqlite

step "setup 2: one node on PostgreSQL"
port_a=$(free_port)
start_node a "$port_a" "${postgres_arguments[@]}"
setup_run postgres "http://127.0.0.1:$port_a" "postgres:$pg_connection" "${node_pids[a]}" "$pg_pid"

step "setup 3: two nodes on PostgreSQL behind nginx"
port_b=$(free_port)
start_node b "$port_b" "${postgres_arguments[@]}"
balancer_port=$(free_port)
# One wrk connection plays one phone's boot sequence with one nonce; a digest nonce is only good at the node
# that issued it, so the balancer keeps a client on one node. Phones have an address each and the README's
# example hashes $remote_addr; every wrk connection comes from 127.0.0.1, so the bench hashes the connection.
cat >"$work/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $work/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx-tmp/body;
  proxy_temp_path $work/nginx-tmp/proxy;
  fastcgi_temp_path $work/nginx-tmp/fastcgi;
  uwsgi_temp_path $work/nginx-tmp/uwsgi;
  scgi_temp_path $work/nginx-tmp/scgi;
  upstream sophia {
    hash \$connection;
    server 127.0.0.1:$port_a;
    server 127.0.0.1:$port_b;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$balancer_port;
    location / {
      proxy_pass http://sophia;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
  }
}
EOF
/usr/sbin/nginx -p "$work" -c "$work/nginx.conf" -e stderr >"$work/nginx.log" 2>&1 &
nginx_pid=$!
deadline=$((SECONDS + 10))
until curl -s -o /dev/null "http://127.0.0.1:$balancer_port/health/live"; do
  if ((SECONDS > deadline)); then
    cat "$work/nginx.log" >&2
    exit 1
  fi
  sleep 0.2
done
setup_run two-nodes "http://127.0.0.1:$balancer_port" "postgres:$pg_connection" \
  "${node_pids[a]}" "${node_pids[b]}" "$pg_pid" "$nginx_pid"
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$results/meta.kv"

kv() { sed -n "s/^$2=//p" "$results/$1.kv" | tail -1; }
mkdir -p "$repo/bench/results"
report=$repo/bench/results/cluster-$(date +%Y-%m-%d).md
{
  echo "# Cluster boot storm, $(kv meta date)"
  echo
  echo "$(kv meta cores) cores ($(kv meta cpu)), PostgreSQL $(kv meta postgres), nginx $(kv meta nginx_version);" \
    "$clients clients x 100 phones, $connections connections; load $(kv meta load_before) before, $(kv meta load_after) after."
  echo "Every process shares the same cores: wrk, the nodes, PostgreSQL and nginx."
  echo
  echo "| setup | warm req/s | p50 ms | p99 ms | CPU-µs per request | cold req/s | cold p99 ms | renders per CPU-s |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for setup in sqlite postgres two-nodes; do
    warm_cpu=$(kv "$setup-warm" server_cpu_s)
    warm_requests=$(kv "$setup-warm" requests)
    cold_cpu=$(kv "$setup-cold" server_cpu_s)
    cold_requests=$(kv "$setup-cold" requests)
    awk -v s="$setup" -v rps="$(kv "$setup-warm" rps)" -v p50="$(kv "$setup-warm" p50_ms)" -v p99="$(kv "$setup-warm" p99_ms)" \
      -v cpu="$warm_cpu" -v n="$warm_requests" -v crps="$(kv "$setup-cold" rps)" -v cp99="$(kv "$setup-cold" p99_ms)" \
      -v ccpu="$cold_cpu" -v cn="$cold_requests" \
      'BEGIN { printf "| %s | %.0f | %.2f | %.2f | %.0f | %.0f | %.2f | %.0f |\n", s, rps, p50, p99, cpu * 1e6 / n, crps, cp99, cn / ccpu }'
  done
  echo
  echo "CPU is that of every server process of the setup (the node; the node and PostgreSQL; both nodes, PostgreSQL and"
  echo "nginx). A cold pass asks each phone's two files once; a render is counted per request (the Yealink common file"
  echo "is cached and inflates it slightly, equally for each setup)."
} >"$report"
cat "$report"
step "report written to $report"
for name in "${!node_pids[@]}"; do
  if grep -q . "$work/$name.log"; then
    step "node $name logged (warnings and errors):"
    tail -10 "$work/$name.log" >&2
  fi
done
