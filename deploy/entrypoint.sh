#!/bin/sh
# Container entry: a fresh Prometheus multiprocess directory (stale files from a previous run of this
# container would be summed into its metrics), then the command.
set -e
if [ -n "${PROMETHEUS_MULTIPROC_DIR:-}" ]; then
  rm -rf "${PROMETHEUS_MULTIPROC_DIR}"
  mkdir -p "${PROMETHEUS_MULTIPROC_DIR}"
fi
exec "$@"
