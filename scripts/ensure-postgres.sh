#!/usr/bin/env bash
# Runs a command with PORTCULLIS_TEST_DATABASE_URL naming a PostgreSQL database for the tests.
#   bash scripts/ensure-postgres.sh <command> [arguments…]
# With PORTCULLIS_TEST_DATABASE_URL set, that database is used as it is (the tests make and drop
# their own schemas in it). Otherwise Debian's PostgreSQL is started (the postgresql package is
# installed first when it is missing and this runs as root), a throwaway database is created for
# this run, and dropped when the command ends. PORTCULLIS_TEST_POSTGRES_CLUSTER then names the
# cluster, so that the outage tests may stop and start it.
set -euo pipefail
if [ "$#" -eq 0 ]; then echo "usage: ensure-postgres.sh <command> [arguments…]" >&2; exit 2; fi
if [ -n "${PORTCULLIS_TEST_DATABASE_URL:-}" ]; then exec "$@"; fi

as_postgres() { (cd / && runuser -u postgres -- "$@"); }

if ! command -v pg_lsclusters >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL is missing: install Debian's postgresql package, or set PORTCULLIS_TEST_DATABASE_URL." >&2
    exit 1
  fi
  echo "Installing Debian's postgresql package for the tests…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Starting PostgreSQL needs root here; or set PORTCULLIS_TEST_DATABASE_URL to a database you can use." >&2
  exit 1
fi

read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
if [ "$status" != "online" ]; then
  pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start
fi
for _ in $(seq 1 30); do as_postgres pg_isready -q -p "$port" && break; sleep 0.5; done

role=portcullis_test
secret=portcullis_test
if ! as_postgres psql -p "$port" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$role'" | grep -q 1; then
  as_postgres psql -p "$port" -q -c "CREATE ROLE $role LOGIN PASSWORD '$secret'"
fi
database="portcullis_test_$(date +%s)_$$"
as_postgres createdb -p "$port" -O "$role" "$database"
trap 'as_postgres dropdb -p "$port" --if-exists --force "$database" >/dev/null 2>&1 || true' EXIT

export PORTCULLIS_TEST_DATABASE_URL="postgres://$role:$secret@127.0.0.1:$port/$database"
export PORTCULLIS_TEST_POSTGRES_CLUSTER="$version $cluster"
"$@"
