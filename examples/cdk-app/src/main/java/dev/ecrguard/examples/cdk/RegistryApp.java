package dev.ecrguard.examples.cdk;

import dev.ecrguard.cdk.EcrGuardPlugin;
import dev.ecrguard.cdk.ImmutableRepository;
import dev.ecrguard.cdk.ImmutableRepositoryProps;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.kms.Key;

/**
 * An app with the repositories of a small team, all made with {@link ImmutableRepository}, and ecr-guard's
 * synth-time check. {@code cdk synth -c mutableDemo=true} adds a plain {@code Repository} (mutable tags, ECR's
 * default), which the check refuses: synthesis fails with CDK's validation report.
 */
public final class RegistryApp {
    private RegistryApp() {}

    public static void main(String[] args) {
        App app = new App();
        // every stack, stage and nested stack is checked with the ecr-guard rules when the app is synthesized
        // (the recommended setup: the plugin alone; it sees escape hatches and reports each finding once)
        EcrGuardPlugin.addTo(app);

        Stack registry = new Stack(app, "Registry");
        new ImmutableRepository(registry, "Api");
        new ImmutableRepository(registry, "Web", ImmutableRepositoryProps.builder()
                .floatingTags(List.of("latest", "preview-*"))
                .build());
        new ImmutableRepository(registry, "BuildCache", ImmutableRepositoryProps.builder()
                .mutableTagsReason("BuildKit layer cache: every CI run overwrites the 'cache' tag")
                .expireUntaggedImagesAfter(Duration.days(7))   // opt-in: nothing deploys from the cache
                .build());
        NestedStack mirrors = new NestedStack(registry, "Mirrors");
        new ImmutableRepository(mirrors, "Base");

        Stage prod = new Stage(app, "Prod");
        Stack images = new Stack(prod, "Images");
        new ImmutableRepository(images, "Release", ImmutableRepositoryProps.builder()
                .encryptionKey(new Key(images, "ImagesKey"))
                .build());

        Object demo = app.getNode().tryGetContext("mutableDemo");
        if (demo != null && Boolean.parseBoolean(demo.toString())) {
            new Repository(registry, "Scratch");
        }
        app.synth();
    }
}
