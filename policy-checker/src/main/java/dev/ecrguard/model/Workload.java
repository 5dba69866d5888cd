package dev.ecrguard.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A resource that pulls container images. */
public record Workload(String id, String type, List<Image> images, Location location, List<Waiver> waivers) {

    /** One image reference, split into its parts when known. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Image(String container, Value ref, String repository, String repositoryName, String tag, String digest) {}
}
