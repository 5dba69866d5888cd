package dev.ecrguard.cdk;

import dev.ecrguard.FloatingTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.interfaces.kms.IKeyRef;
import software.amazon.awscdk.services.ecr.CfnRepository;
import software.amazon.awscdk.services.ecr.ImageTagMutabilityExclusionFilter;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.RepositoryEncryption;
import software.amazon.awscdk.services.ecr.RepositoryProps;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.amazon.awscdk.services.ecr.TagStatus;
import software.constructs.Construct;

/**
 * An ECR repository whose defaults are the safe ones: image tags are {@code IMMUTABLE}, images are scanned on push,
 * the repository is retained when it leaves the stack and never emptied on delete, no image is ever expired (see
 * {@link ImmutableRepositoryProps#getExpireUntaggedImagesAfter()}), and images are encrypted with AES-256 (KMS when
 * a key is given).
 *
 * <p>It is a {@link Repository}, so it drops into existing code: {@code getRepositoryUri()},
 * {@code getRepositoryArn()}, {@code grantPull(...)}, {@code grantPullPush(...)} work as usual.
 *
 * <pre>{@code
 * ImmutableRepository repo = new ImmutableRepository(this, "Api", ImmutableRepositoryProps.builder()
 *     .repositoryName("api")
 *     .floatingTags(List.of("latest"))   // IMMUTABLE_WITH_EXCLUSION: only 'latest' may move
 *     .build());
 * repo.grantPull(taskRole);
 * }</pre>
 *
 * <p>Floating tags: {@link ImmutableRepositoryProps#getFloatingTags()} names the tags that may move (wildcard
 * filters); the repository is then {@code IMMUTABLE_WITH_EXCLUSION}. The filters are checked here, at construction.
 *
 * <p>Mutable tags: only through {@link ImmutableRepositoryProps#getMutableTagsReason()}, which takes the reason.
 * The repository is then {@code MUTABLE}, and the construct accepts ecr-guard rule ECR001 for itself in CDK's own
 * way, {@code Validations.of(this).acknowledge(...)} with id {@code ECR001} and the reason, and writes the same
 * waiver into the resource's CloudFormation {@code Metadata} ({@code {"ecr-guard": {"waivers": [{"rule": "ECR001",
 * "reason": "..."}]}}}), so that the {@link EcrGuardPlugin}, the {@link EcrGuardAspect} and {@code ecr-guard check
 * cdk.out} all report it as waived, with the reason, rather than as a failure.
 */
public class ImmutableRepository extends Repository {
    /** The shortest reason accepted for mutable tags: a sentence, not a placeholder. */
    public static final int MIN_REASON_LENGTH = 10;

    /**
     * An immutable repository with every default: {@code IMMUTABLE}, scan on push, retained, no lifecycle rule.
     *
     * @param scope the parent construct
     * @param id the construct id
     */
    public ImmutableRepository(Construct scope, String id) {
        this(scope, id, null);
    }

    /**
     * A repository that is immutable unless the props give floating tags or a reason for mutable tags.
     *
     * @param scope the parent construct
     * @param id the construct id
     * @param props the properties, or null for the defaults
     * @throws IllegalArgumentException when the floating tags or the reason are not acceptable
     */
    public ImmutableRepository(Construct scope, String id, ImmutableRepositoryProps props) {
        super(scope, id, repositoryProps(where(scope, id), orDefault(props)));
        String reason = orDefault(props).getMutableTagsReason();
        if (reason != null) {
            Validations.of(this).acknowledge(Acknowledgment.builder().id("ECR001").reason(reason.strip()).build());
            CfnRepository cfn = (CfnRepository) getNode().getDefaultChild();
            cfn.addMetadata("ecr-guard", Map.of("waivers",
                    List.of(Map.of("rule", "ECR001", "reason", reason.strip()))));
        }
    }

    /**
     * The L1 resource, for escape hatches.
     *
     * @return the {@code AWS::ECR::Repository} resource
     */
    public CfnRepository getCfnRepository() {
        return (CfnRepository) getNode().getDefaultChild();
    }

    private static ImmutableRepositoryProps orDefault(ImmutableRepositoryProps props) {
        return props != null ? props : ImmutableRepositoryProps.builder().build();
    }

    private static String where(Construct scope, String id) {
        String parent = scope.getNode().getPath();
        return "ImmutableRepository " + (parent.isEmpty() ? id : parent + "/" + id);
    }

