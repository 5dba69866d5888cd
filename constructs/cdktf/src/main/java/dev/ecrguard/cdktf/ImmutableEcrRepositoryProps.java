package dev.ecrguard.cdktf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of an {@link ImmutableEcrRepository}. Build with {@link #builder()}.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>{@code repositoryName}</td><td>required</td></tr>
 *   <tr><td>tag mutability</td><td>{@code IMMUTABLE}; {@code IMMUTABLE_WITH_EXCLUSION} with {@link Builder#floatingTags};
 *       {@code MUTABLE} only with {@link Builder#allowMutableTags(String)}</td></tr>
 *   <tr><td>{@code scanOnPush}</td><td>{@code true}</td></tr>
 *   <tr><td>{@code forceDelete}</td><td>{@code false}</td></tr>
 *   <tr><td>{@code expireUntaggedImagesAfter}</td><td>none: no lifecycle policy, no image is ever expired</td></tr>
 *   <tr><td>{@code floatingTags}</td><td>none</td></tr>
 *   <tr><td>{@code awsProviderVersionMode}</td><td>{@link AwsProviderVersionMode#CHECK_ONLY} (used only with floating tags)</td></tr>
 *   <tr><td>{@code awsProviderVersion}</td><td>{@value ImmutableEcrRepository#DEFAULT_AWS_PROVIDER_VERSION}, written
 *       only with {@link AwsProviderVersionMode#SET_ON_STACK}</td></tr>
 *   <tr><td>{@code tags}</td><td>none</td></tr>
 * </table>
 */
public final class ImmutableEcrRepositoryProps {
    private final String repositoryName;
    private final boolean scanOnPush;
    private final boolean forceDelete;
    private final Duration expireUntaggedImagesAfter;
    private final List<String> floatingTags;
    private final AwsProviderVersionMode awsProviderVersionMode;
    private final String awsProviderVersion;
    private final String mutableTagsReason;
    private final Map<String, String> tags;

    private ImmutableEcrRepositoryProps(Builder b) {
        this.repositoryName = b.repositoryName;
        this.scanOnPush = b.scanOnPush;
        this.forceDelete = b.forceDelete;
        this.expireUntaggedImagesAfter = b.expireUntaggedImagesAfter;
        this.floatingTags = b.floatingTags == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(b.floatingTags));
        this.awsProviderVersionMode = b.awsProviderVersionMode;
        this.awsProviderVersion = b.awsProviderVersion;
        this.mutableTagsReason = b.mutableTagsReason;
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
    }

    /**
     * A builder with every default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the repository name} */
    public String repositoryName() {
        return repositoryName;
    }

    /** {@return whether every pushed image is scanned} */
    public boolean scanOnPush() {
        return scanOnPush;
    }

    /** {@return whether the repository is deleted even when it holds images} */
    public boolean forceDelete() {
        return forceDelete;
    }

    /**
     * How long after push untagged images expire (whole days), or null for no lifecycle policy. Opt-in because in an
     * immutable repository the untagged images are mostly the per-platform images of multi-arch indexes, signatures,
     * attestations and images deployed by digest: expiring them can delete what runs.
     *
     * @return the age after which untagged images expire, or null for never
     */
    public Duration expireUntaggedImagesAfter() {
        return expireUntaggedImagesAfter;
    }

    /**
     * WILDCARD exclusion filters: tags that may still be moved (e.g. {@code latest}); empty for none.
     *
     * @return the floating tags
     */
    public List<String> floatingTags() {
        return floatingTags;
    }

    /** {@return how the stack's AWS provider constraint is made to admit only 6.8.0 or later} */
    public AwsProviderVersionMode awsProviderVersionMode() {
        return awsProviderVersionMode;
    }

    /** {@return the AWS provider constraint that {@link AwsProviderVersionMode#SET_ON_STACK} writes, or null for the default} */
    public String awsProviderVersion() {
        return awsProviderVersion;
    }

    /**
     * The written reason for the opt-out to mutable tags, or null when tags are immutable.
     *
     * @return the mutable tags reason
     */
    public String mutableTagsReason() {
        return mutableTagsReason;
    }

    /** {@return the resource tags} */
    public Map<String, String> tags() {
        return tags;
    }

    /** Builds {@link ImmutableEcrRepositoryProps}; every property has a safe default but the repository name. */
    public static final class Builder {
        private String repositoryName;
        private boolean scanOnPush = true;
        private boolean forceDelete = false;
        private Duration expireUntaggedImagesAfter;
        private List<String> floatingTags;
        private AwsProviderVersionMode awsProviderVersionMode = AwsProviderVersionMode.CHECK_ONLY;
        private String awsProviderVersion;
        private String mutableTagsReason;
        private final Map<String, String> tags = new LinkedHashMap<>();

        private Builder() {}

        /**
         * The repository name (required): {@code name} of {@code aws_ecr_repository}.
         *
         * @param repositoryName the repository name
         * @return this builder
         */
        public Builder repositoryName(String repositoryName) {
            this.repositoryName = repositoryName;
            return this;
        }

        /**
         * Scan every pushed image (default {@code true}).
         *
         * @param scanOnPush the scan on push
         * @return this builder
         */
        public Builder scanOnPush(boolean scanOnPush) {
            this.scanOnPush = scanOnPush;
            return this;
        }

        /**
         * Delete the repository even if it still holds images (default {@code false}: the images are kept).
         *
         * @param forceDelete the force delete
         * @return this builder
         */
        public Builder forceDelete(boolean forceDelete) {
            this.forceDelete = forceDelete;
            return this;
        }

        /**
         * Add an {@code aws_ecr_lifecycle_policy} that expires untagged images this long after push: whole days, 1 or
         * more ({@code Duration.ofDays(30)}). Default: none, no image is ever expired.
         *
         * @param age how long after push untagged images expire
         * @return this builder
         */
        public Builder expireUntaggedImagesAfter(Duration age) {
            this.expireUntaggedImagesAfter = age;
            return this;
        }

        /**
         * Tags that may still be moved, as ECR WILDCARD filters (1 to 5, each {@code [0-9a-zA-Z._*-]}, 1 to 128
         * characters, at most two {@code *}, never only {@code *}): the repository becomes
         * {@code IMMUTABLE_WITH_EXCLUSION}. Needs hashicorp/aws 6.8.0 or later, see {@link AwsProviderVersionMode}.
         *
         * @param filters the WILDCARD filters, e.g. {@code latest}
         * @return this builder
         */
        public Builder floatingTags(String... filters) {
            return floatingTags(List.of(filters));
        }

        /**
         * Tags that may still be moved, as a list; see {@link #floatingTags(String...)}.
         *
         * @param filters the WILDCARD filters
         * @return this builder
         */
        public Builder floatingTags(List<String> filters) {
            this.floatingTags = new ArrayList<>(Objects.requireNonNull(filters, "filters"));
            return this;
        }

        /**
         * How the stack's AWS provider constraint is made to admit only 6.8.0 or later (floating tags only). Default
         * {@link AwsProviderVersionMode#CHECK_ONLY}: synth fails, naming the line to add to the stack.
         *
         * @param mode how the provider constraint is made
         * @return this builder
         */
        public Builder awsProviderVersionMode(AwsProviderVersionMode mode) {
            this.awsProviderVersionMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * The constraint that {@link AwsProviderVersionMode#SET_ON_STACK} writes (default
         * {@value ImmutableEcrRepository#DEFAULT_AWS_PROVIDER_VERSION}); it must require 6.8.0 or later, and is
         * refused with {@link AwsProviderVersionMode#CHECK_ONLY}, which writes nothing.
         *
         * @param constraint a Terraform version constraint that admits only 6.8.0 or later
         * @return this builder
         */
        public Builder awsProviderVersion(String constraint) {
            this.awsProviderVersion = constraint;
            return this;
        }

        /**
         * Opt out of immutability: the repository is {@code MUTABLE} and tags can be moved. The reason is required and
         * is written into the synthesized resource as an ecr-guard waiver of ECR001, so {@code ecr-guard check} and
         * {@link EcrGuard} report the finding as waived, with this reason, instead of failing.
         *
         * @param reason why the tags must be overwritable (at least 10 characters)
         * @return this builder
         */
        public Builder allowMutableTags(String reason) {
            this.mutableTagsReason = reason == null ? "" : reason;
            return this;
        }

        /**
         * Resource tags of the repository, replacing any given before.
         *
         * @param tags tag keys to values
         * @return this builder
         */
        public Builder tags(Map<String, String> tags) {
            this.tags.clear();
            this.tags.putAll(Objects.requireNonNull(tags, "tags"));
            return this;
        }

        /**
         * The properties.
         *
         * @return the properties with this builder's values
         */
        public ImmutableEcrRepositoryProps build() {
            return new ImmutableEcrRepositoryProps(this);
        }
    }
}
