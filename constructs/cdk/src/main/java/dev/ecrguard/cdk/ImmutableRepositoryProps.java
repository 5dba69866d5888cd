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
    /** Untagged images are expired after this many days unless {@link Builder#untaggedImageExpiry} says otherwise. */
    public static final int DEFAULT_UNTAGGED_IMAGE_EXPIRY_DAYS = 14;

    private final String repositoryName;
    private final List<String> floatingTags;
    private final String mutableTagsReason;
    private final Boolean imageScanOnPush;
    private final IKeyRef encryptionKey;
    private final RepositoryEncryption encryption;
    private final Boolean expireUntaggedImages;
    private final Duration untaggedImageExpiry;
    private final List<LifecycleRule> lifecycleRules;
    private final RemovalPolicy removalPolicy;

    private ImmutableRepositoryProps(Builder b) {
        this.repositoryName = b.repositoryName;
        this.floatingTags = b.floatingTags == null ? null : Collections.unmodifiableList(new ArrayList<>(b.floatingTags));
        this.mutableTagsReason = b.mutableTagsReason;
        this.imageScanOnPush = b.imageScanOnPush;
        this.encryptionKey = b.encryptionKey;
        this.encryption = b.encryption;
        this.expireUntaggedImages = b.expireUntaggedImages;
        this.untaggedImageExpiry = b.untaggedImageExpiry;
        this.lifecycleRules = b.lifecycleRules == null ? null : List.copyOf(b.lifecycleRules);
        this.removalPolicy = b.removalPolicy;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The repository name. Default: a name CloudFormation generates. */
    public String getRepositoryName() {
        return repositoryName;
    }

    /**
     * Tags that may move (wildcard filters such as {@code latest} or {@code dev-*}): the repository becomes
     * {@code IMMUTABLE_WITH_EXCLUSION} with these filters. Default: none, every tag is immutable ({@code IMMUTABLE}).
     */
    public List<String> getFloatingTags() {
        return floatingTags;
    }

    /**
     * Why this repository's tags must be overwritable. Setting it is the only way to a {@code MUTABLE} repository.
     * Default: none (the repository is immutable).
     */
    public String getMutableTagsReason() {
        return mutableTagsReason;
    }

    /** Whether images are scanned for vulnerabilities on push. Default: {@code true}. */
    public Boolean getImageScanOnPush() {
        return imageScanOnPush;
    }

    /** The KMS key that encrypts images. Default: none, images are encrypted with AES-256. */
    public IKeyRef getEncryptionKey() {
        return encryptionKey;
    }

    /** The encryption type. Default: {@code KMS} when an encryption key is given, {@code AES_256} otherwise. */
    public RepositoryEncryption getEncryption() {
        return encryption;
    }

    /** Whether a lifecycle rule expires untagged images. Default: {@code true}. */
    public Boolean getExpireUntaggedImages() {
        return expireUntaggedImages;
    }

    /** How long an untagged image is kept before the lifecycle rule expires it. Default: 14 days. */
    public Duration getUntaggedImageExpiry() {
        return untaggedImageExpiry;
    }

    /** Further lifecycle rules, added after the untagged-image rule. Default: none. */
    public List<LifecycleRule> getLifecycleRules() {
        return lifecycleRules;
    }

    /**
     * What happens to the repository when it leaves the stack. Default: {@code RETAIN}. Images are never emptied
     * on delete, so with {@code DESTROY} CloudFormation cannot delete a repository that still holds images.
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
        private Boolean expireUntaggedImages;
        private Duration untaggedImageExpiry;
        private List<LifecycleRule> lifecycleRules;
        private RemovalPolicy removalPolicy;

        private Builder() {}

        /** @see ImmutableRepositoryProps#getRepositoryName() */
        public Builder repositoryName(String repositoryName) {
            this.repositoryName = repositoryName;
            return this;
        }

        /** @see ImmutableRepositoryProps#getFloatingTags() */
        public Builder floatingTags(List<String> floatingTags) {
            this.floatingTags = floatingTags;
            return this;
        }

        /** @see ImmutableRepositoryProps#getMutableTagsReason() */
        public Builder mutableTagsReason(String mutableTagsReason) {
            this.mutableTagsReason = mutableTagsReason;
            return this;
        }

        /** @see ImmutableRepositoryProps#getImageScanOnPush() */
        public Builder imageScanOnPush(Boolean imageScanOnPush) {
            this.imageScanOnPush = imageScanOnPush;
            return this;
        }

        /** @see ImmutableRepositoryProps#getEncryptionKey() */
        public Builder encryptionKey(IKeyRef encryptionKey) {
            this.encryptionKey = encryptionKey;
            return this;
        }

        /** @see ImmutableRepositoryProps#getEncryption() */
        public Builder encryption(RepositoryEncryption encryption) {
            this.encryption = encryption;
            return this;
        }

        /** @see ImmutableRepositoryProps#getExpireUntaggedImages() */
        public Builder expireUntaggedImages(Boolean expireUntaggedImages) {
            this.expireUntaggedImages = expireUntaggedImages;
            return this;
        }

        /** @see ImmutableRepositoryProps#getUntaggedImageExpiry() */
        public Builder untaggedImageExpiry(Duration untaggedImageExpiry) {
            this.untaggedImageExpiry = untaggedImageExpiry;
            return this;
        }

        /** @see ImmutableRepositoryProps#getLifecycleRules() */
        public Builder lifecycleRules(List<? extends LifecycleRule> lifecycleRules) {
            this.lifecycleRules = lifecycleRules == null ? null : new ArrayList<>(lifecycleRules);
            return this;
        }

        /** @see ImmutableRepositoryProps#getRemovalPolicy() */
        public Builder removalPolicy(RemovalPolicy removalPolicy) {
            this.removalPolicy = removalPolicy;
            return this;
        }

        public ImmutableRepositoryProps build() {
            return new ImmutableRepositoryProps(this);
        }
    }
}
