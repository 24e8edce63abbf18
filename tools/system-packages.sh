#!/usr/bin/env bash
# Install the Debian packages extractor uses outside Python, when they are missing.
#
#   tools/system-packages.sh PACKAGE...      (the list is SYSTEM_PACKAGES in the Makefile)
#
# As root with apt-get: installs the missing ones (apt-get update first) and says
# how long it took. Otherwise: one message naming what to install, and exit 0, so
# a developer without root still gets a working setup (what needs those packages
# then says what is missing: `extractor formats` lists the input formats).
set -euo pipefail
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
else
    echo "extractor: not a Debian system: install the equivalents of these Debian packages by hand: $*" \
         "(LibreOffice with its Python UNO bindings reads DOC, RTF, ODT, XLS and ODS; Tesseract with its Ukrainian data reads scanned PDFs)" >&2
    exit 0
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "extractor: installing system packages: ${missing[*]}" >&2
    start=$(date +%s)
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    echo "extractor: system packages installed in $(( $(date +%s) - start )) s" >&2
else
    echo "extractor: missing system packages: ${missing[*]}" >&2
    echo "extractor: install them with: sudo apt-get install ${missing[*]}" >&2
    echo "extractor: (until then what needs them says so; e.g. DOC, RTF, ODT, XLS and ODS need LibreOffice, scanned PDFs Tesseract)" >&2
fi
