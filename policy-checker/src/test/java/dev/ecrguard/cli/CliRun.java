package dev.ecrguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One run of the command line in-process, with what it printed; for the end-to-end tests. */
public record CliRun(int exit, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static CliRun run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static CliRun run(List<String> args) {
        return run(args.toArray(String[]::new));
    }

    public JsonNode json() throws Exception {
        return JSON.readTree(out);
    }

    /** "RULE resource" of each entry of a JSON report section (findings, waived, baselined). */
    public List<String> ids(String section) throws Exception {
        List<String> ids = new ArrayList<>();
        json().path(section).forEach(f -> ids.add(f.path("ruleId").asText() + " " + f.path("resource").asText()));
        return ids;
    }

    public List<String> findings() throws Exception {
        return ids("findings");
    }
}
