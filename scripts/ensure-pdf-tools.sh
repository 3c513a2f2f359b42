#!/usr/bin/env bash
# The PDF tests also check the files with independent programs: Ghostscript (gs) renders every
# page, qpdf --check reads the structure, poppler's pdftoppm renders too. Install Debian's
# packages when one is missing and we may (root with apt-get); never fail: without them those
# checks are skipped with the reason (pikepdf's own structure check still runs).
missing=()
command -v gs >/dev/null 2>&1 || missing+=(ghostscript)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} for the PDF checks (once per machine)..."
  (timeout 600 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq "${missing[@]}") >/dev/null 2>&1 \
    || echo "could not install ${missing[*]}; the checks that need them will be skipped"
fi
exit 0
