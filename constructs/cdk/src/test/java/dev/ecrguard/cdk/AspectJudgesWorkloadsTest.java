package dev.ecrguard.cdk;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.ecr.CfnRepositoryCreationTemplate;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.lambda.DockerImageCode;
import software.amazon.awscdk.services.lambda.DockerImageFunction;

/** The Aspect judges every resource type the rules judge, workloads with the repositories of their stack. */
class AspectJudgesWorkloadsTest {
    @TempDir
    Path out;

    private Stack stack() {
        App app = TestApps.app(out);
        Stack stack = new Stack(app, "Services");
        EcrGuardAspect.applyTo(app);
        return stack;
    }

    @Test
    void aTaskDefinitionPullingATagOfAMutableRepositoryIsWarnedAndAPinnedOneIsNot() {
        Stack stack = stack();
        Repository legacy = Repository.Builder.create(stack, "Legacy").imageScanOnPush(true).build();
        ImmutableRepository api = new ImmutableRepository(stack, "Api");
        FargateTaskDefinition moving = new FargateTaskDefinition(stack, "Moving");
        moving.addContainer("app", ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromEcrRepository(legacy, "v1")).build());
        FargateTaskDefinition pinned = new FargateTaskDefinition(stack, "Pinned");
        pinned.addContainer("app", ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromEcrRepository(api, "1.4.2")).build());
        FargateTaskDefinition latest = new FargateTaskDefinition(stack, "Latest");
        latest.addContainer("web", ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromRegistry("nginx:latest")).build());

        Annotations a = Annotations.fromStack(stack);
        a.hasWarning("/Services/Moving/Resource",
                Match.stringLikeRegexp("\\[ecr-guard ECR008\\].*accepts tag overwrites.*Fix: .*"));
        a.hasWarning("/Services/Latest/Resource", Match.stringLikeRegexp("\\[ecr-guard ECR008\\].*latest.*"));
        a.hasNoWarning("/Services/Pinned/Resource", Match.anyValue());
        a.hasError("/Services/Legacy/Resource", Match.stringLikeRegexp("\\[ecr-guard ECR001\\].*"));
    }

    @Test
    void aLambdaImageByLatestAndAMutableCreationTemplateAreJudgedToo() {
        Stack stack = stack();
        ImmutableRepository repo = new ImmutableRepository(stack, "Fn");
        DockerImageFunction.Builder.create(stack, "Handler")
                .code(DockerImageCode.fromEcr(repo, software.amazon.awscdk.services.lambda.EcrImageCodeProps.builder()
                        .tagOrDigest("latest").build()))
                .build();
        CfnRepositoryCreationTemplate.Builder.create(stack, "Cache").prefix("cache").appliedFor(List.of("PULL_THROUGH_CACHE"))
                .imageTagMutability("MUTABLE").build();

        Annotations a = Annotations.fromStack(stack);
        a.hasWarning("/Services/Handler/Resource", Match.stringLikeRegexp("\\[ecr-guard ECR008\\].*latest.*"));
        a.hasError("/Services/Cache", Match.stringLikeRegexp("\\[ecr-guard ECR006\\].*"));
    }
}
