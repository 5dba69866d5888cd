package dev.ecrguard.load;

import dev.ecrguard.model.Model;
import java.util.List;

/** The model built from every input, the files passed over, and the inputs that could not be read; read-only. */
public final class LoadResult {
    /** What the inputs hold. */
    public final Model model;
    /** The files a folder scan passed over, and why (read-only). */
    public final List<Skipped> skipped;
    /** The inputs that could not be read (read-only). */
    public final List<InputError> errors;
    /** The files that were read into the model (read-only). */
    public final List<String> loaded;

    /**
     * @param model what the inputs hold
     * @param skipped the files passed over
     * @param errors the inputs that could not be read
     * @param loaded the files read into the model
     */
    public LoadResult(Model model, List<Skipped> skipped, List<InputError> errors, List<String> loaded) {
        this.model = model;
        this.skipped = List.copyOf(skipped);
        this.errors = List.copyOf(errors);
        this.loaded = List.copyOf(loaded);
    }
}
