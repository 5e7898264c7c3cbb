"""ASE drives `helixff ipi` through python/helixff_ase.py (SocketIOCalculator) for MD steps; prints JSON.

argv: python_dir, json list of command words, model, transport ("unix" or a TCP port), steps, kill (0/1), extxyz files.
For every file: 20 velocity-Verlet steps; every force call is recorded as ASE saw it (eV, eV/A, A).
Last: a calculator whose HelixFF process is killed; the next calculation must fail promptly, not hang.
"""
import json
import signal
import sys
import time

import numpy as np

sys.path.insert(0, sys.argv[1])
from helixff_ase import HelixFF  # noqa: E402
import ase.io  # noqa: E402
from ase import units  # noqa: E402
from ase.md.verlet import VelocityVerlet  # noqa: E402
from ase.md.velocitydistribution import MaxwellBoltzmannDistribution  # noqa: E402

command = json.loads(sys.argv[2])
model = sys.argv[3]
transport = sys.argv[4]
steps = int(sys.argv[5])
kill = sys.argv[6] == "1"
files = sys.argv[7:]


def kwargs(i):
    if transport == "unix":
        return dict(unixsocket="helixff-test-%d-%d" % (int(time.time() * 1000) % 100000000, i))
    return dict(port=int(transport) + i)


result = dict(bohr=units.Bohr, hartree=units.Ha, ase=__import__("ase").__version__, runs=[])
for i, f in enumerate(files):
    atoms = ase.io.read(f, format="extxyz")
    frames = []
    with HelixFF(model=model, command=command, timeout=300, **kwargs(i)) as calc:
        atoms.calc = calc
        MaxwellBoltzmannDistribution(atoms, temperature_K=300, rng=np.random.RandomState(7 + i))
        dyn = VelocityVerlet(atoms, 0.5 * units.fs)

        def record():
            frames.append(dict(positions=atoms.positions.tolist(), cell=atoms.cell.array.tolist(),
                               energy=float(atoms.get_potential_energy()), forces=atoms.get_forces().tolist()))

        dyn.attach(record, interval=1)
        dyn.run(steps)
        code_before_close = calc.helixff_process.poll()
    code = calc.helixff_process.wait(timeout=60)
    result["runs"].append(dict(file=f, frames=frames, alive_before_close=code_before_close is None, exit_code=code))

if not kill:
    print(json.dumps(result))
    sys.exit(0)

# killing HelixFF: the driver's next calculation raises instead of hanging
atoms = ase.io.read(files[0], format="extxyz")
calc = HelixFF(model=model, command=command, timeout=120, **kwargs(len(files)))
atoms.calc = calc
atoms.get_potential_energy()
calc.helixff_process.send_signal(signal.SIGKILL)
calc.helixff_process.wait(timeout=60)
atoms.positions[0, 0] += 0.01
t0 = time.time()
try:
    atoms.get_potential_energy()
    outcome = "no error"
except Exception as e:  # SocketClosed / BrokenPipe / ConnectionReset, depending on timing
    outcome = type(e).__name__
result["killed"] = dict(outcome=outcome, seconds=time.time() - t0)
try:
    calc.close()
except Exception:
    pass
print(json.dumps(result))
