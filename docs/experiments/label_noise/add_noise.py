# Add seeded Gaussian noise to the forces (and optionally the energies) of an extxyz written by Relabel.java.
# usage: add_noise.py IN OUT SIGMA_FORCE SIGMA_ENERGY_PER_ATOM SEED  (SIGMA in the units of the file: cell frames are
# written in eV/Angstrom, symmetric frames in Hartree/Bohr; 1 Ha/Bohr = 51.422 eV/A)
import sys, re, numpy as np
src, dst, sf, se, seed = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
rng = np.random.default_rng(seed)
lines = open(src).read().split('\n'); out = []; i = 0
while i < len(lines) and lines[i].strip():
    n = int(lines[i]); hdr = lines[i+1]
    props = re.search(r'Properties=(\S+)', hdr).group(1).split(':')
    # column index of forces
    col = 0; fc = None
    for k in range(0, len(props), 3):
        if props[k] == 'forces': fc = col
        col += int(props[k+2])
    m = re.search(r'energy=(\S+)', hdr)
    if m and se > 0:
        e = float(m.group(1)) + se * n * rng.standard_normal()
        hdr = hdr[:m.start()] + 'energy=%.10f' % e + hdr[m.end():]
    out += [lines[i], hdr]
    for j in range(n):
        w = lines[i+2+j].split()
        for d in range(3):
            w[fc+d] = '%.10f' % (float(w[fc+d]) + sf * rng.standard_normal())
        out.append(' '.join(w))
    i += 2 + n
open(dst, 'w').write('\n'.join(out) + '\n')
