package dev.ecrguard.cdktf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Annotations;
import com.hashicorp.cdktf.Aspects;
import com.hashicorp.cdktf.IAspect;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.ecr_lifecycle_policy.EcrLifecyclePolicy;
import com.hashicorp.cdktf.providers.aws.ecr_repository.EcrRepository;
import com.hashicorp.cdktf.providers.aws.ecr_repository.EcrRepositoryImageScanningConfiguration;
import dev.ecrguard.Checker;
import dev.ecrguard.FloatingTags;
import dev.ecrguard.engine.Finding;
import dev.ecrguard.report.SafeText;
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
 * made (or required) to admit only 6.8.0 or later, see {@link AwsProviderVersionMode}.
 *
 * <p>The opt-out to mutable tags ({@link ImmutableEcrRepositoryProps.Builder#allowMutableTags(String)}) writes an
 * ECR001 waiver with its reason into the resource's {@code "//"} block, where the ecr-guard checker reads it.
 */
public class ImmutableEcrRepository extends Construct {
    /** The constraint written by {@link AwsProviderVersionMode#SET_ON_STACK} unless another is given. */
    public static final String DEFAULT_AWS_PROVIDER_VERSION = "~> 6.8";
    /** Where the stack's AWS provider constraint is, for {@code addOverride}. */
    static final String PROVIDER_CONSTRAINT_PATH = "terraform.required_providers.aws.version";
    /** The rule that judges the provider constraint against the exclusion filters (rego/policies/ecr009_*.rego). */
    static final String PROVIDER_VERSION_RULE = "ECR009";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EcrRepository repository;
    private final EcrLifecyclePolicy lifecyclePolicy;
    private final String tagMutability;

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

        boolean floating = !props.floatingTags().isEmpty();
        boolean mutable = props.mutableTagsReason() != null;
        this.tagMutability = mutable ? "MUTABLE" : floating ? "IMMUTABLE_WITH_EXCLUSION" : "IMMUTABLE";

        EcrRepository.Builder builder = EcrRepository.Builder.create(this, "Repository")
                .name(props.repositoryName())
                .imageTagMutability(tagMutability)
                .imageScanningConfiguration(EcrRepositoryImageScanningConfiguration.builder()
                        .scanOnPush(props.scanOnPush()).build())
                .forceDelete(props.forceDelete());
        if (!props.tags().isEmpty()) {
            builder.tags(props.tags());
        }
        this.repository = builder.build();

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
                TerraformStack.of(this).addOverride(PROVIDER_CONSTRAINT_PATH, props.awsProviderVersion());
            }
            Aspects.of(this).add(new ProviderVersionCheck(this));
        }
        if (mutable) {
            Map<String, Object> waiver = new LinkedHashMap<>();
            waiver.put("rule", "ECR001");
            waiver.put("reason", props.mutableTagsReason().trim());
            repository.addOverride("//.ecr-guard.waivers", List.of(waiver));
        }
        if (props.expireUntaggedImagesAfterDays() != null) {
            this.lifecyclePolicy = EcrLifecyclePolicy.Builder.create(this, "LifecyclePolicy")
                    .repository(repository.getName())
                    .policy(untaggedExpiryPolicy(props.expireUntaggedImagesAfterDays()))
                    .build();
        } else {
            this.lifecyclePolicy = null;
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
     * The lifecycle policy, or null when {@code expireUntaggedImagesAfterDays} was not set.
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

    static String untaggedExpiryPolicy(int days) {
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("tagStatus", "untagged");
        selection.put("countType", "sinceImagePushed");
        selection.put("countUnit", "days");
        selection.put("countNumber", days);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("rulePriority", 1);
        rule.put("description", "Expire untagged images " + days + " days after push");
        rule.put("selection", selection);
        rule.put("action", Map.of("type", "expire"));
        try {
            return JSON.writeValueAsString(Map.of("rules", List.of(rule)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void validate(String where, ImmutableEcrRepositoryProps props) {
        if (props.repositoryName() == null || props.repositoryName().isBlank()) {
            throw new IllegalArgumentException(where + "repositoryName is required: "
                    + "ImmutableEcrRepositoryProps.builder().repositoryName(\"my-app\")");
        }
        if (props.expireUntaggedImagesAfterDays() != null && props.expireUntaggedImagesAfterDays() < 1) {
            throw new IllegalArgumentException(where + "expireUntaggedImagesAfterDays must be 1 or more, got "
                    + props.expireUntaggedImagesAfterDays() + "; leave it unset for no lifecycle policy");
        }
        if (props.mutableTagsReason() != null) {
            if (props.mutableTagsReason().isBlank()) {
                throw new IllegalArgumentException(where + "allowMutableTags needs a written reason, e.g."
                        + " allowMutableTags(\"build cache: tags are overwritten by every CI run, nothing deploys from it\")");
            }
            if (!props.floatingTags().isEmpty()) {
                throw new IllegalArgumentException(where + "allowMutableTags and floatingTags exclude each other: "
                        + "keep floatingTags(" + String.join(", ", props.floatingTags()) + ") to let only those tags move,"
                        + " or drop them to make every tag mutable");
            }
        }
        if (!props.floatingTags().isEmpty()) {
            FloatingTags.validate(where.substring(0, where.length() - 2), props.floatingTags(), "allowMutableTags(reason)",
                    FloatingTags.TERRAFORM_MAX_WILDCARDS);
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
            Checker.Result result;
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
