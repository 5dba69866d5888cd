package dev.ecrguard.waivers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which baseline files carry over between Terraform source and a plan of it. */
class SourceAndPlanFileNamesTest {
    @Test
    void aPlanCarriesOverToTheSourceInItsFolderAndNotToAnotherRootModule() {
        assertThat(FileNames.sourceAndItsPlan("envs/prod/main.tf", "envs/prod/plan.json")).isTrue();
        assertThat(FileNames.sourceAndItsPlan("envs/prod/plan.json", "envs/prod/modules/ecr/main.tf")).isTrue();
        assertThat(FileNames.sourceAndItsPlan("infra/main.tofu", "plan.json")).isTrue();
        assertThat(FileNames.sourceAndItsPlan("envs/dev/main.tf", "envs/prod/plan.json")).isFalse();
        assertThat(FileNames.sourceAndItsPlan("../other/main.tf", "plan.json")).isFalse();
        assertThat(FileNames.sourceAndItsPlan("/abs/main.tf", "plan.json")).isFalse();
        assertThat(FileNames.sourceAndItsPlan("a/main.tf", "a/other.tf")).as("two source files").isFalse();
        assertThat(FileNames.sourceAndItsPlan("a/plan.json", "a/state.json")).as("two JSON files").isFalse();
    }
}
