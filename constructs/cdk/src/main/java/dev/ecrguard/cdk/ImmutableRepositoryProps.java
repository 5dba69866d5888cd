package dev.ecrguard.cdk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.interfaces.kms.IKeyRef;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.RepositoryEncryption;

/**
 * Properties of an {@link ImmutableRepository}. Every property is optional; the defaults are the safe ones.
 *
 * <pre>{@code
 * ImmutableRepositoryProps.builder()
 *     .repositoryName("api")
 *     .floatingTags(List.of("latest"))
 *     .build();
 * }</pre>
 */
public final class ImmutableRepositoryProps {
    private final String repositoryName;
    private final List<String> floatingTags;
    private final String mutableTagsReason;
    private final Boolean imageScanOnPush;
    private final IKeyRef encryptionKey;
    private final RepositoryEncryption encryption;
    private final Duration expireUntaggedImagesAfter;
    private final List<LifecycleRule> lifecycleRules;
    private final RemovalPolicy removalPolicy;

    private ImmutableRepositoryProps(Builder b) {
        this.repositoryName = b.repositoryName;
        this.floatingTags = b.floatingTags == null ? null : Collections.unmodifiableList(new ArrayList<>(b.floatingTags));
        this.mutableTagsReason = b.mutableTagsReason;
        this.imageScanOnPush = b.imageScanOnPush;
        this.encryptionKey = b.encryptionKey;
        this.encryption = b.encryption;
        this.expireUntaggedImagesAfter = b.expireUntaggedImagesAfter;
        this.lifecycleRules = b.lifecycleRules == null ? null : List.copyOf(b.lifecycleRules);
        this.removalPolicy = b.removalPolicy;
    }

    /**
     * A builder with every default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The repository name. Default: a name CloudFormation generates.
     *
     * @return the repository name
     */
    public String getRepositoryName() {
        return repositoryName;
    }

    /**
     * Tags that may move (wildcard filters such as {@code latest} or {@code dev-*}): the repository becomes
     * {@code IMMUTABLE_WITH_EXCLUSION} with these filters. Default: none, every tag is immutable ({@code IMMUTABLE}).
     *
     * @return the floating tags
     */
    public List<String> getFloatingTags() {
        return floatingTags;
    }

    /**
     * Why this repository's tags must be overwritable. Setting it is the only way to a {@code MUTABLE} repository.
     * Default: none (the repository is immutable).
     *
     * @return the mutable tags reason
     */
    public String getMutableTagsReason() {
        return mutableTagsReason;
    }

    /**
     * Whether images are scanned for vulnerabilities on push. Default: {@code true}.
     *
     * @return whether images are scanned on push, or null for the default
     */
    public Boolean getImageScanOnPush() {
        return imageScanOnPush;
    }

    /**
     * The KMS key that encrypts images. Default: none, images are encrypted with AES-256.
     *
     * @return the encryption key
     */
    public IKeyRef getEncryptionKey() {
        return encryptionKey;
    }

    /**
     * The encryption type. Default: {@code KMS} when an encryption key is given, {@code AES_256} otherwise.
     *
     * @return the encryption
     */
    public RepositoryEncryption getEncryption() {
        return encryption;
    }

    /**
     * How long after push an untagged image is expired by a lifecycle rule, in whole days (1 or more). Default:
     * none, no image is ever expired. Opt-in because in an immutable repository the untagged images are mostly the
     * per-platform images of multi-arch indexes, signatures, attestations and images deployed by digest: expiring
     * them can delete what runs.
     *
     * @return the age after which untagged images expire, or null for never
     */
    public Duration getExpireUntaggedImagesAfter() {
        return expireUntaggedImagesAfter;
    }

    /**
     * Further lifecycle rules, added after the untagged-image rule (if any). Default: none.
     *
     * @return the lifecycle rules
     */
    public List<LifecycleRule> getLifecycleRules() {
        return lifecycleRules;
    }

