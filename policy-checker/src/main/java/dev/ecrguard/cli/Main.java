package dev.ecrguard.cli;

import dev.ecrguard.waivers.Notice;
import dev.ecrguard.waivers.Result;
import dev.ecrguard.Checker;
import dev.ecrguard.engine.EngineError;
import dev.ecrguard.engine.Platform;
import dev.ecrguard.engine.Rule;
import dev.ecrguard.engine.Severity;
import dev.ecrguard.load.InputError;
import dev.ecrguard.load.InputValues;
import dev.ecrguard.load.VariableSetting;
import dev.ecrguard.Loaders;
import dev.ecrguard.load.Json;
import dev.ecrguard.load.LoadResult;
import dev.ecrguard.report.Format;
import dev.ecrguard.waivers.Baseline;
import dev.ecrguard.waivers.WaiverFile;
import dev.ecrguard.report.Report;
import dev.ecrguard.report.SafeText;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.nio.file.FileSystemException;
import java.util.HashMap;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code ecr-guard} command line. */
@Command(name = "ecr-guard", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Flags Amazon ECR repositories whose image tags can move, in Terraform plans, Terraform JSON "
                + "configuration, CloudFormation templates and CDK/CDKTF output.",
        subcommands = {Main.Check.class, Main.BaselineCommand.class, Main.ModelCommand.class, Main.Rules.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:nothing at or above --fail-on",
            "1:findings at or above --fail-on",
            "2:wrong usage",
            "3:an input could not be read, or the check could not be completed (fails closed)"})
public final class Main implements Runnable {
    static final String DEFAULT_WAIVERS = ".ecr-guard.yaml";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The commands that judge, for which the rules are prepared from the start (model, --version: never). */
    private static final Set<String> USES_RULES = Set.of("check", "baseline", "rules");

