package dev.ecrguard.load.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecrguard.hcl.Attribute;
import dev.ecrguard.hcl.Block;
import dev.ecrguard.hcl.Body;
import dev.ecrguard.hcl.Hcl;
import dev.ecrguard.hcl.HclSyntaxError;
import dev.ecrguard.load.AssemblyFiles;
import dev.ecrguard.load.Document;
import dev.ecrguard.load.DocumentReader;
import dev.ecrguard.load.InputError;
import dev.ecrguard.load.LoadContext;
import dev.ecrguard.load.Loader.Folder;
import dev.ecrguard.load.Skipped;
import dev.ecrguard.load.terraform.source.Evaluator;
import dev.ecrguard.load.terraform.source.SourceModule.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of Terraform source on disk: a module folder's {@code .tf}/{@code .tofu} files parsed together (override
 * files merged, a {@code .tofu} file hiding the {@code .tf} file of the same name, as OpenTofu does), its variable
 * files, and the modules {@code terraform init} fetched. Each file is read once per run; every failure is an
 * {@link InputError} naming the file.
 */
final class SourceFiles {
    /** A source file larger than this is not read: real ones are far smaller, and a parse holds the whole text. */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    /** A variable file of a folder, as Terraform loads it. */
    record VariableFile(Path path, String display) {}

    private final LoadContext context;
    /** The real path of the folder being checked: see {@link Folder#boundary}. */
    private final Path boundary;
    private final Map<Path, List<SourceFile>> modules = new HashMap<>();
    private final Map<Path, Map<String, Fetched>> fetched = new HashMap<>();

    /** A module {@code terraform init} fetched: from where, and into which folder. */
    private record Fetched(String source, Path folder) {}

    SourceFiles(LoadContext context, Path boundary) {
        this.context = context;
        this.boundary = boundary;
    }

    /** A configuration file's name (lower case) in HCL: {@code .tf} or {@code .tofu}. */
    static boolean isConfiguration(String name) {
        return name.endsWith(".tf") || name.endsWith(".tofu");
    }

    /**
     * A configuration file's name (lower case) in JSON: {@code .tf.json} or {@code .tofu.json}. Read with the folder's
     * HCL files when it has some; a folder of JSON configuration alone is read file by file ({@link TerraformJson}).
     */
    static boolean isJsonConfiguration(String name) {
        return name.endsWith(".tf.json") || name.endsWith(".tofu.json");
    }

