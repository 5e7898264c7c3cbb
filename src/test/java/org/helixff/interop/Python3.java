package org.helixff.interop;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The python3 that the interop oracles (ASE, spglib, phonopy) run under, found once per test class. */
final class Python3 {
    private Python3() {
    }

    /**
     * The first of /usr/bin/python3 and python3 on the PATH that runs {@code imports} (a Python statement such as
     * "import ase, phonopy") without error, or null when none does (the caller skips with its reason).
     */
    static String withModules(String imports) {
        for (String p : List.of("/usr/bin/python3", "python3")) {
            try {
                Process pr = new ProcessBuilder(p, "-c", imports).redirectErrorStream(true).start();
                pr.getInputStream().readAllBytes();
                if (pr.waitFor(60, TimeUnit.SECONDS) && pr.exitValue() == 0) {
                    return p;
                }
            } catch (IOException | InterruptedException e) {
                // not this one
            }
        }
        return null;
    }
}
