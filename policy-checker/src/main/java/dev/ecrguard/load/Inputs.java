package dev.ecrguard.load;

import dev.ecrguard.load.cdk.CdkAssembly;
import dev.ecrguard.load.cdktf.CdktfOutput;
import dev.ecrguard.load.cloudformation.CloudFormationLoader;
import dev.ecrguard.load.terraform.TerraformLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecrguard.model.Model;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Loads what the command line names: files (recognized by content), folders (scanned recursively; a CDK cloud
 * assembly or CDKTF output folder is read through its manifest) and {@code -} for standard input.
 */
public final class Inputs {
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "node_modules", ".terraform");
    /** In a folder scan, a file with one of these endings that cannot be parsed is an error, not skipped. */
    private static final Set<String> DATA_ENDINGS =
            Set.of(".json", ".yaml", ".yml", ".template", ".tfstate", ".tfstate.backup");
    private static final String MANIFEST = "manifest.json";

    private final Map<String, String> parameters;
    private final InputStream stdin;
    /** The model of every input read so far: each file's fragment is merged once it has loaded whole. */
    private final Model.Builder model = Model.builder();
    private final List<Skipped> skipped = new ArrayList<>();
    private final List<InputError> errors = new ArrayList<>();
    private final List<String> loaded = new ArrayList<>();
    /** The files read into the model so far: each is read once, however many named paths reach it. */
    private final Set<Path> read = new HashSet<>();
    /** Paths a cloud assembly or CDKTF output covers (its assets): a folder scan does not read them on their own. */
    private final Set<Path> covered = new HashSet<>();
    /** How many documents were recognized as inputs (each time one is met), to tell a scan that found none. */
    private int recognized;
    /** The real path of the folder being scanned: a symbolic link in it is followed only to a file inside it. */
    private Path scanRoot;

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
        return new LoadResult(inputs.model.build(), inputs.skipped, inputs.errors, inputs.loaded);
    }

    private void loadNamed(String name) {
        guarded(name, () -> {
            if (name.equals("-")) {
                loadDocument(DocumentReader.read(stdin, "-"), null, true);
                return null;
            }
            Path path = Path.of(name);
            if (!Files.exists(path)) {
                throw new InputError(name, "no such file or folder");
            }
            if (Files.isDirectory(path)) {
                int recognizedBefore = recognized;
                int errorsBefore = errors.size();
                scanRoot = AssemblyFiles.realPath(path);
                scan(path, name);
                if (recognized == recognizedBefore && errors.size() == errorsBefore) {
                    // a checker never passes what it did not read
                    throw new InputError(name, "no Terraform, CloudFormation, CDK or CDKTF input found under " + name);
                }
            } else {
                loadDocument(DocumentReader.read(path, name), path, true);
            }
            return null;
        });
    }

    /**
     * Runs the loading of one named path or scanned file; whatever goes wrong there is an input error of that file
     * alone, so the other files' results are still reported. A file that exhausts the stack or the heap is
     * dropped with what it had built.
     */
    private void guarded(String file, Supplier<Void> load) {
        try {
            load.get();
        } catch (InputError e) {
            errors.add(e);
        } catch (Model.TooLarge e) {
            errors.add(new InputError(file, e.getMessage()));
        } catch (StackOverflowError e) {
            errors.add(new InputError(file, "nested too deeply to read"));
        } catch (OutOfMemoryError e) {
            errors.add(new InputError(file, "ran out of memory while reading it; give the JVM more (-Xmx) or "
                    + "check it on its own"));
        } catch (RuntimeException e) {
            // the message may quote the input; the class names the failure without repeating file content
            errors.add(new InputError(file, "could not be read (" + e.getClass().getSimpleName() + ")"));
        }
    }

    private void loadDocument(Document doc, Path path, boolean named) {
        try {
            loadRecognized(doc, path, named);
        } catch (Model.TooLarge e) {
            throw new InputError(doc.file(), e.getMessage());
        }
    }

    /** Merges the fragment of a file that has loaded whole; one that makes the model too large adds nothing. */
    private void record(Model fragment, String file) {
        model.addAll(fragment);
        loaded.add(file);
    }

    private void loadRecognized(Document doc, Path path, boolean named) {
        if (doc.kind() != Document.Kind.UNRECOGNIZED) {
            recognized++;
        }
        if (path != null && doc.kind() != Document.Kind.UNRECOGNIZED && doc.kind() != Document.Kind.CDK_ASSEMBLY_MANIFEST
                && doc.kind() != Document.Kind.CDKTF_MANIFEST && !AssemblyFiles.firstRead(read, path)) {
            return;
        }
        // each file is loaded into a fragment of its own, merged only once it has loaded whole
        Model.Builder fragment = Model.builder();
        switch (doc.kind()) {
            case TERRAFORM_PLAN, TERRAFORM_STATE -> TerraformLoader.loadPlanOrState(doc, fragment);
            case TERRAFORM_STATE_FILE -> TerraformLoader.loadStateFile(doc, fragment);
            case TERRAFORM_CONFIG -> TerraformLoader.loadConfiguration(doc, fragment, "");
            // judged on its own even when another template names it as a nested stack: it can be deployed alone
            case CLOUDFORMATION -> CloudFormationLoader.load(doc, fragment, new CloudFormationLoader.Context(
                    CloudFormationLoader.parameters(parameters, "--parameter"), "", path,
                    path == null ? null : path.toAbsolutePath().getParent(), false, CdkAcknowledgements.none(),
                    new HashSet<>(), 0));
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
                skipped.add(skippedFile(path == null ? Path.of(doc.file()) : path, doc.file(), doc.tree().root(),
                        "not a Terraform plan or state, Terraform JSON configuration or CloudFormation template"));
                return;
            }
            default -> throw new IllegalStateException(doc.kind().name());
        }
        record(fragment.build(), doc.file());
    }

    /**
     * A file passed over: noticed when it is infrastructure code ecr-guard cannot judge, unless it is an app whose
     * synthesized output lies beside it (that output is what the scan reads).
     */
    private static Skipped skippedFile(Path file, String display, JsonNode root, String otherwise) {
        String name = file.getFileName() == null ? display : file.getFileName().toString();
        Path parent = file.toAbsolutePath().getParent();
        boolean synthesized = parent != null && (name.equals("cdk.json") && Files.isDirectory(parent.resolve("cdk.out"))
                || name.equals("cdktf.json") && Files.isDirectory(parent.resolve("cdktf.out")));
        return UnjudgedInfrastructure.reason(name, root).filter(reason -> !synthesized)
                .map(reason -> new Skipped(display, reason, Skipped.Kind.NOT_JUDGED))
                .orElseGet(() -> new Skipped(display, otherwise));
    }

    private void loadAssembly(Document manifest, Path folder, String display) {
        int stacks = manifest.kind() == Document.Kind.CDK_ASSEMBLY_MANIFEST
                ? CdkAssembly.load(manifest, folder, display, parameters, this::record, read, covered)
                : CdktfOutput.load(manifest, folder, display, this::record, read, covered);
        if (stacks == 0) {
            skipped.add(new Skipped(manifest.file(), "the " + manifest.kind().label + " names no stack, so "
                    + "nothing was read through it", Skipped.Kind.NOT_JUDGED));
        }
    }

    /**
     * Scans a folder. A CDK cloud assembly or CDKTF output manifest at its top is read first; it covers only the files
     * it names (and their assets), and everything else in the folder is scanned as usual, so a manifest cannot hide
     * the rest of the tree.
     */
    private void scan(Path folder, String display) {
        Path manifest = folder.resolve(MANIFEST);
        if (Files.isRegularFile(manifest)) {
            Document doc = readOrNull(manifest, join(display, MANIFEST));
            if (doc != null && (doc.kind() == Document.Kind.CDK_ASSEMBLY_MANIFEST
                    || doc.kind() == Document.Kind.CDKTF_MANIFEST)) {
                recognized++;
                AssemblyFiles.firstRead(read, manifest);
                guarded(doc.file(), () -> {
                    loadAssembly(doc, folder.toAbsolutePath(), display);
                    return null;
                });
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
            if (covered.contains(child.toAbsolutePath().normalize()) || AssemblyFiles.wasRead(read, child)) {
                continue; // an asset of an assembly, or a file an assembly or another path already read
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (AccessDeniedException e) {
                errors.add(new InputError(childName, "permission denied: cannot tell what it is"));
                continue;
            } catch (IOException e) {
                errors.add(new InputError(childName, "cannot tell what it is: " + e.getClass().getSimpleName()));
                continue;
            }
            if (attributes.isDirectory()) {
                if (!SKIPPED_FOLDERS.contains(child.getFileName().toString())) {
                    guarded(childName, () -> {
                        scan(child, childName);
                        return null;
                    });
                }
            } else if (attributes.isRegularFile()) {
                guarded(childName, () -> {
                    scanFile(child, childName);
                    return null;
                });
            } else if (attributes.isSymbolicLink()) {
                scanLink(child, childName);
            } else {
                errors.add(new InputError(childName, "not a regular file or folder (a FIFO, socket or device)"));
            }
        }
    }

    /**
     * A symbolic link: a file inside the folder being checked is read; a folder is not followed (links can loop),
     * and neither is a file outside it (a pull request must not make the check read, or quote, files of the machine
     * that runs it).
     */
    private void scanLink(Path link, String display) {
        if (Files.isDirectory(link)) {
            skipped.add(new Skipped(display, "a symbolic link to a folder, not followed: name the folder it "
                    + "links to on the command line to check it", Skipped.Kind.NOT_JUDGED));
        } else if (Files.isRegularFile(link)) {
            if (!AssemblyFiles.realPath(link).startsWith(scanRoot)) {
                skipped.add(new Skipped(display, "a symbolic link to a file outside the folder being checked, "
                        + "not followed: name that file on the command line to check it", Skipped.Kind.NOT_JUDGED));
                return;
            }
            guarded(display, () -> {
                scanFile(link, display);
                return null;
            });
        } else {
            errors.add(new InputError(display, Files.exists(link)
                    ? "a symbolic link to something that is not a regular file or folder"
                    : "a symbolic link to nothing (its target does not exist)"));
        }
    }


    private void scanFile(Path file, String display) {
        Document doc;
        try {
            doc = DocumentReader.read(file, display);
        } catch (InputError e) {
            if (e.isWellFormed()) {
                skipped.add(skippedFile(file, display, null, e.getMessage()));
            } else if (UnjudgedInfrastructure.reason(file.getFileName().toString(), null).isPresent()) {
                skipped.add(skippedFile(file, display, null, e.getMessage()));
            } else if (isEmptyState(file)) {
                skipped.add(new Skipped(display, "an empty Terraform state file: no resources in it"));
            } else if (looksLikeData(file)) {
                errors.add(e);
            } else {
                skipped.add(new Skipped(display, "not JSON or YAML"));
            }
            return;
        }
        loadDocument(doc, file, false);
    }

    /** Reads a folder's manifest.json; when it cannot be read, the scan of the folder reports (or skips) it. */
    private Document readOrNull(Path file, String display) {
        try {
            return DocumentReader.read(file, display);
        } catch (InputError e) {
            return null;
        }
    }

    /** Terraform leaves an empty {@code terraform.tfstate.backup} when there was no state before. */
    private static boolean isEmptyState(Path file) {
        String name = file.getFileName().toString();
        try {
            return (name.endsWith(".tfstate") || name.endsWith(".tfstate.backup")) && Files.size(file) == 0;
        } catch (IOException e) {
            return false;
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
