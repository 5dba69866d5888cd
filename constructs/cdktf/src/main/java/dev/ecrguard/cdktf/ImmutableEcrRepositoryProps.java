package dev.ecrguard.cdktf;

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
 *   <tr><td>{@code expireUntaggedImagesAfterDays}</td><td>none: no lifecycle policy</td></tr>
 *   <tr><td>{@code floatingTags}</td><td>none</td></tr>
 *   <tr><td>{@code awsProviderVersionMode}</td><td>{@link AwsProviderVersionMode#SET_ON_STACK} (used only with floating tags)</td></tr>
 *   <tr><td>{@code awsProviderVersion}</td><td>{@value ImmutableEcrRepository#DEFAULT_AWS_PROVIDER_VERSION}</td></tr>
 *   <tr><td>{@code tags}</td><td>none</td></tr>
 * </table>
 */
public final class ImmutableEcrRepositoryProps {
    private final String repositoryName;
    private final boolean scanOnPush;
    private final boolean forceDelete;
    private final Integer expireUntaggedImagesAfterDays;
    private final List<String> floatingTags;
    private final AwsProviderVersionMode awsProviderVersionMode;
    private final String awsProviderVersion;
    private final String mutableTagsReason;
    private final Map<String, String> tags;

    private ImmutableEcrRepositoryProps(Builder b) {
        this.repositoryName = b.repositoryName;
        this.scanOnPush = b.scanOnPush;
        this.forceDelete = b.forceDelete;
        this.expireUntaggedImagesAfterDays = b.expireUntaggedImagesAfterDays;
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
     * Days after which untagged images expire, or null for no lifecycle policy.
     *
     * @return whether untagged images expire, or null for the default after days
     */
    public Integer expireUntaggedImagesAfterDays() {
        return expireUntaggedImagesAfterDays;
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

    /** {@return the AWS provider constraint that {@link AwsProviderVersionMode#SET_ON_STACK} writes} */
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
        private Integer expireUntaggedImagesAfterDays;
        private List<String> floatingTags;
        private AwsProviderVersionMode awsProviderVersionMode = AwsProviderVersionMode.SET_ON_STACK;
        private String awsProviderVersion = ImmutableEcrRepository.DEFAULT_AWS_PROVIDER_VERSION;
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
         * Add an {@code aws_ecr_lifecycle_policy} that expires untagged images this many days after push (1 or more).
         *
         * @param days days after push (1 or more)
         * @return this builder
         */
        public Builder expireUntaggedImagesAfterDays(int days) {
            this.expireUntaggedImagesAfterDays = days;
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
         * How the stack's AWS provider constraint is made to admit only 6.8.0 or later (floating tags only).
         *
         * @param mode how the provider constraint is made
         * @return this builder
         */
        public Builder awsProviderVersionMode(AwsProviderVersionMode mode) {
            this.awsProviderVersionMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * The constraint that {@link AwsProviderVersionMode#SET_ON_STACK} writes; it must require 6.8.0 or later.
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
