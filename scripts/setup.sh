#!/usr/bin/env bash
# Installs everything CitizenCode Access needs on a fresh Debian machine: the system
# packages (Xvfb, Mesa, espeak-ng, sox, PortAudio, ...) and a virtual environment in .venv
# with the project and its test tools. Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  xvfb xauth xdotool x11-utils xsel       # a virtual screen for the app and its tests (xsel: clipboard)
  libgl1-mesa-dri libgl1 libegl1 libgles2 mesa-utils   # Mesa's software OpenGL for Kivy
  libmtdev1 libsdl2-2.0-0                 # Kivy's touch and window back ends
  espeak-ng espeak-ng-data alsa-utils     # narration (pyttsx3 drives espeak-ng, plays with aplay)
  sox                                     # test speech: noise, speed, measurements
  sphinxbase-utils                        # sphinx_fe: pocketsphinx's front end, for voice training
  portaudio19-dev                         # PyAudio (SpeechRecognition's Microphone) builds against it
  socat                                   # serial tests over pseudo-terminals
  fonts-sil-andika fonts-dejavu-core      # a readable font for children, and a fallback
  sqlite3
  libcairo2                               # scripts/make_pictures.py (cairosvg): OpenMoji SVG -> PNG
)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $PYTHON"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  echo "setup: installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  # an editable install; setuptools' notice about folders named like the packages is for
  # developers who move things around, not for someone setting up the game: not shown
  PYTHONWARNINGS=ignore .venv/bin/python -m pip install -q -e '.[test]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi
