package dev.ecrguard.cdktf;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
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
 *   <tr><td>{@code repositoryName}</td><td>generated from the construct path ({@code registry/api})</td></tr>
 *   <tr><td>tag mutability</td><td>{@code IMMUTABLE}; {@code IMMUTABLE_WITH_EXCLUSION} with {@link Builder#floatingTags};
 *       {@code MUTABLE} only with {@link Builder#mutableTagsReason(String)}</td></tr>
 *   <tr><td>{@code imageScanOnPush}</td><td>{@code true}</td></tr>
 *   <tr><td>{@code forceDelete}</td><td>{@code false}</td></tr>
 *   <tr><td>{@code expireUntaggedImagesAfter}</td><td>none: no lifecycle policy, no image is ever expired</td></tr>
 *   <tr><td>{@code floatingTags}</td><td>none</td></tr>
 *   <tr><td>{@code awsProviderVersionMode}</td><td>{@link AwsProviderVersionMode#CHECK_ONLY} (used only with floating tags)</td></tr>
 *   <tr><td>{@code awsProviderVersion}</td><td>{@value ImmutableEcrRepository#DEFAULT_AWS_PROVIDER_VERSION}, written
 *       only with {@link AwsProviderVersionMode#SET_ON_STACK}</td></tr>
 *   <tr><td>{@code encryption} / {@code encryptionKey}</td><td>{@code KMS} when a key is given, else {@code AES_256}
 *       (ECR's default, nothing written)</td></tr>
 *   <tr><td>{@code lifecycleRules}</td><td>none: further lifecycle rules, after the untagged-image rule</td></tr>
 *   <tr><td>{@code tags}</td><td>none</td></tr>
 *   <tr><td>{@code provider}, {@code dependsOn}</td><td>none (the stack's default AWS provider)</td></tr>
 *   <tr><td>{@code lifecycle}</td><td>{@code prevent_destroy = true} (kept unless the given lifecycle sets it)</td></tr>
 *   <tr><td>{@code movedFrom}</td><td>none; the Terraform address of an existing {@code aws_ecr_repository} to move
 *       into this one</td></tr>
 * </table>
 */
public final class ImmutableEcrRepositoryProps {
    private final String repositoryName;
    private final boolean imageScanOnPush;
    private final boolean forceDelete;
    private final Duration expireUntaggedImagesAfter;
    private final List<String> floatingTags;
    private final AwsProviderVersionMode awsProviderVersionMode;
    private final String awsProviderVersion;
    private final String mutableTagsReason;
    private final Map<String, String> tags;
    private final RepositoryEncryption encryption;
    private final String encryptionKey;
    private final List<LifecycleRule> lifecycleRules;
    private final TerraformProvider provider;
    private final List<ITerraformDependable> dependsOn;
    private final TerraformResourceLifecycle lifecycle;
    private final String movedFrom;

    private ImmutableEcrRepositoryProps(Builder b) {
        this.repositoryName = b.repositoryName;
        this.imageScanOnPush = b.imageScanOnPush;
        this.forceDelete = b.forceDelete;
        this.expireUntaggedImagesAfter = b.expireUntaggedImagesAfter;
        this.floatingTags = b.floatingTags == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(b.floatingTags));
        this.awsProviderVersionMode = b.awsProviderVersionMode;
        this.awsProviderVersion = b.awsProviderVersion;
        this.mutableTagsReason = b.mutableTagsReason;
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
        this.encryption = b.encryption;
        this.encryptionKey = b.encryptionKey;
        this.lifecycleRules = List.copyOf(b.lifecycleRules);
        this.provider = b.provider;
        this.dependsOn = List.copyOf(b.dependsOn);
        this.lifecycle = b.lifecycle;
        this.movedFrom = b.movedFrom;
    }

    /**
     * A builder with every default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the repository name, or null for one generated from the construct path} */
    public String repositoryName() {
        return repositoryName;
    }

    /** {@return whether every pushed image is scanned} */
    public boolean imageScanOnPush() {
        return imageScanOnPush;
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

    /** {@return the encryption as given, or null for the default (KMS with a key, else AES-256)} */
    public RepositoryEncryption encryption() {
        return encryption;
    }

    /** {@return the ARN (or a reference) of the KMS key that encrypts images, or null} */
    public String encryptionKey() {
        return encryptionKey;
    }

    /** {@return the lifecycle rules after the untagged-image rule} */
    public List<LifecycleRule> lifecycleRules() {
        return lifecycleRules;
    }

    /** {@return the AWS provider of the repository's resources, or null for the stack's default one} */
    public TerraformProvider provider() {
        return provider;
    }

    /** {@return what the repository's resources depend on} */
    public List<ITerraformDependable> dependsOn() {
        return dependsOn;
    }

    /** {@return the repository's lifecycle as given, or null (then only {@code prevent_destroy = true})} */
    public TerraformResourceLifecycle lifecycle() {
        return lifecycle;
    }

    /** {@return the Terraform address of an existing repository moved into this one, or null} */
    public String movedFrom() {
        return movedFrom;
    }

    /** Builds {@link ImmutableEcrRepositoryProps}; every property has a safe default. */
    public static final class Builder {
        private String repositoryName;
        private boolean imageScanOnPush = true;
        private boolean forceDelete = false;
        private Duration expireUntaggedImagesAfter;
        private List<String> floatingTags;
        private AwsProviderVersionMode awsProviderVersionMode = AwsProviderVersionMode.CHECK_ONLY;
        private String awsProviderVersion;
        private String mutableTagsReason;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private RepositoryEncryption encryption;
        private String encryptionKey;
        private final List<LifecycleRule> lifecycleRules = new ArrayList<>();
        private TerraformProvider provider;
        private final List<ITerraformDependable> dependsOn = new ArrayList<>();
        private TerraformResourceLifecycle lifecycle;
        private String movedFrom;

        private Builder() {}

        /**
         * The repository name, {@code name} of {@code aws_ecr_repository}. Default: generated from the construct
         * path, lower case ({@code registry/Api} gives {@code registry/api}).
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
         * @param imageScanOnPush whether pushed images are scanned
         * @return this builder
         */
        public Builder imageScanOnPush(boolean imageScanOnPush) {
            this.imageScanOnPush = imageScanOnPush;
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
         * Opt out of immutability, as the CDK construct's {@code mutableTagsReason}: the repository is {@code MUTABLE}
         * and tags can be moved. The reason is required and
         * is written into the synthesized resource as an ecr-guard waiver of ECR001, so {@code ecr-guard check} and
         * {@link EcrGuard} report the finding as waived, with this reason, instead of failing.
         *
         * @param reason why the tags must be overwritable
         * @return this builder
         */
        public Builder mutableTagsReason(String reason) {
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
         * The encryption type (default: {@code KMS} when an {@link #encryptionKey} is given, else {@code AES_256}).
         * {@code KMS} without a key uses the AWS managed key for ECR.
         *
         * @param encryption the encryption
         * @return this builder
         */
        public Builder encryption(RepositoryEncryption encryption) {
            this.encryption = encryption;
            return this;
        }

        /**
         * The KMS key that encrypts images: its ARN, or a reference such as {@code kmsKey.getArn()}.
         *
         * @param keyArn the key
         * @return this builder
         */
        public Builder encryptionKey(String keyArn) {
            this.encryptionKey = keyArn;
            return this;
        }

        /**
         * Lifecycle rules after the untagged-image rule (if any), in priority order, replacing any given before. A
         * rule selecting {@link LifecycleRule.TagStatus#ANY} image must come last.
         *
         * @param rules the rules
         * @return this builder
         */
        public Builder lifecycleRules(List<LifecycleRule> rules) {
            this.lifecycleRules.clear();
            this.lifecycleRules.addAll(Objects.requireNonNull(rules, "rules"));
            return this;
        }

        /**
         * The AWS provider of the repository's resources (an aliased provider for another region or account).
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder provider(TerraformProvider provider) {
            this.provider = provider;
            return this;
        }

        /**
         * What the repository's resources depend on ({@code depends_on}), replacing any given before.
         *
         * @param dependsOn resources or modules
         * @return this builder
         */
        public Builder dependsOn(List<? extends ITerraformDependable> dependsOn) {
            this.dependsOn.clear();
            this.dependsOn.addAll(Objects.requireNonNull(dependsOn, "dependsOn"));
            return this;
        }

        /**
         * The repository's {@code lifecycle} block. Its {@code prevent_destroy} stays {@code true} unless this
         * lifecycle sets it: a repository holding the images that run is not destroyed by a plan.
         *
         * @param lifecycle the lifecycle
         * @return this builder
         */
        public Builder lifecycle(TerraformResourceLifecycle lifecycle) {
            this.lifecycle = lifecycle;
            return this;
        }

        /**
         * Moves an existing repository into this construct without destroying it: a Terraform {@code moved} block
         * from {@code address} ({@code aws_ecr_repository.app}, the address the resource has in the state) to this
         * construct's repository. For migrating an {@code EcrRepository} to this construct.
         *
         * @param address the existing resource's address
         * @return this builder
         */
        public Builder movedFrom(String address) {
            this.movedFrom = address;
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
