#!/usr/bin/env bash
# Registration reconciliation benchmark: 100,000 devices against a generated Kamailio ul.dump over HTTP on loopback.
# Goal: under 10 s per run and under 300 MB peak. Extra arguments: --devices N, --runs N, --dump-only, --ef (through the database store on SQLite).
set -euo pipefail
cd "$(dirname "$0")"
dotnet build -c Release -nologo -v quiet Sophia.Bench.Registration.csproj
exec dotnet bin/Release/net10.0/Sophia.Bench.Registration.dll "$@"
