#!/usr/bin/env bash
# Start the local PostgreSQL the test suite needs, if it is not already answering.
# The PostgreSQL half of the suite never skips: if this cannot start it, the tests fail.
set -euo pipefail
host=${CALLCENTER_TEST_PG_HOST:-127.0.0.1}
port=${CALLCENTER_TEST_PG_PORT:-5432}

answering() { pg_isready -q -h "$host" -p "$port" 2>/dev/null; }

if answering; then
  exit 0
fi
echo "PostgreSQL is not answering on $host:$port; starting it" >&2
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  for version in $(ls /etc/postgresql); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
fi
for _ in $(seq 1 30); do
  answering && exit 0
  sleep 1
done
echo "error: PostgreSQL did not start on $host:$port (see the README: Running on PostgreSQL)" >&2
exit 1
