#!/usr/bin/env bash
# Runs every test of Sophia. Installs first what the tests need: Debian's real protocol peers
# (Kamailio, baresip, tftp-hpa, atftp, nginx, Chromium, PostgreSQL, sipp, wrk) and the NuGet packages.
set -euo pipefail
cd "$(dirname "$0")"

packages=(kamailio baresip-core tftp-hpa tftpd-hpa atftp nginx-light chromium postgresql sip-tester curl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dotnet tool restore >/dev/null
dotnet restore Sophia.sln
dotnet build Sophia.sln --no-restore -c Release
dotnet test Sophia.sln --no-build -c Release --logger "console;verbosity=minimal" "$@"
