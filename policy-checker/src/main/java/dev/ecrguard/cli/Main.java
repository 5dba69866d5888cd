package dev.ecrguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ecrguard.Checker;
import dev.ecrguard.engine.EngineError;
import dev.ecrguard.engine.Rule;
import dev.ecrguard.engine.Severity;
import dev.ecrguard.load.InputError;
import dev.ecrguard.load.Inputs;
import dev.ecrguard.load.LoadResult;
import dev.ecrguard.report.JsonReporter;
import dev.ecrguard.report.Report;
import dev.ecrguard.report.TextReporter;
import java.io.PrintStream;
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
        subcommands = {Main.Check.class, Main.ModelCommand.class, Main.Rules.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:nothing at or above --fail-on",
            "1:findings at or above --fail-on",
            "2:wrong usage",
            "3:an input could not be read, or the check could not be completed (fails closed)"})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit code. Never throws: every failure is one line on {@code err}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("ecr-guard: " + describe(e));
            return Report.INPUT_ERROR;
        });
        try {
            return cli.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            err.println("ecr-guard: " + describe(e));
            return Report.INPUT_ERROR;
        }
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

        @Parameters(arity = "1..*", paramLabel = "PATH",
                description = "Terraform plan/state JSON, *.tf.json, CloudFormation templates, cdk.out or cdktf.out "
                        + "folders, any folder (scanned recursively), or - for standard input.")
        List<String> paths;
    }

    enum Format { text, json }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check inputs and report findings.")
    static final class Check implements Callable<Integer> {
        @CommandLine.Mixin
        InputOptions inputs;

        @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        Format format;

        @Option(names = "--fail-on", defaultValue = "error", paramLabel = "SEVERITY",
                description = "Lowest severity that makes the exit code 1: error, warning, note or never (default: ${DEFAULT-VALUE}).")
        String failOn;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Severity threshold;
            try {
                threshold = Severity.parse(failOn);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--fail-on takes error, warning, note or never, not '" + failOn + "'");
            }
            Checker.Result result = new Checker().check(inputs.paths, inputs.parameters, System.in);
            Report report = new Report(result, threshold);
            PrintWriter out = spec.commandLine().getOut();
            printErrors(result.inputs(), spec.commandLine().getErr());
            switch (format) {
                case json -> JsonReporter.write(report, out);
                case text -> TextReporter.write(report, out);
            }
            return report.exitCode();
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
            LoadResult result = Inputs.load(inputs.paths, inputs.parameters, System.in);
            printErrors(result, spec.commandLine().getErr());
            if (!result.errors.isEmpty()) {
                return Report.INPUT_ERROR;
            }
            spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(result.model));
            return Report.OK;
        }
    }

    @Command(name = "rules", mixinStandardHelpOptions = true, description = "List the rules with their metadata.")
    static final class Rules implements Callable<Integer> {
        @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES}.")
        Format format;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<Rule> rules = new Checker().catalog().rules();
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rules));
                return Report.OK;
            }
            for (Rule r : rules) {
                out.println(r.id() + "  " + r.severity() + "  " + r.title());
                out.println("    " + r.description());
                out.println("    Fix: " + r.recommendedActions());
            }
            return Report.OK;
        }
    }

    private static void printErrors(LoadResult result, PrintWriter err) {
        for (InputError e : result.errors) {
            err.println("ecr-guard: " + e.oneLine());
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ecr-guard " + (v == null ? "(development build)" : v)};
        }
    }
}
