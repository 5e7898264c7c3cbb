package org.helixff.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.helixff.InvalidInputException;
import org.helixff.app.Models;
import org.helixff.calculator.Calculator;
import org.helixff.interop.IpiClient;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;
import org.helixff.io.ipi.IpiException;
import org.helixff.structure.Structure;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code helixff ipi --address HOST:PORT | --unix NAME}: HelixFF as the force provider of an i-PI driver (i-PI,
 * ASE's SocketIOCalculator). One process, any number of configurations; ends on EXIT or when the driver closes.
 */
@Command(name = "ipi", mixinStandardHelpOptions = true,
        description = {"Connects to a listening i-PI driver (i-PI, ASE SocketIOCalculator/SocketServer) and answers"
                + " every configuration it sends with the full-cell energy, forces and virial of --model (atomic units"
                + " on the wire). Runs until the driver sends EXIT or closes the connection.",
            "The wire carries no elements or periodicity: give --structure (an extxyz file of the same system) to"
                + " check the atom count and elements and to take the periodic directions from it; without it every"
                + " atom is carbon and every non-zero lattice vector is periodic.",
            "Exit code 0 after EXIT or a clean close; 2 with one line for a wrong atom count or element, a peer that"
                + " vanishes inside a message or breaks the protocol, or no driver within --connect-timeout."})
final class IpiCommand implements Callable<Integer> {
    static final class Target {
        @Option(names = "--address", paramLabel = "HOST:PORT", required = true,
                description = "TCP address of the driver, e.g. localhost:31415")
        String address;

        @Option(names = "--unix", paramLabel = "NAME", required = true,
                description = "UNIX-domain socket of the driver: /tmp/ipi_NAME (i-PI's and ASE's convention), or"
                        + " NAME itself when it starts with /")
        String unix;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--model", defaultValue = "default",
            description = "force field: default (the bundled learned model), tersoff, tersoff-lb or a model file"
                    + " (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--structure", paramLabel = "FILE",
            description = "extxyz file of the driver's system (first frame, a full cell): atom count, elements and"
                    + " periodic directions are checked against / taken from it")
    Path structure;

    @Option(names = "--connect-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "keep trying to connect this long while the driver is not listening yet"
                    + " (default: ${DEFAULT-VALUE})")
    double connectTimeout;

    @Option(names = "--json", description = "print the session summary as JSON")
    boolean json;

    @Mixin
    BackendOptions backend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return backend.run(this::body);
    }

    private int body() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        String host = null;
        int port = 0;
        String where;
        if (target.unix != null) {
            where = "UNIX socket " + IpiClient.unixSocketPath(target.unix);
        } else {
            int colon = target.address.lastIndexOf(':');
            if (colon <= 0 || colon == target.address.length() - 1) {
                throw new InvalidInputException("--address '" + target.address + "' is not of the form HOST:PORT");
            }
            host = target.address.substring(0, colon).replace("[", "").replace("]", "");
            try {
                port = Integer.parseInt(target.address.substring(colon + 1));
            } catch (NumberFormatException ex) {
                throw new InvalidInputException("--address '" + target.address + "': port is not a number");
            }
            if (port < 1 || port > 65535) {
                throw new InvalidInputException("--address '" + target.address + "': port " + port
                        + " is not in 1..65535");
            }
            where = host + ":" + port;
        }
        IpiClient.Template template = template();
        Calculator calc = warnOutside(Models.resolve(model, backend.requested()), e);
        SocketChannel ch = target.unix != null ? IpiClient.connectUnix(target.unix, connectTimeout)
                : IpiClient.connectTcp(host, port, connectTimeout);
        e.println("helixff ipi: connected to " + where + ", model " + calc.name());
        e.flush();
        IpiClient.Summary s;
        try (SocketChannel c = ch) {
            s = IpiClient.serve(c, calc, template, n -> {
                if (n == 1 || n % 100 == 0) {
                    e.println("helixff ipi: " + n + " configuration" + (n == 1 ? "" : "s") + " served");
                    e.flush();
                }
            });
        } catch (IOException ex) {
            throw new IpiException("connection to the i-PI driver at " + where + " failed: " + ex.getMessage(), ex);
        }
        String ending = s.ending().equals("EXIT") ? "driver sent EXIT" : "driver closed the connection";
        if (json) {
            Map<String, Object> j = new java.util.LinkedHashMap<>();
            j.put("address", where);
            j.put("model", calc.name());
            j.put("configurations", s.configurations());
            j.put("ending", s.ending());
            Json.print(o, j);
        } else {
            o.printf(Locale.ROOT, "i-PI session with %s ended (%s): %d configurations, model %s%n", where, ending,
                    s.configurations(), calc.name());
        }
        o.flush();
        return 0;
    }

    private IpiClient.Template template() {
        if (structure == null) {
            return IpiClient.Template.none();
        }
        List<Frame> frames = ExtXyz.read(structure);
        if (frames.isEmpty()) {
            throw new InvalidInputException("--structure " + structure + " holds no frame");
        }
        Frame f = frames.get(0);
        Structure s = f.cell().orElseThrow(() -> new InvalidInputException("--structure " + structure
                + ": the first frame is a symmetric (motif) frame; give the driver's full cell"));
        String[] sp = s.species();
        for (int i = 0; i < sp.length; i++) {
            if (!sp[i].equals("C")) {
                throw new InvalidInputException("--structure " + structure + ": atom " + i + " is " + sp[i]
                        + "; HelixFF's force fields know carbon only");
            }
        }
        return new IpiClient.Template(sp, s.pbc());
    }

    /**
     * The calculator, wrapped so that the first configuration outside the learned model's training data (and
     * every 100th configuration checked after it) prints one warning line; --strict is not offered here: a
     * force provider must keep answering its driver.
     */
    private static Calculator warnOutside(Calculator calc, PrintWriter e) {
        if (!(calc instanceof org.helixff.model.ModelCalculator)) {
            return calc;
        }
        ExtrapolationCheck check = new ExtrapolationCheck();
        return new Calculator() {
            private long served;
            private boolean warned;

            @Override
            public String name() {
                return calc.name();
            }

            @Override
            public double cutoff() {
                return calc.cutoff();
            }

            @Override
            public org.helixff.calculator.SymmetricResult compute(org.helixff.symmetry.SymmetricStructure s) {
                return calc.compute(s);
            }

            @Override
            public org.helixff.calculator.CellResult compute(org.helixff.structure.Structure s) {
                if (!warned && served++ % 100 == 0) {
                    var r = ExtrapolationCheck.measure(calc, s);
                    if (r.isPresent() && r.get().outside()) {
                        warned = true;
                        check.report(r, "configuration " + served, calc, e);
                    }
                }
                return calc.compute(s);
            }
        };
    }
}
