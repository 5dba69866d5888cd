package dev.ecrguard.cdk;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.ecr.CfnRegistryScanningConfiguration;
import software.amazon.awscdk.services.ecr.CfnRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;

class EcrGuardAspectTest {
    @TempDir
    Path out;

    private App app() {
        App app = TestApps.app(out);
        EcrGuardAspect.applyTo(app);
        return app;
    }

    private static Object errorText(String rule) {
        return Match.stringLikeRegexp("\\[ecr-guard " + rule + "\\].*");
    }

    @Test
    void annotatesAMutableRepositoryWithAnErrorAndAWarning() {
        App app = app();
        Stack stack = new Stack(app, "Registry");
        new Repository(stack, "Legacy");
        Annotations a = Annotations.fromStack(stack);
        a.hasError("/Registry/Legacy/Resource", errorText("ECR001"));
        a.hasError("/Registry/Legacy/Resource", Match.stringLikeRegexp(".*Fix: .*"));
        a.hasWarning("/Registry/Legacy/Resource", errorText("ECR003"));
    }

    @Test
    void leavesImmutableRepositoriesAloneAndNotesFloatingTags() {
        App app = app();
        Stack stack = new Stack(app, "Registry");
        new ImmutableRepository(stack, "Api");
        new ImmutableRepository(stack, "Web", ImmutableRepositoryProps.builder().floatingTags(List.of("latest")).build());
        Annotations a = Annotations.fromStack(stack);
        a.hasNoError("*", Match.anyValue());
        a.hasNoWarning("*", Match.anyValue());
        a.hasInfo("/Registry/Web/Resource", Match.stringLikeRegexp("\\[ecr-guard ECR002\\].*latest.*"));
    }

    @Test
    void judgesMutableWithExclusionAsEcrDoesItsFiltersNameTheImmutableTags() {
        App app = app();
        Stack stack = new Stack(app, "Registry");
        Repository.Builder.create(stack, "AllProtected").imageTagMutability(TagMutability.MUTABLE_WITH_EXCLUSION)
                .imageTagMutabilityExclusionFilters(List.of(
                        software.amazon.awscdk.services.ecr.ImageTagMutabilityExclusionFilter.wildcard("*")))
                .imageScanOnPush(true).build();
        Repository.Builder.create(stack, "ReleasesProtected").imageTagMutability(TagMutability.MUTABLE_WITH_EXCLUSION)
                .imageTagMutabilityExclusionFilters(List.of(
                        software.amazon.awscdk.services.ecr.ImageTagMutabilityExclusionFilter.wildcard("v*")))
                .imageScanOnPush(true).build();
        Annotations a = Annotations.fromStack(stack);
        a.hasNoError("/Registry/AllProtected/Resource", Match.anyValue());
        a.hasInfo("/Registry/AllProtected/Resource",
                Match.stringLikeRegexp("\\[ecr-guard ECR002\\].*immutable in effect.*"));
        a.hasError("/Registry/ReleasesProtected/Resource",
                Match.stringLikeRegexp("\\[ecr-guard ECR001\\].*only tags matching .*\"v\\*\" are immutable.*"));
    }

    @Test
    void annotationsQuotingTemplateValuesStayOneLine() {
        App app = app();
        Stack stack = new Stack(app, "Registry");
        CfnRepository.Builder.create(stack, "Hostile").imageTagMutability("IMMUTABLE_WITH_EXCLUSION")
                .imageTagMutabilityExclusionFilters(List.of(CfnRepository.ImageTagMutabilityExclusionFilterProperty
                        .builder().imageTagMutabilityExclusionFilterType("WILDCARD")
                        .imageTagMutabilityExclusionFilterValue("latest\n::error::forged\u001b[31m").build()))
                .imageScanningConfiguration(CfnRepository.ImageScanningConfigurationProperty.builder()
                        .scanOnPush(true).build())
                .build();
        Annotations a = Annotations.fromStack(stack);
        a.hasInfo("/Registry/Hostile", Match.stringLikeRegexp(".*latest\\\\n::error::forged\\\\u001b\\[31m.*"));
        a.hasNoInfo("/Registry/Hostile", Match.stringLikeRegexp("[\\s\\S]*\n[\\s\\S]*"));
    }