    /** Whether a folder holds a .tf or .tofu file. */
    static boolean hasHclConfiguration(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.anyMatch(f -> isConfiguration(f.getFileName().toString().toLowerCase(Locale.ROOT))
                    && Files.isRegularFile(f));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** A variable file Terraform loads on its own (lower-case name): {@code terraform.tfvars}, {@code *.auto.tfvars}. */
    static boolean isAutoVariables(String name) {
        return name.equals("terraform.tfvars") || name.equals("terraform.tfvars.json")
                || name.endsWith(".auto.tfvars") || name.endsWith(".auto.tfvars.json");
    }

    static Path realPath(Path path) {
        return AssemblyFiles.realPath(path);
    }

    static boolean isFolder(Path path) {
        return Files.isDirectory(path);
    }

    /** How messages name a module folder reached from a root module. */
    static String display(Folder root, Path target) {
        String relative = root.path().relativize(realPath(target)).toString();
        // examples/complete/../.. reads as the folder it is, as long as the root's own name is a plain path
        return relative.isEmpty() ? root.display() : normalized(join(root.display(), relative));
    }

    private static String normalized(String display) {
        try {
            String normal = Path.of(display).normalize().toString();
            return normal.isEmpty() ? "." : normal;
        } catch (java.nio.file.InvalidPathException e) {
            return display;
        }
    }

    /** Whether a folder has configuration files. */
    boolean hasConfiguration(Folder folder) {
        return !configurationFiles(folder.path(), folder.display()).isEmpty();
    }

    /** A folder's variable files in Terraform's order: terraform.tfvars, its JSON form, then *.auto.tfvars by name. */
    List<VariableFile> variableFiles(Folder folder) {
        List<VariableFile> files = new ArrayList<>();
        for (Path file : list(folder.path(), folder.display())) {
            String name = file.getFileName().toString();
            if (isAutoVariables(name.toLowerCase(Locale.ROOT))) {
                files.add(new VariableFile(file, join(folder.display(), name)));
            }
        }
        files.sort((a, b) -> Integer.compare(order(a.path()), order(b.path())) != 0
                ? Integer.compare(order(a.path()), order(b.path()))
                : a.path().getFileName().toString().compareTo(b.path().getFileName().toString()));
        return files;
    }

    private static int order(Path file) {
        return switch (file.getFileName().toString().toLowerCase(Locale.ROOT)) {
            case "terraform.tfvars" -> 0;
            case "terraform.tfvars.json" -> 1;
            default -> 2;
        };
    }

    /**
     * The values a variable file sets. A {@code .tfvars} file holds arguments only, each a constant expression; a
     * {@code .tfvars.json} file one JSON object.
     */
    Map<String, JsonNode> variableValues(Path file, String display) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            Document document = DocumentReader.read(file, display);
            if (document.syntax() != Document.Syntax.JSON || !document.isObject()) {
                throw new InputError(display, "a .tfvars.json file must hold one JSON object of variable values");
            }
            document.root().properties().forEach(e -> values.put(e.getKey(), e.getValue()));
            return values;
        }
        Body body = parse(read(file, display), display);
        if (!body.blocks().isEmpty()) {
            throw new InputError(display, body.blocks().get(0).span().line(),
                    "a .tfvars file sets variables (NAME = VALUE) and holds no blocks");
        }
        Evaluator constants = new Evaluator(Map.of(), Map.of(), Map.of());
        for (Attribute attribute : body.attributes()) {
            values.put(attribute.name(), constants.evaluate(attribute.value()));
        }
        return values;
    }

    /** A module folder's files, parsed once per run. */
    List<SourceFile> module(Path folder, String display) {
        Path real = realPath(folder);
        List<SourceFile> known = modules.get(real);
        if (known != null) {
            return known;
        }
        List<SourceFile> primary = new ArrayList<>();
        List<SourceFile> overrides = new ArrayList<>();
        for (Path file : configurationFiles(folder, display)) {
            String name = file.getFileName().toString();
            SourceFile parsed = isJsonConfiguration(name.toLowerCase(Locale.ROOT)) ? json(file, join(display, name))
                    : hcl(file, join(display, name));
            checkLabels(parsed);
            String base = name.replaceFirst("\\.(tf|tofu)(\\.json)?$", "");
            (base.equals("override") || base.endsWith("_override") ? overrides : primary).add(parsed);
        }
        List<SourceFile> merged = Overrides.apply(primary, overrides);
        modules.put(real, merged);
        return merged;
    }

    private static SourceFile hcl(Path file, String display) {
        String text = read(file, display);
        return new SourceFile(display, parse(text, display), text);
    }

    private static SourceFile json(Path file, String display) {
        Document document = DocumentReader.read(file, display);
        if (document.syntax() != Document.Syntax.JSON || !document.isObject()) {
            throw new InputError(display, "a Terraform JSON configuration file must hold one JSON object");
        }
        return new SourceFile(display, JsonSyntax.body(display, document.tree()));
    }

    /** The labels each block type that declares something takes, as Terraform requires them. */
    private static final Map<String, Integer> LABELS =
            Map.of("resource", 2, "data", 2, "ephemeral", 2, "module", 1, "variable", 1, "output", 1, "locals", 0);

    /**
     * Refuses what Terraform refuses and ecr-guard would otherwise pass over: a resource or module block with the
     * wrong number of labels declares nothing ecr-guard could judge, and Terraform would not plan the module.
     */
    private static void checkLabels(SourceFile file) {
        for (Block block : file.body().blocks()) {
            Integer wanted = LABELS.get(block.type());
            if (wanted != null && block.labels().size() != wanted) {
                throw new InputError(file.name(), block.span().line(), "a " + block.type() + " block takes "
                        + wanted + " label" + (wanted == 1 ? "" : "s") + ", not " + block.labels().size()
                        + " (Terraform refuses it)");
            }
        }
    }

    /**
     * The folder {@code terraform init} fetched a registry or git module into: {@code .terraform/modules/modules.json}
     * of the root module, by the module's key ({@code ecr}, {@code ecr.sub}), when it was fetched from the source the
     * call names now (after a change of source, Terraform refuses to plan until it is fetched again). A folder it
     * names outside the root module is not followed.
     */
    Optional<Path> fetchedModule(Folder root, String key, String source) {
        Fetched module = fetched.computeIfAbsent(root.path(), r -> readFetched(root)).get(key);
        return module != null && sameSource(module.source(), source) ? Optional.of(module.folder()) : Optional.empty();
    }

    /** Whether modules.json's source is the call's: the registry's host is written out there. */
    private static boolean sameSource(String recorded, String called) {
        return recorded.equals(called) || recorded.equals("registry.terraform.io/" + called);
    }

    private Map<String, Fetched> readFetched(Folder root) {
        Map<String, Fetched> byKey = new HashMap<>();
        Path manifest = root.path().resolve(".terraform").resolve("modules").resolve("modules.json");
        if (!Files.isRegularFile(manifest)) {
            return byKey;
        }
        String display = join(root.display(), ".terraform/modules/modules.json");
        Document document = DocumentReader.read(manifest, display);
        for (JsonNode entry : document.root().path("Modules")) {
            String dir = entry.path("Dir").asText("");
            if (!entry.path("Key").isTextual() || dir.isEmpty()) {
                continue;
            }
            Path target = AssemblyFiles.named(root.path(), dir, display, "a fetched module's Dir");
            if (Files.isDirectory(target) && AssemblyFiles.inside(root.path(), target)) {
                byKey.put(entry.path("Key").asText(), new Fetched(entry.path("Source").asText(""), target));
            } else if (Files.isDirectory(target)) {
                context.skip(new Skipped(display, "module " + entry.path("Key").asText() + ": its folder is outside "
                        + root.display() + ", not followed", Skipped.Kind.NOT_JUDGED));
            }
        }
        return byKey;
    }

    /**
     * A folder's configuration files, by name: its .tf and .tofu files, and its .tf.json and .tofu.json files when
     * it has HCL ones (none otherwise); a .tofu file hides the .tf file of the same name, as in OpenTofu.
     */
    private List<Path> configurationFiles(Path folder, String display) {
        List<Path> listed = list(folder, display);
        boolean hcl = listed.stream().anyMatch(f -> isConfiguration(f.getFileName().toString().toLowerCase(Locale.ROOT)));
        List<Path> files = new ArrayList<>();
        for (Path file : listed) {
            String name = file.getFileName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            boolean hidden = lower.endsWith(".tf") || lower.endsWith(".tf.json")
                    ? Files.exists(file.resolveSibling(name.replaceFirst("\\.tf(\\.json)?$", ".tofu$1"))) : false;
            if ((isConfiguration(lower) || hcl && isJsonConfiguration(lower)) && !hidden) {
                files.add(file);
            }
        }
        return files;
    }

    /**
     * A folder's regular files, by name. A symbolic link is followed only to a file inside the folder being checked
     * or the module's own folder: a pull request must not make the check read files of the machine that runs it.
     */
    private List<Path> list(Path folder, String display) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.sorted().toList()) {
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(entry);
                } else if (Files.isSymbolicLink(entry) && Files.isRegularFile(entry)) {
                    if (AssemblyFiles.inside(boundary, entry) || AssemblyFiles.inside(folder, entry)) {
                        files.add(entry);
                    } else {
                        context.skip(Skipped.linkOutside(join(display, entry.getFileName().toString())));
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InputError(display, "cannot list the folder (" + e.getClass().getSimpleName() + ")");
        }
        return files;
    }

    /** Reads one HCL file: UTF-8 text of a bounded size, or an input error naming it. */
    private static String read(Path file, String display) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InputError(display, "larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB, more than a "
                        + "Terraform source file holds; not read");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InputError(display, "not UTF-8 text (Terraform reads source files as UTF-8)");
        } catch (AccessDeniedException e) {
            throw new InputError(display, "permission denied");
        } catch (NoSuchFileException e) {
            throw new InputError(display, "no such file");
        } catch (IOException e) {
            throw new InputError(display, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Parses one HCL file's text, or an input error naming it. */
    private static Body parse(String text, String display) {
        try {
            return Hcl.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (HclSyntaxError e) {
            throw new InputError(display, e.line(), "column " + e.column() + ": " + e.getMessage());
        }
    }

    private static String join(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    /**
     * Terraform's override files ({@code override.tf}, {@code *_override.tf}): each of their blocks is merged into
     * the block of the same type and labels, its arguments replacing the original's and its nested blocks replacing
     * all nested blocks of their type; a {@code locals} block's values replace the same-named values.
     */
    private static final class Overrides {
        private Overrides() {}

        static List<SourceFile> apply(List<SourceFile> primary, List<SourceFile> overrides) {
            if (overrides.isEmpty()) {
                return List.copyOf(primary);
            }
            List<SourceFile> result = new ArrayList<>(primary);
            for (SourceFile override : overrides) {
                for (Block block : override.body().blocks()) {
                    for (int i = 0; i < result.size(); i++) {
                        SourceFile file = result.get(i);
                        // merged spans point into two files' texts: no quoting from either
                        result.set(i, new SourceFile(file.name(), mergeInto(file.body(), block)));
                    }
                }
            }
            return result;
        }

        private static Body mergeInto(Body body, Block override) {
            List<Block> blocks = new ArrayList<>();
            for (Block block : body.blocks()) {
                boolean same = block.type().equals(override.type()) && block.labels().equals(override.labels());
                boolean locals = same && block.type().equals("locals");
                blocks.add(same ? new Block(block.type(), block.labels(), merged(block.body(), override.body(), !locals),
                        block.span()) : block);
            }
            return new Body(body.attributes(), blocks, body.span());
        }

        private static Body merged(Body original, Body override, boolean addsArguments) {
            Map<String, Attribute> attributes = new LinkedHashMap<>();
            original.attributes().forEach(a -> attributes.put(a.name(), a));
            override.attributes().forEach(a -> {
                if (addsArguments || attributes.containsKey(a.name())) {
                    attributes.put(a.name(), a);
                }
            });
            List<Block> blocks = new ArrayList<>();
            for (Block nested : original.blocks()) {
                if (override.blocks(nested.type()).isEmpty()) {
                    blocks.add(nested);
                }
            }
            blocks.addAll(override.blocks());
            return new Body(List.copyOf(attributes.values()), blocks, original.span());
        }
    }
}
