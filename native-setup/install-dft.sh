#!/usr/bin/env bash
# Installs what HelixFF's DFT path needs, from Debian packages (Debian 12 "bookworm"):
#   gpaw (22.8.0, with its PAW setups gpaw-data), python3-ase (3.22.1), python3-phonopy (2.17.1).
# Used by `helixff learn --teacher gpaw`, src/main/resources/teachers/*.py and the DFT phonon reference.
# Run as root (or with sudo). Checks the install by importing the modules and printing their versions.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q gpaw gpaw-data python3-ase python3-phonopy
/usr/bin/python3 - <<'PY'
import ase, gpaw, phonopy
from gpaw import setup_paths
print("helixff DFT path ready: GPAW %s, ASE %s, phonopy %s, setups %s"
      % (gpaw.__version__, ase.__version__, phonopy.__version__, setup_paths or "default"))
PY
