#!/bin/bash
# The label-noise proxy of issue 14 (session 5): the default recipe's 108 training structures relabelled with the
# noise-free Lindsay-Broido Tersoff teacher, with and without Gaussian force noise; each fit's (8,8) Gamma spectrum
# (relaxed, free axial period) against Tersoff-LB's own. About 15 minutes on one core.
#   bash docs/experiments/label_noise/run.sh [JAR] [WORKDIR]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=$(realpath "${1:-target/helixff-0.1.0-all.jar}")
W=${2:-label-noise-run}
mkdir -p "$W" && cd "$W"
J="java -XX:ActiveProcessorCount=1 -jar $JAR"
SPARC="dataset:sparc-cnt/cnt_7_7.extxyz dataset:sparc-cnt/cnt_12_0.extxyz dataset:sparc-cnt/cnt_10_5.extxyz"
RAND="dataset:gpaw-cnt dataset:gpaw-helixff/flat_limit.extxyz dataset:gpaw-helixff/learn_5_5.extxyz"
EQ="dataset:gpaw-helixff/phonons_6_6.extxyz dataset:gpaw-helixff/soft_modes.extxyz"
relabel() { java -cp "$JAR" "$HERE/Relabel.java" tersoff-lb "$@" 2>/dev/null; }
relabel sparc.extxyz $SPARC
relabel rand.extxyz $RAND
relabel eq.extxyz $EQ
# noise: cell frames are in eV/A (1e-3 Ha/Bohr = 0.0514 eV/A), the SPARC motif frames in Ha/Bohr
python3 "$HERE/add_noise.py" rand.extxyz rand_n1e-3.extxyz 0.0514 0 5
python3 "$HERE/add_noise.py" rand.extxyz rand_n5e-4.extxyz 0.0257 0 3
python3 "$HERE/add_noise.py" eq.extxyz eq_n1e-3.extxyz 0.0514 0 6
python3 "$HERE/add_noise.py" sparc.extxyz sparc_n1e-2.extxyz 1e-2 0 1
sed -i -E 's/energy_group=T( |$)/energy_group=S\1/' sparc_n1e-2.extxyz
$J phonons 8 8 --model tersoff-lb --relax --free-axial --out teacher88 --quiet > /dev/null
fit() {
  local name=$1; shift
  $J train --cutoff 7.5 --force-weight 16 "$@" --out "$name.hxf" --quiet > /dev/null
  $J phonons 8 8 --model "$name.hxf" --relax --free-axial --out "$name.88" --quiet > /dev/null
  printf '%-44s %s\n' "$name" "$(python3 "$HERE/compare_gamma.py" "$name.88" teacher88)"
}
fit clean-all            --data sparc.extxyz --data rand.extxyz --data eq.extxyz
fit clean-without-sparc  --data rand.extxyz --data eq.extxyz
fit sparc-1e-2           --data sparc_n1e-2.extxyz --data rand.extxyz --data eq.extxyz
fit sparc-1e-2-weight-0.01 --data sparc_n1e-2.extxyz --data rand.extxyz --data eq.extxyz --group-weight S=0.01
fit gpaw-all-5e-4        --data rand_n5e-4.extxyz --data eq.extxyz
fit gpaw-all-1e-3        --data rand_n1e-3.extxyz --data eq_n1e-3.extxyz
fit gpaw-random-1e-3     --data rand_n1e-3.extxyz --data eq.extxyz
