#!/usr/bin/env bash
# The proof-page test opens output/index.html in headless Chromium. Install Debian's chromium when
# it is missing and we may (root with apt-get); never fail: without it that one test is skipped.
command -v chromium >/dev/null 2>&1 && exit 0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium for the proof-page test (once per machine)..."
  (timeout 600 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq chromium) >/dev/null 2>&1 \
    || echo "could not install chromium; the proof-page browser test will be skipped"
fi
exit 0
