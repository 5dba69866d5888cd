package dev.ecrguard.examples.cdktf;

import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.ecr_repository.EcrRepository;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import dev.ecrguard.cdktf.EcrGuard;
import dev.ecrguard.cdktf.ImmutableEcrRepository;
import dev.ecrguard.cdktf.ImmutableEcrRepositoryProps;
import java.time.Duration;
import software.constructs.Construct;

/** The registry of an example team: immutable repositories, one with a floating {@code latest}, one opted out. */
public class RegistryStack extends TerraformStack {
    public RegistryStack(Construct scope, String id, boolean mutableDemo) {
        super(scope, id);
        AwsProvider.Builder.create(this, "aws").region("eu-west-1").build();
        // floating tags (Web) need hashicorp/aws 6.8.0 or later; the construct checks it and never changes it itself
        addOverride("terraform.required_providers.aws.version", "~> 6.8");

        // IMMUTABLE, scan on push, force_delete off, no image ever expired (images deployed by digest stay)
        ImmutableEcrRepository api = new ImmutableEcrRepository(this, "Api", ImmutableEcrRepositoryProps.builder()
                .repositoryName("example/api")
                .build());
        api.grantPullToAccounts("111122223333");   // the workload account pulls; nobody else

        // every tag immutable except `latest`
        new ImmutableEcrRepository(this, "Web", ImmutableEcrRepositoryProps.builder()
                .repositoryName("example/web")
                .floatingTags("latest")
                .build());

        // an explicit, reasoned opt-out: reported as waived, never silently mutable
        new ImmutableEcrRepository(this, "BuildCache", ImmutableEcrRepositoryProps.builder()
                .repositoryName("example/build-cache")
                .mutableTagsReason("BuildKit layer cache: every CI run overwrites its tags and nothing is deployed from it")
                .expireUntaggedImagesAfter(Duration.ofDays(7))   // opt-in: nothing here runs
                .build());

        if (mutableDemo) {
            // what the guard is for: a plain repository, MUTABLE by ECR's default
            EcrRepository.Builder.create(this, "scratch").name("example/scratch").build();
        }

        TerraformOutput.Builder.create(this, "api_repository_url").value(api.getRepositoryUrl()).build();
        TerraformOutput.Builder.create(this, "api_repository_arn").value(api.getRepositoryArn()).build();

        EcrGuard.enforce(this); // fail synth on a mutable repository, whatever made it
    }
}
