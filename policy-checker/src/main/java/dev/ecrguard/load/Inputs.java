package dev.ecrguard.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.ecrguard.model.Model;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads what the command line names: files (recognized by content), folders (scanned recursively; a CDK cloud
 * assembly or CDKTF output folder is read through its manifest) and {@code -} for standard input.
 */
public final class Inputs {
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "node_modules", ".terraform");
    /** In a folder scan, a file with one of these endings that cannot be parsed is an error, not skipped. */
    private static final Set<String> DATA_ENDINGS = Set.of(".json", ".yaml", ".yml", ".template", ".tfplan", ".tfstate");
    private static final String MANIFEST = "manifest.json";

    private final Map<String, String> parameters;
    private final InputStream stdin;
    private final LoadResult result = new LoadResult();
    /** Templates read as another template's nested stack: judged there, with the parameters it passes. */
    private final Set<Path> nestedTemplates = new HashSet<>();
    /** Each lone template read on its own, with what it added to the model. */
    private final Map<Path, TopLevel> topLevelTemplates = new HashMap<>();

    private record TopLevel(String file, Model added) {}
    /** The files read into the model so far: each is read once, however many named paths reach it. */
    private final Set<Path> read = new HashSet<>();

    private Inputs(Map<String, String> parameters, InputStream stdin) {
        this.parameters = parameters;
        this.stdin = stdin;
    }

    /**
     * @param paths files, folders, or {@code -}
     * @param parameters CloudFormation parameter values from the command line
     */
    public static LoadResult load(List<String> paths, Map<String, String> parameters, InputStream stdin) {
        Inputs inputs = new Inputs(parameters, stdin);
        for (String path : paths) {
            inputs.loadNamed(path);
        }
        inputs.dropTemplatesReadAsNested();
        return inputs.result;
    }

    /**
     * A template read on its own before another template named it as a nested stack was judged with its own
     * defaults; it counts only as the nested stack, with the parameters its parent passes.
     */
    private void dropTemplatesReadAsNested() {
        topLevelTemplates.forEach((path, read) -> {
            if (nestedTemplates.contains(path)) {
                Model model = result.model;
                removeSame(model.repositories, read.added().repositories);
                removeSame(model.creationTemplates, read.added().creationTemplates);
                removeSame(model.registryScanning, read.added().registryScanning);
                removeSame(model.workloads, read.added().workloads);
                result.loaded.remove(read.file());
                result.skipped.add(new Skipped(read.file(), "read as the nested stack of another template"));
            }
        });
    }

    private static <T> void removeSame(List<T> from, List<T> these) {
        Set<T> identities = Collections.newSetFromMap(new IdentityHashMap<>());
        identities.addAll(these);
        from.removeIf(identities::contains);
    }

    /** The sizes of the model's lists now, to tell later what a load added. */
    private int[] sizes() {
        Model m = result.model;
        return new int[] {m.repositories.size(), m.creationTemplates.size(), m.registryScanning.size(),
            m.workloads.size()};
    }

    private Model addedSince(int[] sizes) {
        Model added = new Model();
        Model now = result.model;
        added.repositories.addAll(now.repositories.subList(sizes[0], now.repositories.size()));
        added.creationTemplates.addAll(now.creationTemplates.subList(sizes[1], now.creationTemplates.size()));
        added.registryScanning.addAll(now.registryScanning.subList(sizes[2], now.registryScanning.size()));
        added.workloads.addAll(now.workloads.subList(sizes[3], now.workloads.size()));
        return added;
    }

    private void loadNamed(String name) {
        try {
            if (name.equals("-")) {
                loadDocument(DocumentReader.read(stdin, "-"), null, true);
                return;
            }
            Path path = Path.of(name);
            if (!Files.exists(path)) {
                throw new InputError(name, "no such file or folder");
            }
            if (Files.isDirectory(path)) {
                scan(path, name);
            } else {
                loadDocument(DocumentReader.read(path, name), path, true);
            }
        } catch (InputError e) {
            result.errors.add(e);
        }
    }

    private void loadDocument(Document doc, Path path, boolean named) {
        Model.Snapshot before = result.model.snapshot();
        try {
            loadRecognized(doc, path, named);
        } catch (Model.TooLarge e) {
            result.model.rollBack(before);
            throw new InputError(doc.file(), e.getMessage());
        }
    }

    private void loadRecognized(Document doc, Path path, boolean named) {
        if (path != null && doc.kind() != Document.Kind.UNRECOGNIZED && doc.kind() != Document.Kind.CDK_ASSEMBLY_MANIFEST
                && doc.kind() != Document.Kind.CDKTF_MANIFEST && !AssemblyFiles.firstRead(read, path)) {
            return;
        }
        switch (doc.kind()) {
            case TERRAFORM_PLAN, TERRAFORM_STATE -> TerraformLoader.loadPlanOrState(doc, result.model);
            case TERRAFORM_CONFIG -> TerraformLoader.loadConfiguration(doc, result.model, "");
            case CLOUDFORMATION -> {
                if (path != null && nestedTemplates.contains(path.toAbsolutePath().normalize())) {
                    result.skipped.add(new Skipped(doc.file(), "read as the nested stack of another template"));
                    return;
                }
                int[] before = sizes();
                CloudFormationLoader.load(doc, result.model, new CloudFormationLoader.Context(
                        CloudFormationLoader.parameters(parameters, "--parameter"), "", path,
                        path == null ? null : path.toAbsolutePath().getParent(), false, CdkAcknowledgements.none(),
                        nestedTemplates, 0));
                if (path != null) {
                    topLevelTemplates.put(path.toAbsolutePath().normalize(), new TopLevel(doc.file(), addedSince(before)));
                }
            }
            case CDK_ASSEMBLY_MANIFEST, CDKTF_MANIFEST -> {
                if (path == null) {
                    throw new InputError(doc.file(), "a " + doc.kind().label + " must be read from its folder, "
                            + "not standard input");
                }
                loadAssembly(doc, path.toAbsolutePath().getParent(), displayFolder(doc.file()));
                return;
            }
            case UNRECOGNIZED -> {
                if (named) {
                    throw new InputError(doc.file(), "well-formed, but not a Terraform plan or state, a Terraform JSON "
                            + "configuration or a CloudFormation template" + topKeys(doc.tree().root()));
                }
                result.skipped.add(new Skipped(doc.file(), "not a Terraform plan or state, Terraform JSON "
                        + "configuration or CloudFormation template"));
                return;
            }
            default -> throw new IllegalStateException(doc.kind().name());
        }
        result.loaded.add(doc.file());
    }

    private void loadAssembly(Document manifest, Path folder, String display) {
        if (manifest.kind() == Document.Kind.CDK_ASSEMBLY_MANIFEST) {
            CdkAssembly.load(manifest, folder, display, parameters, result, read);
        } else {
            CdktfOutput.load(manifest, folder, display, result, read);
        }
    }

    private void scan(Path folder, String display) {
        Path manifest = folder.resolve(MANIFEST);
        if (Files.isRegularFile(manifest)) {
            Document doc = readOrNull(manifest, join(display, MANIFEST));
            if (doc != null && (doc.kind() == Document.Kind.CDK_ASSEMBLY_MANIFEST
                    || doc.kind() == Document.Kind.CDKTF_MANIFEST)) {
                loadAssembly(doc, folder.toAbsolutePath(), display);
                return;
            }
        }
        List<Path> children;
        try (Stream<Path> list = Files.list(folder)) {
            children = new ArrayList<>(list.sorted().toList());
        } catch (IOException | UncheckedIOException e) {
            throw new InputError(display, "cannot list the folder: " + e.getMessage());
        }
        for (Path child : children) {
            String childName = join(display, child.getFileName().toString());
            if (Files.isDirectory(child)) {
                if (!SKIPPED_FOLDERS.contains(child.getFileName().toString()) && !Files.isSymbolicLink(child)) {
                    try {
                        scan(child, childName);
                    } catch (InputError e) {
                        result.errors.add(e);
                    }
                }
            } else if (Files.isRegularFile(child)) {
                scanFile(child, childName);
            }
        }
    }

    private void scanFile(Path file, String display) {
        Document doc;
        try {
            doc = DocumentReader.read(file, display);
        } catch (InputError e) {
            if (e.isWellFormed()) {
                result.skipped.add(new Skipped(display, e.getMessage()));
            } else if (looksLikeData(file)) {
                result.errors.add(e);
            } else {
                result.skipped.add(new Skipped(display, "not JSON or YAML"));
            }
            return;
        }
        try {
            loadDocument(doc, file, false);
        } catch (InputError e) {
            result.errors.add(e);
        }
    }

    /** Reads a folder's manifest.json; when it cannot be read, the scan of the folder reports (or skips) it. */
    private Document readOrNull(Path file, String display) {
        try {
            return DocumentReader.read(file, display);
        } catch (InputError e) {
            return null;
        }
    }

    private static boolean looksLikeData(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return DATA_ENDINGS.stream().anyMatch(name::endsWith);
    }

    private static String join(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    private static String displayFolder(String manifestFile) {
        Path parent = Path.of(manifestFile).getParent();
        return parent == null ? "." : parent.toString();
    }

    private static String topKeys(JsonNode root) {
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        if (keys.isEmpty()) {
            return " (an empty object)";
        }
        return " (top-level keys: " + String.join(", ", keys.subList(0, Math.min(5, keys.size())))
                + (keys.size() > 5 ? ", ..." : "") + ")";
    }
}
