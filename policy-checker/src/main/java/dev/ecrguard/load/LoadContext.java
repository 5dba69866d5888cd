package dev.ecrguard.load;

import dev.ecrguard.model.Model;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a {@link Loader} gets from the run: its parameters, and where fragments, skips and member files go. */
public interface LoadContext {
    /**
     * CloudFormation parameter values given on the command line ({@code --parameter}).
     *
     * @return the values by parameter name
     */
    Map<String, String> parameters();

    /**
     * Terraform variable values given on the command line ({@code --var NAME=VALUE}, {@code --var-file FILE}), in
     * their order (a later one wins), and by the environment ({@code TF_VAR_NAME}).
     *
     * @return the settings, in order
     */
    List<VariableSetting> variables();

    /**
     * Runs the loading of one input: whatever goes wrong there (an {@link InputError}, a model too large, a stack or
     * heap exhausted, any other failure) is an input error of that input alone, and the others still load.
     *
     * @param file the input's name in messages
     * @param load what loads it
     */
    void guarded(String file, Runnable load);

    /**
     * Takes the fragment of a file that has loaded whole into the model; a fragment that would make the model too
     * large adds nothing.
     *
     * @param file the file's name in messages and reports
     * @param fragment what it holds
     * @throws Model.TooLarge when the model would weigh too much
     */
    void record(String file, Model fragment);

    /**
     * Takes the fragment of several files that have loaded whole together (a Terraform root module and the modules
     * it calls); each file counts once in the run, however many fragments it is part of.
     *
     * @param files the files' names in messages and reports
     * @param fragment what they hold
     * @throws Model.TooLarge when the model would weigh too much
     */
    void record(Collection<String> files, Model fragment);

    /**
     * Notes a file that was passed over, and why.
     *
     * @param skipped the file and the reason
     */
    void skip(Skipped skipped);

    /**
     * Reads a file once per run (by real path): a file that a manifest names, already resolved inside its folder
     * ({@link AssemblyFiles#resolve}).
     *
     * @param file the file
     * @param display its name in messages
     * @return the document, or empty when the file was read before (named twice, or reached by two paths)
     * @throws InputError when the file cannot be read
     */
    Optional<Document> readOnce(Path file, String display);

    /**
     * Marks a file as read, so that the folder scan does not read it again on its own.
     *
     * @param file the file
     */
    void markRead(Path file);

    /**
     * Leaves a path (an asset folder, a bookkeeping file) to the output folder that names it: the folder scan does
     * not read it on its own.
     *
     * @param path the file or folder
     */
    void cover(Path path);
}
