package org.helixff.cli;

import java.io.PrintWriter;
import org.helixff.HelixException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code helixff} command line. Each subcommand is a class of its own in this package that parses
 * its options, calls the library and prints; no physics lives here. Exit codes: 0 success, 2 bad input
 * or any library error (one line on stderr, no stack trace), 1 an unexpected internal error.
 */
@Command(name = "helixff", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Symmetry-informed machine-learned force field for carbon nanotubes.",
        subcommands = {
            TubeCommand.class,
            ExpandCommand.class,
            ReadCommand.class,
            EnergyCommand.class,
            RelaxCommand.class,
            LabelCommand.class,
            TrainCommand.class,
            TestCommand.class,
            PhononsCommand.class,
            ModesCommand.class,
            DemoCommand.class,
            BackendCommand.class,
            MdCommand.class,
            LearnCommand.class,
            SelectCommand.class,
            CvCommand.class,
            BenchCommand.class,
            IpiCommand.class,
            AnalyzeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** Exit code for bad input and library errors. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable t = ex;
            while (!(t instanceof HelixException) && t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            if (t instanceof HelixException) {
                commandLine.getErr().println("helixff: error: " + oneLine(t.getMessage()));
                return EXIT_USAGE;
            }
            commandLine.getErr().println("helixff: internal error: " + oneLine(String.valueOf(ex)));
            return 1;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("helixff: error: " + oneLine(ex.getMessage()));
            return EXIT_USAGE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static String oneLine(String s) {
        return s == null ? "(no message)" : s.replace('\n', ' ').replace('\r', ' ').trim();
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"helixff " + (v == null ? "(development build)" : v)};
        }
    }
}
