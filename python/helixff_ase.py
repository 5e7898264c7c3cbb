"""HelixFF as an ASE calculator, through the i-PI socket protocol.

    from helixff_ase import HelixFF
    atoms.calc = HelixFF(model="default")      # or "tersoff-lb", or a model file
    atoms.get_potential_energy(); atoms.get_forces(); atoms.get_stress()
    atoms.calc.close()                          # or use `with HelixFF(...) as calc:`

HelixFF wraps ASE's SocketIOCalculator: on the first calculation it opens a socket server (a UNIX socket
/tmp/ipi_<name> unless a TCP port is given), writes the atoms to a temporary extxyz file (so HelixFF checks the
atom count and elements and knows the periodic directions) and launches one persistent process

    java -jar helixff-0.1.0-all.jar ipi --unix <name> --model <model> --structure <file>

that answers every later configuration (positions and cell may change; the atom count and elements may not).
Energies are full-cell energies of the atoms given, in eV; forces eV/A; stress eV/A^3 (ASE's units, converted by
ASE from HelixFF's Hartree and Bohr with ASE's constants).

Where HelixFF is found: `command=[...]` (the words before `ipi`), else the environment variable HELIXFF_COMMAND
(a shell-quoted command), else `java -jar JAR` with JAR = `jar=`, $HELIXFF_JAR, or
target/helixff-0.1.0-all.jar next to this file's directory (build it with `mvn -B -q package -DskipTests`).
Needs ASE >= 3.22 (tested with Debian's python3-ase 3.22.1).
"""

import os
import shlex
import subprocess
import tempfile
import uuid

import ase.io
from ase.calculators.socketio import SocketIOCalculator

__all__ = ["HelixFF", "helixff_command"]

_DEFAULT_JAR = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "target",
                            "helixff-0.1.0-all.jar")


def helixff_command(command=None, jar=None, java="java"):
    """The words that start HelixFF's CLI (everything before the subcommand), as a list."""
    if command is not None:
        return list(command) if not isinstance(command, str) else shlex.split(command)
    env = os.environ.get("HELIXFF_COMMAND")
    if env:
        return shlex.split(env)
    jar = jar or os.environ.get("HELIXFF_JAR") or os.path.normpath(_DEFAULT_JAR)
    if not os.path.exists(jar):
        raise FileNotFoundError("HelixFF jar %r not found: build it with `mvn -B -q package -DskipTests`, or pass"
                                " jar=..., command=[...] or set HELIXFF_JAR / HELIXFF_COMMAND" % jar)
    return [java, "-jar", jar]


class HelixFF(SocketIOCalculator):
    """ASE calculator backed by one persistent `helixff ipi` process.

    Parameters:
        model: "default" (the bundled learned model), "tersoff", "tersoff-lb" or a HelixFF model file.
        backend: None (HelixFF's default: auto), "cpu" or "cuda".
        unixsocket: name of the UNIX socket (/tmp/ipi_<name>); a unique name by default.
        port: TCP port instead of a UNIX socket (then unixsocket must be None).
        command, jar, java: how to start HelixFF (see the module documentation).
        timeout: socket timeout in seconds for ASE's server (None: wait forever).
        log: file object for ASE's protocol log.
        extra_args: more command-line words for `helixff ipi`.
        stdout: where the session summary of `helixff ipi` goes (a file object or subprocess constant;
            default: discarded). Its progress and errors always go to this process's stderr.
    """

    def __init__(self, model="default", backend=None, unixsocket=None, port=None, command=None, jar=None,
                 java="java", timeout=None, log=None, extra_args=(), stdout=subprocess.DEVNULL):
        if unixsocket is None and port is None:
            unixsocket = "helixff-%d-%s" % (os.getpid(), uuid.uuid4().hex[:10])
        self._helixff_words = helixff_command(command, jar, java)
        self._helixff_model = str(model)
        self._helixff_backend = backend
        self._helixff_extra = list(extra_args)
        self._helixff_template = None
        self._helixff_stdout = stdout
        self.helixff_process = None
        SocketIOCalculator.__init__(self, port=port, unixsocket=unixsocket, timeout=timeout, log=log,
                                    launch_client=self._launch)

    def _launch(self, atoms, properties=None, port=None, unixsocket=None):
        fd, path = tempfile.mkstemp(prefix="helixff-ipi-", suffix=".extxyz")
        os.close(fd)
        plain = atoms.copy()
        plain.calc = None
        ase.io.write(path, plain, format="extxyz")
        self._helixff_template = path
        args = self._helixff_words + ["ipi"]
        args += ["--unix", unixsocket] if unixsocket is not None else ["--address", "localhost:%d" % port]
        args += ["--model", self._helixff_model, "--structure", path]
        if self._helixff_backend is not None:
            args += ["--backend", str(self._helixff_backend)]
        args += self._helixff_extra
        self.helixff_process = subprocess.Popen(args, stdout=self._helixff_stdout)
        return self.helixff_process

    def close(self):
        try:
            SocketIOCalculator.close(self)
        finally:
            if self._helixff_template is not None and os.path.exists(self._helixff_template):
                os.unlink(self._helixff_template)
            self._helixff_template = None
