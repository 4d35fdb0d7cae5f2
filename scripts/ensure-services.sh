#!/usr/bin/env bash
# Start the local PostgreSQL and Redis the test suite needs, if they are not already answering.
# The PostgreSQL half of the suite and the shared rate-limit tests never skip: if this cannot
# start a service, the tests that need it fail.
set -euo pipefail
host=${CALLCENTER_TEST_PG_HOST:-127.0.0.1}
port=${CALLCENTER_TEST_PG_PORT:-5432}
redis_host=${CALLCENTER_TEST_REDIS_HOST:-127.0.0.1}
redis_port=${CALLCENTER_TEST_REDIS_PORT:-6379}

pg_answering() { pg_isready -q -h "$host" -p "$port" 2>/dev/null; }
redis_answering() { redis-cli -h "$redis_host" -p "$redis_port" ping 2>/dev/null | grep -q PONG; }

wait_for() {  # wait_for NAME CHECK
  for _ in $(seq 1 30); do
    "$2" && return 0
    sleep 1
  done
  echo "error: $1 did not start (see the README: Running on PostgreSQL)" >&2
  exit 1
}

if ! pg_answering; then
  echo "PostgreSQL is not answering on $host:$port; starting it" >&2
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    for version in $(ls /etc/postgresql); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    done
  fi
  wait_for "PostgreSQL on $host:$port" pg_answering
fi

if ! redis_answering; then
  echo "Redis is not answering on $redis_host:$redis_port; starting it" >&2
  if command -v redis-server >/dev/null 2>&1; then
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind "$redis_host" --port "$redis_port" --save "" \
      --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  fi
  wait_for "Redis on $redis_host:$redis_port" redis_answering
fi