    public static void main(String[] args) {
        // Not System.out/err: their charset follows the locale (LANG=C, file.encoding, stdout.encoding) and turns
        // every non-ASCII character into '?', so ids would no longer match a baseline or a waiver.
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), false,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        if (args.length > 0 && USES_RULES.contains(args[0])) {
            Checker.shared(); // the rules get ready on another thread while the arguments are parsed and inputs read
        }
        int exit = run(args, out, err);
        out.flush();
        System.exit(exit);
    }

    /**
     * Runs the command line; returns the exit code. Never throws: every failure is one line on {@code err}. Writes
     * UTF-8 to both streams, whatever their own charset.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            say(commandLine.getErr(), describe(e));
            return Report.INPUT_ERROR;
        });
        cli.setParameterExceptionHandler((e, commandArgs) -> {
            // Picocli's own handler echoes the offending argument raw; arguments can be file names from the PR.
            CommandLine command = e.getCommandLine();
            say(command.getErr(), e.getMessage());
            say(command.getErr(), "run '" + command.getCommandSpec().qualifiedName() + " --help' for usage");
            return Report.USAGE;
        });
        int exit;
        try {
            exit = cli.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            say(cli.getErr(), describe(e));
            return Report.INPUT_ERROR;
        }
        // PrintStreams keep write errors to themselves: ask, so that a report lost on a full disk or a closed pipe
        // is never an exit 0 (or 1).
        cli.getOut().flush();
        if (out.checkError() && exit != Report.USAGE) {
            say(cli.getErr(), "could not write to standard output");
            return Report.INPUT_ERROR;
        }
        return exit;
    }

    /** Prints one line on standard error, made safe: messages carry file names, ids and values from the input. */
    static void say(PrintWriter err, String message) {
        err.println(SafeText.line("ecr-guard: " + message));
    }

    private static String describe(Throwable e) {
        if (e instanceof EngineError) {
            return "the check could not be completed: " + e.getMessage();
        }
        if (e instanceof OutOfMemoryError) {
            return "ran out of memory (" + e.getMessage() + "); give the JVM more with -Xmx";
        }
        if (e instanceof StackOverflowError) {
            return "an input is nested too deeply to read";
        }
        return "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: check, model or rules");
    }

    /** Options shared by the commands that read inputs. */
    static final class InputOptions {
        @Option(names = "--parameter", paramLabel = "KEY=VALUE",
                description = "A CloudFormation parameter value (overrides its Default); repeatable.")
        Map<String, String> parameters = new LinkedHashMap<>();

        /** --var and --var-file in the order given: a later one wins, as in Terraform. */
        final List<VariableSetting> variables = new ArrayList<>();

        @Option(names = "--var", paramLabel = "NAME=VALUE",
                description = "A Terraform variable value for the root modules read from source (wins over .tfvars "
                        + "files); repeatable.")
        void variable(String setting) {
            try {
                variables.add(VariableSetting.assignment(setting));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        @Option(names = "--var-file", paramLabel = "FILE",
                description = "A Terraform variable file (.tfvars or .tfvars.json) for the root modules read from "
                        + "source; repeatable, in order with --var.")
        void variableFile(String file) {
            variables.add(new VariableSetting.File(file));
        }

        @Parameters(arity = "1..*", paramLabel = "PATH",
                description = "Terraform source folders (*.tf, *.tofu), plan/state JSON, *.tf.json, CloudFormation "
                        + "templates, cdk.out or cdktf.out folders, any folder (scanned recursively), or - for "
                        + "standard input.")
        List<String> paths;

        @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec spec;

        /** The values the inputs are read with: TF_VAR_* of the environment below the command line's, as Terraform. */
        InputValues values() {
            List<VariableSetting> all = new ArrayList<>(VariableSetting.fromEnvironment(System.getenv()));
            all.addAll(variables);
            return new InputValues(parameters, all);
        }
    }

    enum RulesFormat { text, json }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check inputs and report findings.")
    static final class Check implements Callable<Integer> {
        @CommandLine.Mixin
        InputOptions inputs;

        @Option(names = "--format", paramLabel = "FORMAT[=FILE]",
                description = "Report format: text (default), json, sarif, junit, github or markdown. Repeat it to "
                        + "write several; FORMAT=FILE writes that format to FILE.")
        List<String> formats = new ArrayList<>();

        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "Where a --format without =FILE is written (default: standard output).")
        Path output;

        @Option(names = "--fail-on", defaultValue = "error", paramLabel = "SEVERITY",
                description = "Lowest severity that makes the exit code 1: error, warning, note or never (default: ${DEFAULT-VALUE}).")
        String failOn;

        @Option(names = "--waivers", paramLabel = "FILE",
                description = "Waiver file (default: " + DEFAULT_WAIVERS + " in the working directory, when present).")
        Path waivers;

        @Option(names = "--baseline", paramLabel = "FILE",
                description = "Report only findings that are not in this baseline (made by ecr-guard baseline).")
        Path baseline;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Severity threshold;
            try {
                threshold = Severity.parse(failOn);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--fail-on takes error, warning, note or never, not '" + failOn + "'");
            }
            Map<Format, Path> destinations = destinations();
            Checker checker = Checker.shared();
            Checker.Options options;
            try {
                options = new Checker.Options(waiverFile(checker), baseline == null ? null
                        : Baseline.load(baseline, baseline.toString()), LocalDate.now());
            } catch (InputError e) {
                say(spec.commandLine().getErr(), e.oneLine());
                return Report.INPUT_ERROR;
            }
            Result result = checker.check(inputs.paths, inputs.values(), System.in, options);
            Report report = new Report(result, threshold, checker.catalog());
            printErrors(result.inputs(), spec.commandLine().getErr());
            for (Notice notice : result.notices()) {
                say(spec.commandLine().getErr(), notice.position() + ": " + notice.message());
            }
            boolean written = true;
            for (Map.Entry<Format, Path> destination : destinations.entrySet()) {
                if (destination.getValue() == null) {
                    // A failure on standard output is caught once for every command, in run().
                    destination.getKey().write(report, spec.commandLine().getOut());
                } else {
                    written &= writeFile(destination.getKey(), report, destination.getValue());
                }
            }
            return written ? report.exitCode() : Report.INPUT_ERROR;
        }

        /**
         * Writes one report file; false, with one line on standard error, if it could not be written. The report is
         * rendered first and written in one call, so that a failure (a full disk, /dev/full) is an exception with
         * its reason rather than a flag a PrintWriter keeps to itself.
         */
        private boolean writeFile(Format format, Report report, Path file) {
            StringWriter text = new StringWriter();
            format.write(report, new PrintWriter(text));
            try {
                Files.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
                return true;
            } catch (IOException e) {
                String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                        : e.getMessage();
                say(spec.commandLine().getErr(), file + ": could not write the " + format.label() + " report ("
                        + reason + ")");
                return false;
            }
        }

        private WaiverFile waiverFile(Checker checker) {
            Path file = waivers != null ? waivers : Files.isRegularFile(Path.of(DEFAULT_WAIVERS)) ? Path.of(DEFAULT_WAIVERS)
                    : null;
            if (file == null) {
                return null;
            }
            if (!Files.isRegularFile(file)) {
                throw new InputError(file.toString(), "no such waiver file");
            }
            Set<String> rules = new HashSet<>();
            checker.catalog().rules().forEach(r -> rules.add(r.id()));
            return WaiverFile.load(file, file.toString(), rules);
        }

        /** Each format with its file, or null for standard output; at most one goes to standard output. */
        private Map<Format, Path> destinations() {
            Map<Format, Path> result = new LinkedHashMap<>();
            for (String spec : formats.isEmpty() ? List.of("text") : formats) {
                int eq = spec.indexOf('=');
                Format format;
                try {
                    format = Format.parse(eq < 0 ? spec : spec.substring(0, eq));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(this.spec.commandLine(), "--format: " + e.getMessage());
                }
                Path file = eq < 0 ? output : Path.of(spec.substring(eq + 1));
                if (result.containsKey(format)) {
                    throw new CommandLine.ParameterException(this.spec.commandLine(),
                            "--format " + format.label() + " is given twice");
                }
                result.put(format, file);
            }
            if (result.values().stream().filter(java.util.Objects::isNull).count() > 1) {
                throw new CommandLine.ParameterException(this.spec.commandLine(),
                        "only one --format can go to standard output; give the others a file (FORMAT=FILE)");
            }
            checkWritable(result);
            return result;
        }

        /**
         * Report files that cannot be written are usage errors found before any input is read: a folder, a file in
         * a folder that does not exist or cannot be written, and two formats to one file (one would overwrite the
         * other).
         */
        private void checkWritable(Map<Format, Path> destinations) {
            Map<Path, Format> byFile = new HashMap<>();
            destinations.forEach((format, file) -> {
                if (file == null) {
                    return;
                }
                Path absolute = file.toAbsolutePath().normalize();
                Format other = byFile.put(absolute, format);
                if (other != null) {
                    throw usage("--format " + other.label() + " and --format " + format.label() + " both write " + file
                            + "; give each its own file");
                }
                Path folder = absolute.getParent();
                if (Files.isDirectory(file)) {
                    throw usage("cannot write the " + format.label() + " report to " + file + ": it is a folder");
                }
                if (folder == null || !Files.isDirectory(folder)) {
                    throw usage("cannot write the " + format.label() + " report to " + file + ": no folder " + folder);
                }
                if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(folder)) {
                    throw usage("cannot write the " + format.label() + " report to " + file + ": permission denied");
                }
            });
        }

        private CommandLine.ParameterException usage(String message) {
            return new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    @Command(name = "model", mixinStandardHelpOptions = true,
            description = "Print the normalized model (the input of the Rego rules) as JSON, to run rego/ with OPA or conftest.")
    static final class ModelCommand implements Callable<Integer> {
        @CommandLine.Mixin
        InputOptions inputs;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LoadResult result = Loaders.load(inputs.paths, inputs.values(), System.in);
            printErrors(result, spec.commandLine().getErr());
            if (!result.errors.isEmpty()) {
                return Report.INPUT_ERROR;
            }
            Json.printPretty(result.model, spec.commandLine().getOut());
            return Report.OK;
        }
    }

    @Command(name = "baseline", mixinStandardHelpOptions = true,
            description = "Print the current findings as a baseline (JSON), for check --baseline: adopt ecr-guard on an "
                    + "existing estate and fail only on new findings.")
    static final class BaselineCommand implements Callable<Integer> {
        @CommandLine.Mixin
        InputOptions inputs;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Result result = Checker.shared().check(inputs.paths, inputs.values(), System.in, Checker.Options.none());
            printErrors(result.inputs(), spec.commandLine().getErr());
            if (!result.inputs().errors.isEmpty()) {
                return Report.INPUT_ERROR;
            }
            spec.commandLine().getOut().println(Baseline.write(result.findings()));
            return Report.OK;
        }
    }

    @Command(name = "rules", mixinStandardHelpOptions = true, description = "List the rules with their metadata.")
    static final class Rules implements Callable<Integer> {
        @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES}.")
        RulesFormat format;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<Rule> rules = Checker.shared().catalog().rules();
            PrintWriter out = spec.commandLine().getOut();
            if (format == RulesFormat.json) {
                Json.printPretty(rules, out);
                return Report.OK;
            }
            for (Rule r : rules) {
                out.println(r.id() + "  " + r.severity().label() + "  " + r.title());
                out.println("    " + r.description());
                out.println("    Fix: " + r.recommendedActions());
                for (Platform platform : Platform.values()) {
                    out.println("      " + platform.label() + ": " + r.fix(platform));
                }
            }
            return Report.OK;
        }
    }

    private static void printErrors(LoadResult result, PrintWriter err) {
        for (InputError e : result.errors) {
            say(err, e.oneLine());
        }
    }

    /** The version the reports give too: the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ecr-guard " + dev.ecrguard.report.Version.current()};
        }
    }
}