    /**
     * What happens to the repository when it leaves the stack. Default: {@code RETAIN}. Images are never emptied
     * on delete, so with {@code DESTROY} CloudFormation cannot delete a repository that still holds images.
     *
     * @return the removal policy
     */
    public RemovalPolicy getRemovalPolicy() {
        return removalPolicy;
    }

    /** Builds {@link ImmutableRepositoryProps}. */
    public static final class Builder {
        private String repositoryName;
        private List<String> floatingTags;
        private String mutableTagsReason;
        private Boolean imageScanOnPush;
        private IKeyRef encryptionKey;
        private RepositoryEncryption encryption;
        private Duration expireUntaggedImagesAfter;
        private List<LifecycleRule> lifecycleRules;
        private RemovalPolicy removalPolicy;

        private Builder() {}

        /**
         * Sets {@link ImmutableRepositoryProps#getRepositoryName()}.
         *
         * @param repositoryName the repository name
         * @return this builder
         */
        public Builder repositoryName(String repositoryName) {
            this.repositoryName = repositoryName;
            return this;
        }

        /**
         * Sets {@link ImmutableRepositoryProps#getFloatingTags()}.
         *
         * @param floatingTags the floating tags
         * @return this builder
         */
        public Builder floatingTags(List<String> floatingTags) {
            this.floatingTags = floatingTags;
            return this;
        }

        /**
         * Sets {@link ImmutableRepositoryProps#getMutableTagsReason()}.
         *
         * @param mutableTagsReason why the tags must be overwritable (at least 10 characters)
         * @return this builder
         */
        public Builder mutableTagsReason(String mutableTagsReason) {
            this.mutableTagsReason = mutableTagsReason;
            return this;
        }

        /**
         * Sets {@link ImmutableRepositoryProps#getImageScanOnPush()}.
         *
         * @param imageScanOnPush whether images are scanned on push
         * @return this builder
         */
        public Builder imageScanOnPush(Boolean imageScanOnPush) {
            this.imageScanOnPush = imageScanOnPush;
            return this;
        }

        /**
         * Sets {@link ImmutableRepositoryProps#getEncryptionKey()}.
         *
         * @param encryptionKey the encryption key
         * @return this builder
         */
        public Builder encryptionKey(IKeyRef encryptionKey) {
            this.encryptionKey = encryptionKey;
            return this;
        }

        /**
         * Sets {@link ImmutableRepositoryProps#getEncryption()}.
         *
         * @param encryption the encryption
         * @return this builder
         */
        public Builder encryption(RepositoryEncryption encryption) {
            this.encryption = encryption;
            return this;
        }

        /**
         * Sets {@link ImmutableRepositoryProps#getExpireUntaggedImagesAfter()}.
         *
         * @param age how long after push untagged images expire, in whole days (1 or more)
         * @return this builder
         */
        public Builder expireUntaggedImagesAfter(Duration age) {
            this.expireUntaggedImagesAfter = age;
            return this;
        }

        /**
         * Sets {@link ImmutableRepositoryProps#getLifecycleRules()}.
         *
         * @param lifecycleRules the lifecycle rules
         * @return this builder
         */
        public Builder lifecycleRules(List<? extends LifecycleRule> lifecycleRules) {
            this.lifecycleRules = lifecycleRules == null ? null : new ArrayList<>(lifecycleRules);
            return this;
        }

        /**
         * Sets {@link ImmutableRepositoryProps#getRemovalPolicy()}.
         *
         * @param removalPolicy the removal policy
         * @return this builder
         */
        public Builder removalPolicy(RemovalPolicy removalPolicy) {
            this.removalPolicy = removalPolicy;
            return this;
        }

        /**
         * The properties.
         *
         * @return the properties with this builder's values
         */
        public ImmutableRepositoryProps build() {
            return new ImmutableRepositoryProps(this);
        }
    }
}