    @Test
    void visitsL1RepositoriesInNestedStacksAndStages() {
        App app = TestApps.app(out);
        Stack stack = new Stack(app, "Registry");
        NestedStack nested = new NestedStack(stack, "Inner");
        CfnRepository.Builder.create(nested, "L1").imageTagMutability("MUTABLE")
                .imageScanningConfiguration(CfnRepository.ImageScanningConfigurationProperty.builder()
                        .scanOnPush(true).build())
                .emptyOnDelete(true).build();
        Stage prod = new Stage(app, "Prod");
        Stack prodStack = new Stack(prod, "Images");
        Repository.Builder.create(prodStack, "StageRepo").imageTagMutability(TagMutability.MUTABLE_WITH_EXCLUSION)
                .imageTagMutabilityExclusionFilters(List.of(
                        software.amazon.awscdk.services.ecr.ImageTagMutabilityExclusionFilter.wildcard("v*")))
                .imageScanOnPush(true).build();
        EcrGuardAspect.applyTo(app); // once the stages exist: CDK does not carry aspects into a Stage

        // a nested stack's annotations are in its parent stack's artifact
        Annotations.fromStack(stack).hasError("/Registry/Inner/L1", errorText("ECR001"));
        Annotations.fromStack(stack).hasWarning("/Registry/Inner/L1", errorText("ECR007"));
        Annotations.fromStack(stack).hasNoWarning("/Registry/Inner/L1", errorText("ECR003"));
        Annotations.fromStack(prodStack).hasError("/Prod/Images/StageRepo/Resource", errorText("ECR001"));
    }

    @Test
    void acknowledgementsAndTheOptOutAreHonoured() {
        App app = app();
        Stack stack = new Stack(app, "Registry");
        new ImmutableRepository(stack, "Cache", ImmutableRepositoryProps.builder()
                .mutableTagsReason("BuildKit cache: every CI run overwrites the cache tag").build());
        Repository vendor = new Repository(stack, "Vendor");
        Validations.of(vendor).acknowledge(Acknowledgment.builder().id("ECR001").reason("vendor chart").build(),
                Acknowledgment.builder().id("ecr-guard::ECR003").reason("registry-wide scanning").build());
        new Repository(stack, "Other");
        Annotations a = Annotations.fromStack(stack);
        a.hasNoError("/Registry/Cache/Resource", Match.anyValue());
        a.hasNoError("/Registry/Vendor/Resource", Match.anyValue());
        a.hasNoWarning("/Registry/Vendor/Resource", Match.anyValue());
        a.hasError("/Registry/Other/Resource", errorText("ECR001"));
    }

    @Test
    void resolvesParametersAndSeesRegistryScanning() {
        App app = app();
        Stack stack = new Stack(app, "Registry");
        CfnParameter mode = CfnParameter.Builder.create(stack, "TagMode").type("String").defaultValue("MUTABLE")
                .build();
        CfnRepository.Builder.create(stack, "FromParam").imageTagMutability(mode.getValueAsString()).build();
        CfnRegistryScanningConfiguration.Builder.create(stack, "Scanning").scanType("ENHANCED")
                .rules(List.of(CfnRegistryScanningConfiguration.ScanningRuleProperty.builder()
                        .scanFrequency("SCAN_ON_PUSH")
                        .repositoryFilters(List.of(CfnRegistryScanningConfiguration.RepositoryFilterProperty
                                .builder().filter("*").filterType("WILDCARD").build()))
                        .build()))
                .build();
        CfnResource.Builder.create(stack, "Generic").type("AWS::ECR::Repository").build();
        Annotations a = Annotations.fromStack(stack);
        a.hasError("/Registry/FromParam", Match.stringLikeRegexp(".*ECR001.*MUTABLE.*"));
        a.hasNoWarning("/Registry/FromParam", errorText("ECR003"));
        a.hasWarning("/Registry/Generic", Match.stringLikeRegexp(".*generic CfnResource.*"));
    }
}
