#!/usr/bin/env bash
# Sophia's TFTP server against Debian's tftpd-hpa, same files, same client, loopback only.
# Usage: bench/tftp/run.sh [--seconds N] [--only configs|firmware]   (default 5 s per run; 8 runs plus warm-up)
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -x /usr/sbin/in.tftpd ]]; then
  echo "in.tftpd not found: apt-get install tftpd-hpa" >&2
  exit 1
fi
dotnet build -c Release -v quiet -nologo TftpBench.csproj >/dev/null
exec timeout 300 dotnet bin/Release/net10.0/TftpBench.dll "$@"
