#!/usr/bin/env bash
# The test suite makes real phone calls with espeak-ng (Korean voice) and sox (8 kHz mu-law,
# and MP3 and other "common formats" through libsox-fmt-all).
# Install them from Debian's packages when they are missing; fail loudly when that is not
# possible, because the speech tests never skip.
set -euo pipefail
missing=()
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
command -v sox >/dev/null 2>&1 || missing+=(sox)
sox -h 2>/dev/null | grep -q "FILE FORMATS:.* mp3" || missing+=(libsox-fmt-all)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing ${missing[*]} for the test calls" >&2
if [ "$(id -u)" -eq 0 ]; then
  apt=(apt-get)
elif command -v sudo >/dev/null 2>&1; then
  apt=(sudo apt-get)
else
  echo "error: the tests need ${missing[*]}: apt-get install ${missing[*]}" >&2
  exit 1
fi
"${apt[@]}" update -qq
DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
