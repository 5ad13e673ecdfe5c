#!/usr/bin/env bash
# Makes sure PostgreSQL and a JetStream-enabled nats-server are reachable.
# - DATABASE_URL / NATS_URL given: uses them as they are, installs nothing.
# - otherwise: 127.0.0.1:5432 and 127.0.0.1:4222; starts the local service if it is
#   installed but stopped, installs it from Debian packages (apt-get) if it is missing.
set -euo pipefail

log() { printf '[services] %s\n' "$*" >&2; }
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
wait_port() {
  for _ in $(seq 1 100); do port_open "$1" "$2" && return 0; sleep 0.2; done
  return 1
}

ensure_postgres() {
  if [ -n "${DATABASE_URL:-}" ]; then
    log "using DATABASE_URL as given"
    return
  fi
  if port_open 127.0.0.1 5432; then return; fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    log "PostgreSQL not found: installing the Debian package postgresql"
    apt_install postgresql
    local conf
    conf=$(ls -d /etc/postgresql/*/main | head -n 1)
    # A development cluster on loopback only: trust the local user, as the README says.
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$conf/pg_hba.conf"
  fi
  log "starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
  wait_port 127.0.0.1 5432 || { log "PostgreSQL did not come up on 127.0.0.1:5432"; exit 1; }
}

ensure_nats() {
  if [ -n "${NATS_URL:-}" ]; then
    log "using NATS_URL as given"
    return
  fi
  if port_open 127.0.0.1 4222; then return; fi
  if ! command -v nats-server >/dev/null 2>&1 && [ ! -x /usr/sbin/nats-server ]; then
    log "nats-server not found: installing the Debian package nats-server"
    apt_install nats-server
  fi
  log "starting nats-server with JetStream on 127.0.0.1:4222"
  as_root mkdir -p /var/lib/nats-server
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
    -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
  wait_port 127.0.0.1 4222 || { log "nats-server did not come up on 127.0.0.1:4222"; exit 1; }
}

ensure_postgres
ensure_nats
