package dev.ecrguard.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One family of inputs (Terraform, CloudFormation, CDK cloud assemblies, CDKTF output): recognizes its documents by
 * content and loads each into a model fragment. Loaders never judge; the folder walk ({@link Inputs}) offers every
 * document to the loaders in order, and the first that recognizes it loads it.
 *
 * <p>A family whose files are not documents of their own (Terraform source: every {@code .tf} file of a folder makes
 * one module) claims them by name instead ({@link #readsByFolder}); the walk collects their folders and hands them
 * to {@link #loadFolders} together, once per named path.
 */
public interface Loader {
    /**
     * What this loader makes of a document.
     *
     * @param document a file read as JSON or YAML
     * @return what it is, or empty when it is not one of this loader's inputs
     */
    Optional<Recognized> recognize(Document document);

    /**
     * Loads a document this loader recognized: each file it reads (the document, or the stacks a manifest names)
     * becomes one model fragment, handed to {@link LoadContext#record} once it has loaded whole.
     *
     * @param document the document
     * @param context the run's parameters, and where fragments, skipped files and member files go
     * @throws InputError when the document cannot be read as what it was recognized as
     */
    void load(Document document, LoadContext context);

    /**
     * Whether this loader reads {@code file} together with the rest of its folder rather than as a document of its own.
     *
     * @param file a file met by the folder walk or named on the command line
     * @return true when the file belongs to a folder this loader reads whole
     */
    default boolean readsByFolder(Path file) {
        return false;
    }

    /**
     * Loads the folders whose files this loader claimed ({@link #readsByFolder}) under one named path, all at once
     * (one folder may use another). Each input that goes wrong is reported through {@link LoadContext#guarded} and
     * does not stop the others.
     *
     * @param folders the folders, in the order the walk met them
     * @param context the run's parameters, and where fragments, skipped files and errors go
     */
    default void loadFolders(List<Folder> folders, LoadContext context) {
    }

    /**
     * A folder holding files a loader reads by folder.
     *
     * @param path the folder (its real path)
     * @param display its name in messages
     * @param boundary the real path of the folder being checked (the named folder, or the named file's folder): a
     *     symbolic link that leads out of it is not followed
     */
    record Folder(Path path, String display, Path boundary) {}

    /**
     * The readers for top-level keys this loader's documents may hold in bulk, fresh for one file.
     *
     * @param file the file's name in messages
     * @return the readers, none by default
     */
    default List<TopLevelReader> topLevelReaders(String file) {
        return List.of();
    }

    /**
     * What a loader recognized a document as.
     *
     * @param label what it is, for messages ({@code Terraform plan})
     * @param manifest whether it is the manifest of an output folder, read from that folder (and again when named
     *     twice: the files it names are each read once)
     */
    record Recognized(String label, boolean manifest) {
        /**
         * An input file.
         *
         * @param label what it is
         * @return the recognition
         */
        public static Optional<Recognized> file(String label) {
            return Optional.of(new Recognized(label, false));
        }

        /**
         * The manifest of an output folder.
         *
         * @param label what it is
         * @return the recognition
         */
        public static Optional<Recognized> manifestOf(String label) {
            return Optional.of(new Recognized(label, true));
        }
    }
}
