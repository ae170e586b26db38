#!/usr/bin/env bash
# HTTP provisioning boot storm: Sophia (/prov/, digest) side by side with nginx (basic auth) serving the same
# rendered files, loopback only, in one run: warm cache, then right after every client's config stamp changed.
# Usage: bench/provisioning/run.sh [--clients 100] [--seconds 15] [--connections 64] [--keep]
# Results: printed, and written to bench/results/provisioning-<date>.md (git-ignored). After the builds (bounded on
# their own), the bench is bounded to 5 minutes and cleans up its processes whatever happens.
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
command -v openssl >/dev/null || missing+=(openssl)
if ((${#missing[@]})); then
  if [[ $EUID -ne 0 ]]; then
    echo "missing Debian packages: ${missing[*]} (as root: apt-get install ${missing[*]})" >&2
    exit 1
  fi
  apt-get install -y --no-install-recommends "${missing[@]}"
fi

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

if [[ -z ${SOPHIA_PROV_BENCH_TIMED:-} ]]; then
  # Builds first, each bounded on its own (their time depends on what else the machine is doing); then the
  # bench itself, bounded to 5 minutes: on expiry its process group gets TERM and the trap cleans up.
  printf "%s %s\n" "$(date +%T)" "building the bench tool and publishing Sophia (Release)" >&2
  build_log=$(mktemp)
  if ! { timeout 240 dotnet build "$here/Sophia.Bench.Provisioning.csproj" -c Release -nologo \
      && timeout 240 dotnet publish "$repo/src/Server/Sophia.Server.csproj" -c Release -o "$here/bin/server" -nologo; } >"$build_log" 2>&1; then
    cat "$build_log" >&2
    rm -f "$build_log"
    exit 1
  fi
  rm -f "$build_log"
  export SOPHIA_PROV_BENCH_TIMED=1
  exec timeout -k 10 295 "$0" "${arguments[@]}"
fi

work=$(mktemp -d /tmp/sophia-prov-bench.XXXXXX)
chmod 755 "$work"
results=$work/results
mkdir -p "$results" "$work/data" "$work/www" "$work/nginx-tmp"
sophia_pid=
nginx_pid=

cleanup() {
  local code=$?
  [[ -n $sophia_pid ]] && kill "$sophia_pid" 2>/dev/null && wait "$sophia_pid" 2>/dev/null
  [[ -n $nginx_pid ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
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

# utime + stime in seconds of the given processes (fields 14 and 15 of /proc/<pid>/stat, counted after the name).
cpu_seconds() {
  local ticks total=0 pid
  ticks=$(getconf CLK_TCK)
  for pid in "$@"; do
    total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  awk -v t="$total" -v k="$ticks" 'BEGIN { printf "%.2f", t / k }'
}

# Waits until Sophia is idle (its fetch log written), so that no server runs on CPU left over from the last run.
wait_idle() {
  local deadline=$((SECONDS + 30)) before after
  while ((SECONDS < deadline)); do
    before=$(cpu_seconds "$sophia_pid")
    sleep 0.5
    after=$(cpu_seconds "$sophia_pid")
    if awk -v a="$after" -v b="$before" 'BEGIN { exit !(a - b < 0.03) }'; then
      return
    fi
  done
  step "Sophia still busy after 30 s; going on"
}

# storm <name> <url> <digest|basic> <loop|once> <duration> <server pids...>
storm() {
  local name=$1 url=$2 auth=$3 shape=$4 duration=$5
  shift 5
  local cpu_before cpu_after times
  rm -f "$work/marker"
  cpu_before=$(cpu_seconds "$@")
  times=$( { TIMEFORMAT='%U %S'; time wrk -t"$connections" -c"$connections" -d"$duration" --timeout 10s --latency \
    -s "$here/storm.lua" "$url" -- "$auth" "$work/devices.tsv" "$connections" "$shape" "$results/$name.kv" "$work/marker" \
    >"$results/$name.wrk.txt"; } 2>&1 | tail -1)
  cpu_after=$(cpu_seconds "$@")
  {
    awk -v a="$cpu_after" -v b="$cpu_before" 'BEGIN { printf "server_cpu_s=%.2f\n", a - b }'
    awk -v u="${times% *}" -v s="${times#* }" 'BEGIN { printf "wrk_cpu_s=%.2f\n", u + s }'
  } >>"$results/$name.kv"
  step "$name: $(grep -E '^(requests|rps|p50_ms|p99_ms|ok|challenged|other)=' "$results/$name.kv" | tr '\n' ' ')"
}

bench() { dotnet "$here/bin/Release/net10.0/Sophia.Bench.Provisioning.dll" "$@"; }

meta=$results/meta.kv
{
  echo "date=$(date '+%Y-%m-%d %H:%M')"
  echo "cores=$(nproc)"
  echo "cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "clients=$clients"
  echo "connections=$connections"
  echo "warm_s=$seconds"
  echo "wrk_version=$(wrk -v 2>&1 | head -1 | awk '{print $2}')"
  echo "nginx_version=$(/usr/sbin/nginx -v 2>&1 | sed 's/.*nginx\///')"
} >"$meta"

step "seeding $clients clients x 100 phones"
bench seed "$work/data" "$clients" "$work/devices.tsv" "$work/clients.tsv" | tee -a "$meta" >&2

sophia_port=$(free_port)
step "starting Sophia on 127.0.0.1:$sophia_port"
# Registration tracking is off (ReconcileSeconds=0): without a registrar it would probe every phone's fetch address
# with OPTIONS in the background, and nothing answers on loopback; this bench measures provisioning alone.
(
  cd "$here/bin/server"
  exec ./Sophia.Server --urls "http://127.0.0.1:$sophia_port" --Sophia:DataDirectory="$work/data" --Sophia:Tftp:Port=0 \
    --Sophia:Provisioning:Http:NonceLifetime=01:00:00 --Sophia:Provisioning:Http:FailuresPerAddress=1000000 \
    --Sophia:Provisioning:Http:FailuresPerMac=1000000 --Sophia:Registration:ReconcileSeconds=0 --Logging:LogLevel:Default=Warning
) >"$work/sophia.log" 2>&1 &
sophia_pid=$!
deadline=$((SECONDS + 60))
until curl -fs "http://127.0.0.1:$sophia_port/health" >/dev/null; do
  if ((SECONDS > deadline)) || ! kill -0 "$sophia_pid" 2>/dev/null; then
    cat "$work/sophia.log" >&2
    echo "Sophia did not become ready" >&2
    exit 1
  fi
  sleep 0.2
done

step "priming: every file once through digest (fills Sophia's cache and nginx's root)"
bench prime "http://127.0.0.1:$sophia_port" "$work/devices.tsv" "$work/www" | tee -a "$meta" >&2

step "starting nginx (2 workers, basic auth: apr1 on one port, {SSHA} on another)"
while IFS=$'\t' read -r user password; do
  printf '%s:%s\n' "$user" "$(openssl passwd -apr1 "$password")" >>"$work/htpasswd-apr1"
  salt=$(openssl rand -hex 4)
  printf '%s:{SSHA}%s\n' "$user" "$( { printf '%s%s' "$password" "$salt" | openssl dgst -sha1 -binary; printf '%s' "$salt"; } | base64 -w0)" >>"$work/htpasswd-ssha"
done <"$work/clients.tsv"
chmod -R a+rX "$work/www" "$work/htpasswd-apr1" "$work/htpasswd-ssha"
apr1_port=$(free_port)
ssha_port=$(free_port)
cat >"$work/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $work/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  default_type text/plain;
  client_body_temp_path $work/nginx-tmp/body;
  proxy_temp_path $work/nginx-tmp/proxy;
  fastcgi_temp_path $work/nginx-tmp/fastcgi;
  uwsgi_temp_path $work/nginx-tmp/uwsgi;
  scgi_temp_path $work/nginx-tmp/scgi;
  server {
    listen 127.0.0.1:$apr1_port;
    root $work/www;
    location /prov/ { auth_basic "Sophia provisioning"; auth_basic_user_file $work/htpasswd-apr1; }
  }
  server {
    listen 127.0.0.1:$ssha_port;
    root $work/www;
    location /prov/ { auth_basic "Sophia provisioning"; auth_basic_user_file $work/htpasswd-ssha; }
  }
}
EOF
/usr/sbin/nginx -p "$work" -c "$work/nginx.conf" -e stderr >"$work/nginx.log" 2>&1 &
nginx_pid=$!
IFS=$'\t' read -r _ _ basic _ first_path _ <"$work/devices.tsv"
deadline=$((SECONDS + 10))
until curl -fs -H "Authorization: Basic $basic" "http://127.0.0.1:$apr1_port$first_path" >/dev/null \
  && curl -fs -H "Authorization: Basic $basic" "http://127.0.0.1:$ssha_port$first_path" >/dev/null; do
  if ((SECONDS > deadline)); then
    cat "$work/nginx.log" >&2
    echo "nginx did not serve $first_path" >&2
    exit 1
  fi
  sleep 0.2
done
mapfile -t nginx_workers < <(pgrep -P "$nginx_pid")
nginx_pids=("$nginx_pid" "${nginx_workers[@]}")

sophia_url=http://127.0.0.1:$sophia_port
apr1_url=http://127.0.0.1:$apr1_port
ssha_url=http://127.0.0.1:$ssha_port

# .NET compiles hot methods again, optimized, in the background (tiered compilation); on a busy machine that
# takes tens of seconds of load. The warm figures are for the steady state, so Sophia gets the longer warm-up.
step "warm-up (not reported): 12 s for Sophia, 3 s for nginx"
storm warmup-sophia "$sophia_url" digest loop 12s "$sophia_pid"
storm warmup-nginx "$ssha_url" basic loop 3s "${nginx_pids[@]}"
wait_idle

step "warm cache: ${seconds} s per server, $connections connections"
storm nginx-apr1-warm "$apr1_url" basic loop "${seconds}s" "${nginx_pids[@]}"
storm nginx-ssha-warm "$ssha_url" basic loop "${seconds}s" "${nginx_pids[@]}"
wait_idle
storm sophia-warm "$sophia_url" digest loop "${seconds}s" "$sophia_pid"

step "cold: one pass per server; Sophia's right after every client's stamp changed"
storm nginx-apr1-cold "$apr1_url" basic once 120s "${nginx_pids[@]}"
storm nginx-ssha-cold "$ssha_url" basic once 120s "${nginx_pids[@]}"
wait_idle
bench invalidate "$work/data" | tee -a "$meta" >&2
storm sophia-cold "$sophia_url" digest once 120s "$sophia_pid"

step "enumeration: refusal times of known and unknown MACs, in turn on one connection"
wait_idle
bench enumeration "$sophia_url" "$work/devices.tsv" 1500 >"$results/enumeration.kv"

devices=$(sed -n 's/^devices=//p' "$meta")
polycom=$(sed -n 's/^polycom=//p' "$meta")
{
  echo "cold_requests=$((2 * devices))"
  # Yealink: <mac>.cfg (the common file does not depend on the parc and stays cached); Polycom: both files.
  echo "cold_renders=$((devices + polycom))"
  echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$meta"

mkdir -p "$repo/bench/results"
report=$repo/bench/results/provisioning-$(date +%Y-%m-%d).md
bench report "$results" "$report"
step "report written to $report"
if grep -q . "$work/sophia.log"; then
  step "Sophia logged (warnings and errors):"
  tail -20 "$work/sophia.log" >&2
fi