    static RepositoryProps repositoryProps(String where, ImmutableRepositoryProps p) {
        RepositoryProps.Builder b = RepositoryProps.builder()
                .repositoryName(p.getRepositoryName())
                .imageScanOnPush(p.getImageScanOnPush() == null || p.getImageScanOnPush())
                .removalPolicy(p.getRemovalPolicy() != null ? p.getRemovalPolicy() : RemovalPolicy.RETAIN);

        String reason = p.getMutableTagsReason();
        List<String> floating = p.getFloatingTags();
        if (reason != null) {
            if (reason.strip().length() < MIN_REASON_LENGTH) {
                throw new IllegalArgumentException(where + ": mutableTagsReason must say why this repository's tags "
                        + "must be overwritable (at least " + MIN_REASON_LENGTH + " characters), for example "
                        + "'build cache: every CI run overwrites the cache tag'. To keep tags immutable, leave "
                        + "mutableTagsReason unset.");
            }
            if (floating != null) {
                throw new IllegalArgumentException(where + ": set floatingTags or mutableTagsReason, not both. "
                        + "floatingTags keeps every other tag immutable; mutableTagsReason makes every tag mutable.");
            }
            b.imageTagMutability(TagMutability.MUTABLE);
        } else if (floating != null) {
            FloatingTags.validate(where, floating, "mutableTagsReason", Integer.MAX_VALUE);
            b.imageTagMutability(TagMutability.IMMUTABLE_WITH_EXCLUSION)
                    .imageTagMutabilityExclusionFilters(floating.stream()
                            .map(ImageTagMutabilityExclusionFilter::wildcard).toList());
        } else {
            b.imageTagMutability(TagMutability.IMMUTABLE);
        }

        IKeyRef key = p.getEncryptionKey();
        RepositoryEncryption encryption = p.getEncryption();
        if (encryption == null) {
            encryption = key != null ? RepositoryEncryption.KMS : RepositoryEncryption.AES_256;
        } else if (key != null && encryption == RepositoryEncryption.AES_256) {
            throw new IllegalArgumentException(where + ": encryption is AES_256 but an encryptionKey is given; drop "
                    + "the key for AES-256, or drop encryption (or set it to KMS) to encrypt with the key.");
        }
        b.encryption(encryption);
        if (key != null) {
            b.encryptionKey(key);
        }

        List<LifecycleRule> rules = new ArrayList<>();
        Duration age = p.getExpireUntaggedImagesAfter();
        if (age != null) {
            rules.add(LifecycleRule.builder()
                    .description("Expire untagged images " + wholeDays(where, age) + " days after push")
                    .tagStatus(TagStatus.UNTAGGED)
                    .maxImageAge(age)
                    .build());
        }
        if (p.getLifecycleRules() != null) {
            rules.addAll(p.getLifecycleRules());
        }
        if (!rules.isEmpty()) {
            b.lifecycleRules(rules);
        }
        return b.build();
    }

    /** The duration in whole days, 1 or more: ECR lifecycle rules count images' age in days. */
    private static long wholeDays(String where, Duration age) {
        double days;
        try {
            days = age.toDays().doubleValue();
        } catch (RuntimeException e) {
            days = 0;
        }
        if (days < 1) {
            throw new IllegalArgumentException(where + ": expireUntaggedImagesAfter must be a whole number of days, 1 "
                    + "or more (ECR lifecycle rules count in days), got " + age.toHumanString() + "; for example "
                    + "Duration.days(30), or leave it unset so that no image is ever expired.");
        }
        return (long) days;
    }

    /** A CDK-style builder: {@code ImmutableRepository.Builder.create(this, "Api").floatingTags(...).build()}. */
    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final ImmutableRepositoryProps.Builder props = ImmutableRepositoryProps.builder();

        private Builder(Construct scope, String id) {
            this.scope = scope;
            this.id = id;
        }

        /**
         * A builder for an {@code ImmutableRepository}.
         *
         * @param scope the parent construct
         * @param id the construct id
         * @return a new builder
         */
        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /**
         * Sets {@link ImmutableRepositoryProps#getRepositoryName()}.
         *
         * @param repositoryName the repository name
         * @return this builder
         */
        public Builder repositoryName(String repositoryName) {
            props.repositoryName(repositoryName);
            return this;
        }

        /**
         * Sets {@link ImmutableRepositoryProps#getFloatingTags()}.
         *
         * @param floatingTags the floating tags
         * @return this builder
         */
        public Builder floatingTags(List<String> floatingTags) {
            props.floatingTags(floatingTags);
            return this;
        }

        /**
         * Sets {@link ImmutableRepositoryProps#getMutableTagsReason()}.
         *
         * @param reason why the tags must be overwritable (at least 10 characters)
         * @return this builder
         */
        public Builder mutableTagsReason(String reason) {
            props.mutableTagsReason(reason);
            return this;
        }

        /**
         * Sets {@link ImmutableRepositoryProps#getImageScanOnPush()}.
         *
         * @param imageScanOnPush whether images are scanned on push
         * @return this builder
         */
        public Builder imageScanOnPush(Boolean imageScanOnPush) {
            props.imageScanOnPush(imageScanOnPush);
            return this;
        }

        /**
         * Sets {@link ImmutableRepositoryProps#getEncryptionKey()}.
         *
         * @param encryptionKey the encryption key
         * @return this builder
         */
        public Builder encryptionKey(IKeyRef encryptionKey) {
            props.encryptionKey(encryptionKey);
            return this;
        }

        /**
         * Sets {@link ImmutableRepositoryProps#getEncryption()}.
         *
         * @param encryption the encryption
         * @return this builder
         */
        public Builder encryption(RepositoryEncryption encryption) {
            props.encryption(encryption);
            return this;
        }

        /**
         * Sets {@link ImmutableRepositoryProps#getExpireUntaggedImagesAfter()}.
         *
         * @param age how long after push untagged images expire, in whole days (1 or more)
         * @return this builder
         */
        public Builder expireUntaggedImagesAfter(Duration age) {
            props.expireUntaggedImagesAfter(age);
            return this;
        }

        /**
         * Sets {@link ImmutableRepositoryProps#getLifecycleRules()}.
         *
         * @param rules further lifecycle rules
         * @return this builder
         */
        public Builder lifecycleRules(List<? extends LifecycleRule> rules) {
            props.lifecycleRules(rules);
            return this;
        }

        /**
         * Sets {@link ImmutableRepositoryProps#getRemovalPolicy()}.
         *
         * @param removalPolicy the removal policy
         * @return this builder
         */
        public Builder removalPolicy(RemovalPolicy removalPolicy) {
            props.removalPolicy(removalPolicy);
            return this;
        }

        /**
         * Makes the repository.
         *
         * @return the repository
         * @throws IllegalArgumentException when the floating tags or the reason are not acceptable
         */
        public ImmutableRepository build() {
            return new ImmutableRepository(scope, id, props.build());
        }
    }
}
