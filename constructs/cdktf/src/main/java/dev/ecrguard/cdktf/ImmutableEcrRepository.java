package dev.ecrguard.cdktf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Annotations;
import com.hashicorp.cdktf.Aspects;
import com.hashicorp.cdktf.IAspect;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.ecr_lifecycle_policy.EcrLifecyclePolicy;
import com.hashicorp.cdktf.providers.aws.ecr_repository.EcrRepository;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.aws.ecr_repository.EcrRepositoryEncryptionConfiguration;
import com.hashicorp.cdktf.providers.aws.ecr_repository.EcrRepositoryImageScanningConfiguration;
import com.hashicorp.cdktf.providers.aws.ecr_repository_policy.EcrRepositoryPolicy;
import dev.ecrguard.waivers.Result;
import dev.ecrguard.FloatingTags;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.report.SafeText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * An {@code aws_ecr_repository} whose image tags cannot be moved, by default:
 * {@code IMMUTABLE}, scan on push on, {@code force_delete} off, and optionally an {@code aws_ecr_lifecycle_policy}
 * that expires untagged images. See {@link ImmutableEcrRepositoryProps} for every setting and its default.
 *
 * <p>Floating tags ({@code IMMUTABLE_WITH_EXCLUSION} with WILDCARD filters) are written with {@code addOverride},
 * because the 18.x bindings predate the block; they are validated here, and the stack's AWS provider constraint is
 * required (by default) or made (on request) to admit only 6.8.0 or later, see {@link AwsProviderVersionMode}.
 *
 * <p>The opt-out to mutable tags ({@link ImmutableEcrRepositoryProps.Builder#mutableTagsReason(String)}) writes an
 * ECR001 waiver with its reason into the resource's {@code "//"} block, where the ecr-guard checker reads it.
 *
 * <p>The repository is kept: {@code force_delete} off and {@code lifecycle.prevent_destroy} on, the counterparts of
 * the CDK construct's {@code RETAIN}.
 */
public class ImmutableEcrRepository extends Construct {
    /** The constraint written by {@link AwsProviderVersionMode#SET_ON_STACK} unless another is given. */
    public static final String DEFAULT_AWS_PROVIDER_VERSION = "~> 6.8";
    /** The shortest reason accepted for mutable tags: a sentence, not a placeholder (as the CDK construct). */
    public static final int MIN_REASON_LENGTH = 10;
    /** Where the stack's AWS provider constraint is, for {@code addOverride}. */
    static final String PROVIDER_CONSTRAINT_PATH = "terraform.required_providers.aws.version";
    /** The rule that judges the provider constraint against the exclusion filters (rego/policies/ecr009_*.rego). */
    static final String PROVIDER_VERSION_RULE = "ECR009";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** ECR repository names: lower-case components of letters and digits joined by {@code .}, {@code _} or {@code -}. */
    private static final int MAX_NAME_LENGTH = 256;

    /** What {@link #grantPull} allows: what CDK's {@code grantPull} allows on the repository. */
    static final List<String> PULL_ACTIONS = List.of("ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer",
            "ecr:BatchGetImage");

    private final EcrRepository repository;
    private final EcrLifecyclePolicy lifecyclePolicy;
    private final String tagMutability;
    private final ImmutableEcrRepositoryProps props;
    private final List<String> pullPrincipals = new ArrayList<>();
    private EcrRepositoryPolicy repositoryPolicy;

    /**
     * A repository that is immutable unless the props give floating tags or a reason for mutable tags.
     *
     * @param scope the parent construct
     * @param id the construct id
     * @param props the properties
     * @throws IllegalArgumentException when the props are not acceptable
     */
    public ImmutableEcrRepository(@NotNull Construct scope, @NotNull String id, @NotNull ImmutableEcrRepositoryProps props) {
        super(scope, id);
        String where = "ImmutableEcrRepository " + getNode().getPath() + ": ";
        validate(where, props);
        this.props = props;

        boolean floating = !props.floatingTags().isEmpty();
        boolean mutable = props.mutableTagsReason() != null;
        this.tagMutability = mutable ? "MUTABLE" : floating ? "IMMUTABLE_WITH_EXCLUSION" : "IMMUTABLE";

        EcrRepository.Builder builder = EcrRepository.Builder.create(this, "Repository")
                .name(props.repositoryName() != null ? props.repositoryName() : generatedName(getNode().getPath()))
                .imageTagMutability(tagMutability)
                .imageScanningConfiguration(EcrRepositoryImageScanningConfiguration.builder()
                        .scanOnPush(props.imageScanOnPush()).build())
                .forceDelete(props.forceDelete())
                .lifecycle(keptLifecycle(props.lifecycle()));
        if (!props.tags().isEmpty()) {
            builder.tags(props.tags());
        }
        RepositoryEncryption encryption = props.encryption() != null ? props.encryption()
                : props.encryptionKey() != null ? RepositoryEncryption.KMS : RepositoryEncryption.AES_256;
        if (encryption == RepositoryEncryption.KMS) {
            EcrRepositoryEncryptionConfiguration.Builder kms = new EcrRepositoryEncryptionConfiguration.Builder()
                    .encryptionType(encryption.terraformValue());
            if (props.encryptionKey() != null) {
                kms.kmsKey(props.encryptionKey());
            }
            builder.encryptionConfiguration(List.of(kms.build()));
        }
        if (props.provider() != null) {
            builder.provider(props.provider());
        }
        if (!props.dependsOn().isEmpty()) {
            builder.dependsOn(props.dependsOn());
        }
        this.repository = builder.build();
        if (props.movedFrom() != null) {
            repository.moveFromId(props.movedFrom());
        }

        if (floating) {
            List<Map<String, Object>> blocks = new ArrayList<>();
            for (String filter : props.floatingTags()) {
                Map<String, Object> block = new LinkedHashMap<>();
                block.put("filter", filter);
                block.put("filter_type", "WILDCARD");
                blocks.add(block);
            }
            repository.addOverride("image_tag_mutability_exclusion_filter", blocks);
            if (props.awsProviderVersionMode() == AwsProviderVersionMode.SET_ON_STACK) {
                TerraformStack.of(this).addOverride(PROVIDER_CONSTRAINT_PATH, props.awsProviderVersion() != null
                        ? props.awsProviderVersion() : DEFAULT_AWS_PROVIDER_VERSION);
            }
            Aspects.of(this).add(new ProviderVersionCheck(this));
        }
        if (mutable) {
            Map<String, Object> waiver = new LinkedHashMap<>();
            waiver.put("rule", "ECR001");
            waiver.put("reason", props.mutableTagsReason().trim());
            repository.addOverride("//.ecr-guard.waivers", List.of(waiver));
        }
        List<LifecycleRule> rules = new ArrayList<>();
        if (props.expireUntaggedImagesAfter() != null) {
            long days = props.expireUntaggedImagesAfter().toDays();
            rules.add(LifecycleRule.builder().description("Expire untagged images " + days + " days after push")
                    .tagStatus(LifecycleRule.TagStatus.UNTAGGED).maxImageAge(props.expireUntaggedImagesAfter()).build());
        }
        rules.addAll(props.lifecycleRules());
        if (!rules.isEmpty()) {
            EcrLifecyclePolicy.Builder policy = EcrLifecyclePolicy.Builder.create(this, "LifecyclePolicy")
                    .repository(repository.getName())
                    .policy(lifecyclePolicy(rules));
            if (props.provider() != null) {
                policy.provider(props.provider());
            }
            this.lifecyclePolicy = policy.build();
        } else {
            this.lifecyclePolicy = null;
        }
    }

    /**
     * Lets these principals pull images (what CDK's {@code repository.grantPull} allows), through the repository's
     * {@code aws_ecr_repository_policy}, which the first grant creates. A principal is an IAM ARN or a reference
     * such as {@code role.getArn()}; a wildcard is refused, since the repository would be open to every AWS account.
     *
     * @param principalArns IAM principal ARNs (roles, users, {@code arn:aws:iam::123456789012:root})
     * @return this construct
     * @throws IllegalArgumentException for a principal that is neither an ARN nor a reference
     */
    public ImmutableEcrRepository grantPull(String... principalArns) {
        for (String principal : principalArns) {
            boolean reference = Boolean.TRUE.equals(Token.isUnresolved(principal));
            if (!reference && (principal == null || !principal.startsWith("arn:") || principal.contains("*"))) {
                throw new IllegalArgumentException("ImmutableEcrRepository " + getNode().getPath() + ": grantPull takes"
                        + " IAM principal ARNs or references (role.getArn()), got '" + principal + "'; use "
                        + "grantPullToAccounts(\"123456789012\") for a whole account, never a wildcard");
            }
            if (!pullPrincipals.contains(principal)) {
                pullPrincipals.add(principal);
            }
        }
        String policy = pullPolicy(pullPrincipals);
        if (repositoryPolicy == null) {
            EcrRepositoryPolicy.Builder builder = EcrRepositoryPolicy.Builder.create(this, "RepositoryPolicy")
                    .repository(repository.getName()).policy(policy);
            if (props.provider() != null) {
                builder.provider(props.provider());
            }
            repositoryPolicy = builder.build();
        } else {
            repositoryPolicy.setPolicy(policy);
        }
        return this;
    }

    /**
     * Lets whole AWS accounts pull images: {@link #grantPull} for {@code arn:aws:iam::<account>:root}, which the
     * account's own IAM policies then delegate.
     *
     * @param accountIds 12-digit AWS account ids
     * @return this construct
     * @throws IllegalArgumentException for an id that is not 12 digits
     */
    public ImmutableEcrRepository grantPullToAccounts(String... accountIds) {
        List<String> principals = new ArrayList<>();
        for (String account : accountIds) {
            if (account == null || !account.matches("\\d{12}")) {
                throw new IllegalArgumentException("ImmutableEcrRepository " + getNode().getPath()
                        + ": grantPullToAccounts takes 12-digit AWS account ids, got '" + account + "'");
            }
            principals.add("arn:aws:iam::" + account + ":root");
        }
        return grantPull(principals.toArray(String[]::new));
    }

    /**
     * The repository policy that {@link #grantPull} writes, or null before the first grant.
     *
     * @return the repository policy
     */
    public EcrRepositoryPolicy getRepositoryPolicy() {
        return repositoryPolicy;
    }

    static String pullPolicy(List<String> principals) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", "EcrGuardPull");
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("AWS", List.copyOf(principals)));
        statement.put("Action", PULL_ACTIONS);
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "2012-10-17");
        policy.put("Statement", List.of(statement));
        return json(policy);
    }

    static String lifecyclePolicy(List<LifecycleRule> rules) {
        List<Map<String, Object>> written = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            written.add(rules.get(i).toPolicyRule(i + 1));
        }
        return json(Map.of("rules", written));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The underlying resource, for its attributes and for anything the props do not cover.
     *
     * @return the repository
     */
    public EcrRepository getRepository() {
        return repository;
    }

    /**
     * {@code repository_url}: a token that resolves to {@code ${aws_ecr_repository.<id>.repository_url}}.
     *
     * @return the repository url
     */
    public String getRepositoryUrl() {
        return repository.getRepositoryUrl();
    }

    /**
     * {@code arn}: a token that resolves to {@code ${aws_ecr_repository.<id>.arn}}.
     *
     * @return the repository arn
     */
    public String getRepositoryArn() {
        return repository.getArn();
    }

    /**
     * {@code name}, as a reference to the resource.
     *
     * @return the repository name
     */
    public String getRepositoryName() {
        return repository.getName();
    }

    /**
     * The lifecycle policy, or null when {@code expireUntaggedImagesAfter} was not set.
     *
     * @return the lifecycle policy
     */
    public EcrLifecyclePolicy getLifecyclePolicy() {
        return lifecyclePolicy;
    }

    /**
     * {@code IMMUTABLE}, {@code IMMUTABLE_WITH_EXCLUSION} or (opt-out) {@code MUTABLE}.
     *
     * @return the tag mutability
     */
    public String getTagMutability() {
        return tagMutability;
    }

    /** The given lifecycle with {@code prevent_destroy = true} unless it sets {@code prevent_destroy} itself. */
    private static TerraformResourceLifecycle keptLifecycle(TerraformResourceLifecycle given) {
        if (given == null) {
            return TerraformResourceLifecycle.builder().preventDestroy(true).build();
        }
        TerraformResourceLifecycle.Builder kept = TerraformResourceLifecycle.builder()
                .preventDestroy(given.getPreventDestroy() != null ? given.getPreventDestroy() : Boolean.TRUE)
                .createBeforeDestroy(given.getCreateBeforeDestroy())
                .replaceTriggeredBy(given.getReplaceTriggeredBy())
                .precondition(given.getPrecondition())
                .postcondition(given.getPostcondition());
        // ignore_changes is a list of attributes or the word "all"
        if (given.getIgnoreChanges() instanceof String all) {
            kept.ignoreChanges(all);
        } else if (given.getIgnoreChanges() instanceof List<?> attributes) {
            kept.ignoreChanges(attributes.stream().map(String::valueOf).toList());
        }
        return kept.build();
    }

    /**
     * A repository name from the construct path: each path component lower-cased, every run of characters ECR does
     * not allow made one {@code -}, separators trimmed ({@code registry/Build Cache} gives
     * {@code registry/build-cache}). A name over ECR's 256 characters keeps its start and ends with a hash of the path.
     */
    static String generatedName(String constructPath) {
        List<String> parts = new ArrayList<>();
        for (String component : constructPath.split("/")) {
            String part = component.toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^a-z0-9._-]+", "-")
                    .replaceAll("[._-]{2,}", "-")
                    .replaceAll("^[._-]+|[._-]+$", "");
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        String name = String.join("/", parts);
        if (name.length() < 2) {
            name = "repository-" + name;
        }
        if (name.length() > MAX_NAME_LENGTH) {
            String hash = Integer.toHexString(constructPath.hashCode());
            name = name.substring(0, MAX_NAME_LENGTH - hash.length() - 1).replaceAll("[./_-]+$", "") + "-" + hash;
        }
        return name;
    }

    private static void validate(String where, ImmutableEcrRepositoryProps props) {
        if (props.movedFrom() != null && !props.movedFrom().matches(
                "(module\\.[A-Za-z_][\\w-]*(\\[[^\\]]+])?\\.)*aws_ecr_repository\\.[A-Za-z_][\\w-]*(\\[[^\\]]+])?")) {
            throw new IllegalArgumentException(where + "movedFrom takes the Terraform address of the existing "
                    + "repository, such as aws_ecr_repository.app or module.registry.aws_ecr_repository.app, got '"
                    + props.movedFrom() + "'");
        }
        if (props.encryption() == RepositoryEncryption.AES_256 && props.encryptionKey() != null) {
            throw new IllegalArgumentException(where + "encryption is AES_256 but an encryptionKey is given; drop the "
                    + "key for AES-256, or drop encryption (or set it to KMS) to encrypt with the key");
        }
        List<LifecycleRule> rules = props.lifecycleRules();
        for (int i = 0; i < rules.size(); i++) {
            String problem = rules.get(i).problem();
            if (problem != null) {
                throw new IllegalArgumentException(where + "lifecycleRules[" + i + "]: " + problem);
            }
            if (rules.get(i).tagStatus() == LifecycleRule.TagStatus.ANY && i != rules.size() - 1) {
                throw new IllegalArgumentException(where + "lifecycleRules[" + i + "] selects ANY image, so ECR "
                        + "needs it last; move it to the end");
            }
        }
        if (props.repositoryName() != null && props.repositoryName().isBlank()) {
            throw new IllegalArgumentException(where + "repositoryName is blank: give a name, or leave it unset for "
                    + "one generated from the construct path");
        }
        Duration age = props.expireUntaggedImagesAfter();
        if (age != null && !LifecycleRule.isWholeDays(age)) {
            throw new IllegalArgumentException(where + "expireUntaggedImagesAfter must be a whole number of days, 1 or "
                    + "more (ECR lifecycle rules count in days), got " + age + "; for example Duration.ofDays(30), or"
                    + " leave it unset so that no image is ever expired");
        }
        if (props.mutableTagsReason() != null) {
            if (props.mutableTagsReason().strip().length() < MIN_REASON_LENGTH) {
                throw new IllegalArgumentException(where + "mutableTagsReason must say why this repository's tags must"
                        + " be overwritable (at least " + MIN_REASON_LENGTH + " characters), e.g."
                        + " mutableTagsReason(\"build cache: tags are overwritten by every CI run, nothing deploys from it\")");
            }
            if (!props.floatingTags().isEmpty()) {
                throw new IllegalArgumentException(where + "mutableTagsReason and floatingTags exclude each other: "
                        + "keep floatingTags(" + String.join(", ", props.floatingTags()) + ") to let only those tags move,"
                        + " or drop them to make every tag mutable");
            }
        }
        if (!props.floatingTags().isEmpty()) {
            FloatingTags.validate(where.substring(0, where.length() - 2), props.floatingTags(), "mutableTagsReason(reason)",
                    FloatingTags.TERRAFORM_MAX_WILDCARDS);
        }
        if (props.awsProviderVersion() != null && props.awsProviderVersionMode() == AwsProviderVersionMode.CHECK_ONLY) {
            throw new IllegalArgumentException(where + "awsProviderVersion \"" + props.awsProviderVersion() + "\" is "
                    + "written only with awsProviderVersionMode(AwsProviderVersionMode.SET_ON_STACK); with CHECK_ONLY "
                    + "(the default) set the constraint on the stack: stack.addOverride(\"" + PROVIDER_CONSTRAINT_PATH
                    + "\", \"" + DEFAULT_AWS_PROVIDER_VERSION + "\")");
        }
    }

    /**
     * Runs during synth (aspects run before the stack is written) and fails it when rule ECR009 finds that the stack's
     * final AWS provider constraint admits a version without exclusion filters (the constraint this construct set, or
     * one a later override wrote). Left to {@link EcrGuard} when the stack has one, which reports every finding.
     */
    private static final class ProviderVersionCheck implements IAspect {
        private final ImmutableEcrRepository owner;

        ProviderVersionCheck(ImmutableEcrRepository owner) {
            this.owner = owner;
        }

        @Override
        public void visit(@NotNull IConstruct node) {
            if (!owner.getNode().getPath().equals(node.getNode().getPath())) {
                return;
            }
            TerraformStack stack = TerraformStack.of(owner);
            if (Aspects.of(stack).getAll().stream().anyMatch(EcrGuard.class::isInstance)) {
                return;
            }
            Result result;
            try {
                result = EcrGuard.checkSynthesized(stack);
            } catch (Exception | Error e) {
                Annotations.of(owner.repository).addError("ecr-guard could not check the AWS provider version: " + e);
                return;
            }
            String path = owner.repository.getNode().getPath();
            for (Finding f : result.findings()) {
                if (f.ruleId().equals(PROVIDER_VERSION_RULE) && path.equals(f.constructPath())) {
                    Annotations.of(owner.repository).addError(SafeText.escape(EcrGuard.describe(stack, f)));
                }
            }
        }
    }
}
