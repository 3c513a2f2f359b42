#!/usr/bin/env bash
# The web edition's browser test runs axe-core (the accessibility engine, from the npm registry)
# inside headless Chromium. Install it into .cache/axe/ when it is missing and npm is there; never
# fail: without it that test is skipped and says why.
AXE=.cache/axe/node_modules/axe-core/axe.min.js
[[ -f $AXE ]] && exit 0
if command -v npm >/dev/null 2>&1; then
  echo "installing axe-core for the web edition's browser test (once)..."
  mkdir -p .cache/axe
  timeout 300 npm install --silent --no-save --no-audit --no-fund --prefix .cache/axe axe-core@4 >/dev/null 2>&1 \
    || echo "could not install axe-core; the web edition's browser test will be skipped"
else
  echo "npm is not installed; the web edition's browser test will be skipped (apt-get install npm, then make test)"
fi
exit 0
