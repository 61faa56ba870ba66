#!/bin/sh
# Browser tests drive Chromium through Playwright (never `playwright install`, which downloads): Debian's
# /usr/bin/chromium, or the binary HANDBOOK_CHROMIUM names (GitHub's hosted runners: their preinstalled Chrome,
# because `apt-get install chromium` there installs a snap stub, not a browser). The print test reads PDFs with
# pdftotext (poppler-utils). Installs only what is missing, with apt-get as root (or through sudo without a password).
set -e
browser="${HANDBOOK_CHROMIUM:-/usr/bin/chromium}"
missing=""
if [ ! -x "$browser" ]; then
  if [ -n "$HANDBOOK_CHROMIUM" ]; then
    echo "error: HANDBOOK_CHROMIUM is set to '$HANDBOOK_CHROMIUM', which is not an executable browser;" \
         "set it to the path of Chromium or Chrome, or unset it to use Debian's /usr/bin/chromium" >&2
    exit 1
  fi
  missing="chromium"
fi
command -v pdftotext >/dev/null || missing="$missing poppler-utils"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ]; then
  as_root=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root="sudo -n"
else
  echo "error: the browser tests need:$missing; run 'sudo apt-get install -y$missing'" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "error: the browser tests need:$missing (Debian/Ubuntu package names); install them" >&2
  exit 1
fi
$as_root apt-get update -qq
# shellcheck disable=SC2086  # the package names are separate words
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
