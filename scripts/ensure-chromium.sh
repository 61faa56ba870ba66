#!/bin/sh
# Browser tests drive Debian's Chromium through Playwright (never `playwright install`, which downloads);
# the print test reads PDFs with pdftotext (poppler-utils).
set -e
if [ -x /usr/bin/chromium ] && command -v pdftotext >/dev/null; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq chromium poppler-utils >/dev/null
else
  echo "error: the browser tests need Debian's chromium and poppler-utils:" \
       "run 'sudo apt-get install -y chromium poppler-utils'" >&2
  exit 1
fi
