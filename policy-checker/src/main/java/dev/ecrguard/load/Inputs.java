package dev.ecrguard.load;

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
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The folder walk: loads what the command line names, files (offered to each {@link Loader} in turn, recognized by
 * content), folders (scanned recursively; an output folder's manifest at its top is read first) and {@code -} for
 * standard input. Each file is read once; each file that loads whole is one model fragment, merged into the model.
 */
public final class Inputs implements LoadContext {
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "node_modules", ".terraform");
    /** In a folder scan, a file with one of these endings that cannot be parsed is an error, not skipped. */
    private static final Set<String> DATA_ENDINGS =
            Set.of(".json", ".yaml", ".yml", ".template", ".tfstate", ".tfstate.backup");
    private static final String MANIFEST = "manifest.json";
    private static final String NOT_AN_INPUT =
            "not a Terraform plan or state, Terraform JSON configuration or CloudFormation template";

    private final List<Loader> loaders;
    private final InputValues values;
    private final InputStream stdin;
    /** The model of every input read so far: each file's fragment is merged once it has loaded whole. */
    private final Model.Builder model = Model.builder();
    private final List<Skipped> skipped = new ArrayList<>();
    private final List<InputError> errors = new ArrayList<>();
    /** What {@link #skip} and {@link #error} noted so far, so that noting once stays linear in a large tree. */
    private final Set<Skipped> skippedOnce = new HashSet<>();
    private final Set<String> errorsOnce = new HashSet<>();
    private final List<String> loaded = new ArrayList<>();
    private final Set<String> loadedOnce = new HashSet<>();
    /** The files read into the model so far: each is read once, however many named paths reach it. */
    private final Set<Path> read = new HashSet<>();
    /** Paths an output folder covers (its assets): a folder scan does not read them on their own. */
    private final Set<Path> covered = new HashSet<>();
    /** How many documents were recognized as inputs (each time one is met), to tell a scan that found none. */
    private int recognized;
    /** The real path of the folder being scanned: a symbolic link in it is followed only to a file inside it. */
    private Path scanRoot;
    /** The folders of one named path whose files a loader reads by folder, each once, in the order met. */
    private final Map<Loader, Map<Path, Loader.Folder>> claimed = new LinkedHashMap<>();

    private Inputs(List<Loader> loaders, InputValues values, InputStream stdin) {
        this.loaders = List.copyOf(loaders);
        this.values = values;
        this.stdin = stdin;
    }

    /**
     * Loads files, folders and standard input.
     *
     * @param loaders the input families, in the order they are offered a document
     * @param paths files, folders, or {@code -}
     * @param values CloudFormation parameter and Terraform variable values from the command line
     * @param stdin what {@code -} reads
     * @return the model, the files passed over and the inputs that could not be read
     */
    public static LoadResult load(List<Loader> loaders, List<String> paths, InputValues values, InputStream stdin) {
        Inputs inputs = new Inputs(loaders, values, stdin);
        for (String path : paths) {
            inputs.loadNamed(path);
        }
        return new LoadResult(inputs.model.build(), inputs.skipped, inputs.errors, inputs.loaded);
    }

    /**
     * Loads one document a program built in memory (a synthesized template or Terraform JSON configuration).
     *
     * @param loaders the input families, in the order they are offered the document
     * @param document the document
     * @param name its name in messages and findings
     * @return the model, and the error when the document cannot be read
     */
    public static LoadResult load(List<Loader> loaders, JsonNode document, String name) {
        Inputs inputs = new Inputs(loaders, InputValues.none(), InputStream.nullInputStream());
        inputs.guarded(name, () -> inputs.loadDocument(DocumentReader.read(document, name,
                inputs.topLevelReaders(name)), true));
        return new LoadResult(inputs.model.build(), inputs.skipped, inputs.errors, inputs.loaded);
    }

    @Override
    public Map<String, String> parameters() {
        return values.parameters();
    }

    @Override
    public List<VariableSetting> variables() {
        return values.variables();
    }

    /** Merges the fragment of a file that has loaded whole; one that makes the model too large adds nothing. */
    @Override
    public void record(String file, Model fragment) {
        record(List.of(file), fragment);
    }

    @Override
    public void record(Collection<String> files, Model fragment) {
        model.addAll(fragment);
        files.stream().filter(loadedOnce::add).forEach(loaded::add);
    }

    /** Notes a file passed over, once: a loader that reads by folder may meet a file the walk passed over. */
    @Override
    public void skip(Skipped file) {
        if (skippedOnce.add(file)) {
            skipped.add(file);
        }
    }

    @Override
    public Optional<Document> readOnce(Path file, String display) {
        if (!AssemblyFiles.firstRead(read, file)) {
            return Optional.empty();
        }
        return Optional.of(DocumentReader.read(file, display));
    }

    @Override
    public void markRead(Path file) {
        AssemblyFiles.firstRead(read, file);
    }

    @Override
    public void cover(Path path) {
        covered.add(path);
    }

    private List<TopLevelReader> topLevelReaders(String file) {
        List<TopLevelReader> readers = new ArrayList<>();
        loaders.forEach(l -> readers.addAll(l.topLevelReaders(file)));
        return readers;
    }

    private void loadNamed(String name) {
        guarded(name, () -> {
            if (name.equals("-")) {
                loadDocument(DocumentReader.read(stdin, "-", null, topLevelReaders("-")), true);
                return;
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
                loadClaimedFolders();
                if (recognized == recognizedBefore && errors.size() == errorsBefore) {
                    // a checker never passes what it did not read
                    throw new InputError(name, "no Terraform, CloudFormation, CDK or CDKTF input found under " + name);
                }
            } else if (claim(path, parentDisplay(name), AssemblyFiles.realPath(path.toAbsolutePath().getParent()))) {
                loadClaimedFolders(); // a file that is part of a folder is read with its folder, never alone
            } else {
                loadDocument(DocumentReader.read(path, name, () -> topLevelReaders(name)), true);
            }
        });
    }

    /**
     * Claims a file for the loader that reads it with its folder, if one does.
     *
     * @param folderDisplay the name of the file's folder in messages
     * @param boundary the real path of the folder being checked: the loader follows no link out of it
     * @return whether a loader claimed it
     */
    private boolean claim(Path file, String folderDisplay, Path boundary) {
        for (Loader loader : loaders) {
            if (loader.readsByFolder(file)) {
                Path folder = AssemblyFiles.realPath(file.toAbsolutePath().getParent());
                claimed.computeIfAbsent(loader, l -> new LinkedHashMap<>())
                        .putIfAbsent(folder, new Loader.Folder(folder, folderDisplay, boundary));
                return true;
            }
        }
        return false;
    }

    /** Hands each loader the folders it claimed under the path just walked. */
    private void loadClaimedFolders() {
        claimed.forEach((loader, folders) -> {
            int before = loaded.size() + errors.size();
            loader.loadFolders(List.copyOf(folders.values()), this);
            if (loaded.size() + errors.size() > before) {
                recognized++; // a folder of variable files alone is no input
            }
        });
        claimed.clear();
    }

    /** How messages name the folder of a file named on the command line. */
    private static String parentDisplay(String display) {
        int slash = display.lastIndexOf('/');
        return slash > 0 ? display.substring(0, slash) : slash == 0 ? "/" : ".";
    }

    /**
     * Runs the loading of one named path or scanned file; whatever goes wrong there is an input error of that file
     * alone, so the other files' results are still reported. A file that exhausts the stack or the heap is
     * dropped with what it had built.
     */
    @Override
    public void guarded(String file, Runnable load) {
        try {
            load.run();
        } catch (InputError e) {
            error(e);
        } catch (Model.TooLarge e) {
            error(new InputError(file, e.getMessage()));
        } catch (StackOverflowError e) {
            error(new InputError(file, "nested too deeply to read"));
        } catch (OutOfMemoryError e) {
            error(new InputError(file, "ran out of memory while reading it; give the JVM more (-Xmx) or "
                    + "check it on its own"));
        } catch (RuntimeException e) {
            // the message may quote the input; the class names the failure without repeating file content
            error(new InputError(file, "could not be read (" + e.getClass().getSimpleName() + ")"));
        }
    }

    /** Records an input error once: a module file that two root modules call fails for both. */
    private void error(InputError e) {
        if (errorsOnce.add(e.oneLine())) {
            errors.add(e);
        }
    }

    /** The first loader that recognizes a document, with what it recognized it as. */
    private record Match(Loader loader, Loader.Recognized what) {}

    private Optional<Match> recognize(Document doc) {
        for (Loader loader : loaders) {
            Optional<Loader.Recognized> what = loader.recognize(doc);
            if (what.isPresent()) {
                return Optional.of(new Match(loader, what.get()));
            }
        }
        return Optional.empty();
    }

    /** Loads a document named on the command line ({@code named}) or met by a folder scan. */
    private void loadDocument(Document doc, boolean named) {
        Optional<Match> match = recognize(doc);
        if (match.isEmpty()) {
            notAnInput(doc, named);
            return;
        }
        recognized++;
        Loader.Recognized what = match.get().what();
        if (what.manifest() && doc.path() == null) {
            throw new InputError(doc.file(), "a " + what.label() + " must be read from its folder, not standard input");
        }
        // a manifest is read again when named twice; the files it names are each read once
        if (!what.manifest() && doc.path() != null && !AssemblyFiles.firstRead(read, doc.path())) {
            return;
        }
        try {
            match.get().loader().load(doc, this);
        } catch (Model.TooLarge e) {
            throw new InputError(doc.file(), e.getMessage());
        }
    }

    /** A document no loader recognizes: an error when named, passed over (and said why) in a folder scan. */
    private void notAnInput(Document doc, boolean named) {
        if (named) {
            throw new InputError(doc.file(), doc.isObject() ? "well-formed, but not a Terraform plan or state, a "
                    + "Terraform JSON configuration or a CloudFormation template" + topKeys(doc.root())
                    : doc.notAnObject());
        }
        Path file = doc.path() == null ? Path.of(doc.file()) : doc.path();
        skip(doc.isObject() ? skippedFile(file, doc.file(), doc.root(), NOT_AN_INPUT)
                : skippedFile(file, doc.file(), null, doc.notAnObject()));
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

    /**
     * Scans a folder. A CDK cloud assembly or CDKTF output manifest at its top is read first; it covers only the files
     * it names (and their assets), and everything else in the folder is scanned as usual, so a manifest cannot hide
     * the rest of the tree.
     */
    private void scan(Path folder, String display) {
        Path manifest = folder.resolve(MANIFEST);
        if (Files.isRegularFile(manifest)) {
            Document doc = readOrNull(manifest, join(display, MANIFEST));
            Optional<Match> match = doc == null ? Optional.empty() : recognize(doc);
            if (match.isPresent() && match.get().what().manifest()) {
                recognized++;
                AssemblyFiles.firstRead(read, manifest);
                guarded(doc.file(), () -> match.get().loader().load(doc, this));
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
                error(new InputError(childName, "permission denied: cannot tell what it is"));
                continue;
            } catch (IOException e) {
                error(new InputError(childName, "cannot tell what it is: " + e.getClass().getSimpleName()));
                continue;
            }
            if (attributes.isDirectory()) {
                if (!SKIPPED_FOLDERS.contains(child.getFileName().toString())) {
                    guarded(childName, () -> scan(child, childName));
                }
            } else if (attributes.isRegularFile()) {
                if (!claim(child, display, scanRoot)) {
                    guarded(childName, () -> scanFile(child, childName));
                }
            } else if (attributes.isSymbolicLink()) {
                scanLink(child, childName);
            } else {
                error(new InputError(childName, "not a regular file or folder (a FIFO, socket or device)"));
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
            skip(new Skipped(display, "a symbolic link to a folder, not followed: name the folder it "
                    + "links to on the command line to check it", Skipped.Kind.NOT_JUDGED));
        } else if (Files.isRegularFile(link)) {
            if (!AssemblyFiles.realPath(link).startsWith(scanRoot)) {
                skip(Skipped.linkOutside(display));
                return;
            }
            if (!claim(link, parentDisplay(display), scanRoot)) {
                guarded(display, () -> scanFile(link, display));
            }
        } else {
            error(new InputError(display, Files.exists(link)
                    ? "a symbolic link to something that is not a regular file or folder"
                    : "a symbolic link to nothing (its target does not exist)"));
        }
    }


    private void scanFile(Path file, String display) {
        Document doc;
        try {
            doc = DocumentReader.read(file, display, () -> topLevelReaders(display));
        } catch (InputError e) {
            if (UnjudgedInfrastructure.reason(file.getFileName().toString(), null).isPresent()) {
                skip(skippedFile(file, display, null, e.getMessage()));
            } else if (isEmptyState(file)) {
                skip(new Skipped(display, "an empty Terraform state file: no resources in it"));
            } else if (looksLikeData(file)) {
                error(e);
            } else {
                skip(new Skipped(display, "not JSON or YAML"));
            }
            return;
        }
        loadDocument(doc, false);
    }

    /** Reads a folder's manifest.json; when it cannot be read, the scan of the folder reports (or skips) it. */
    private Document readOrNull(Path file, String display) {
        try {
            return DocumentReader.read(file, display, () -> topLevelReaders(display));
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
