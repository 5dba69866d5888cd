package dev.ecrguard.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A resource that pulls container images. */
public record Workload(String id, String type, List<Image> images, Location location, List<Waiver> waivers) {

    /**
     * One image reference, split into its parts when known. At most one of {@code repository} and
     * {@code repositoryName} is set; made with the factory methods, which say which.
     *
     * @param container the container (or attribute) that pulls it
     * @param ref the reference as the input states it
     * @param repository the id of the repository in the same input that it pulls from, or null
     * @param repositoryName the repository path it names, when no repository of the input is linked, or null
     * @param tag its tag, or null
     * @param digest its digest, or null
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Image(String container, Value ref, String repository, String repositoryName, String tag,
            String digest) {
        /**
         * A reference that is not split: unknown, absent, or not text.
         *
         * @param container the container that pulls it
         * @param ref the reference
         * @return the image, without parts
         */
        public static Image unsplit(String container, Value ref) {
            return new Image(container, ref, null, null, null, null);
        }

        /**
         * A reference to a repository of the same input.
         *
         * @param container the container that pulls it
         * @param ref the reference
         * @param repositoryId the repository's id in the model
         * @param tag its tag, or null
         * @param digest its digest, or null
         * @return the image
         */
        public static Image inRepository(String container, Value ref, String repositoryId, String tag, String digest) {
            return new Image(container, ref, repositoryId, null, tag, digest);
        }

        /**
         * A reference that names its repository by path.
         *
         * @param container the container that pulls it
         * @param ref the reference
         * @param repositoryName the repository path, without registry, tag or digest
         * @param tag its tag, or null
         * @param digest its digest, or null
         * @return the image
         */
        public static Image named(String container, Value ref, String repositoryName, String tag, String digest) {
            return new Image(container, ref, null, repositoryName, tag, digest);
        }

        /**
         * A reference whose repository is only known at deploy, judged by the tag or digest it ends with.
         *
         * @param container the container that pulls it
         * @param ref the reference
         * @param tag its tag, or null
         * @param digest its digest, or null
         * @return the image
         */
        public static Image byTagOrDigest(String container, Value ref, String tag, String digest) {
            return new Image(container, ref, null, null, tag, digest);
        }
    }
}
