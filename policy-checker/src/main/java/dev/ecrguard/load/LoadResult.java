package dev.ecrguard.load;

import dev.ecrguard.model.Model;
import java.util.ArrayList;
import java.util.List;

/** The model built from every input, the files passed over, and the inputs that could not be read. */
public final class LoadResult {
    public final Model model = new Model();
    public final List<Skipped> skipped = new ArrayList<>();
    public final List<InputError> errors = new ArrayList<>();
    /** The files that were read into the model. */
    public final List<String> loaded = new ArrayList<>();
}
