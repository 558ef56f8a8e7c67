#!/bin/sh
# The programs some tests drive besides Python: Debian's chromium (browser tests, through Playwright,
# which never downloads a browser here) and redis-server (the scale-out crawl tests).
# As root, install whichever is missing; as anyone else, say in one line what to install: the tests
# then report those tests as skipped, with the same words.
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
  echo "missing:$missing; install with \`apt-get install$missing\` as root to run the browser and Redis tests (skipped until then)" >&2
fi
