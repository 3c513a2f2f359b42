#!/usr/bin/env sh
# `pip install` for the Makefile: PYTHON ARGS... When it fails because the package index cannot
# be reached (offline, or a proxy in between), pip's own last words are "No matching
# distribution found for setuptools>=69", which tells a coordinator nothing: say what it means.
python=$1
shift
log=$(mktemp)
if "$python" -m pip install --quiet "$@" 2>"$log"; then
  rm -f "$log"
  exit 0
fi
cat "$log" >&2
rm -f "$log"
index=${PIP_INDEX_URL:-$("$python" -m pip config get global.index-url 2>/dev/null || echo https://pypi.org/simple/)}
if ! "$python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=15)' "$index" >/dev/null 2>&1; then
  echo "make: the package index $index cannot be reached (no internet connection, or a proxy in between), so pip could not install what drukwerk needs; \"No matching distribution found\" above means that. Connect to the internet, or behind a proxy first set it (export HTTPS_PROXY=http://proxy.example:8080, the address from your IT department), then run the command again." >&2
fi
exit 1
