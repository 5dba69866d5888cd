package dev.ecrguard.cdktf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers: a stack with the AWS provider, and the synthesized JSON parsed. */
final class Stacks {
    static final ObjectMapper JSON = new ObjectMapper();

    private Stacks() {}

    static TerraformStack stack(App app, String id) {
        TerraformStack stack = new TerraformStack(app, id);
        AwsProvider.Builder.create(stack, "aws").region("eu-west-1").build();
        return stack;
    }

    static TerraformStack stack() {
        return stack(Testing.app(), "registry");
    }

    /** {@code Testing.synth}: aspects run, {@code "//"} metadata stripped. */
    static JsonNode synth(TerraformStack stack) {
        return parse(Testing.synth(stack));
    }

    /** {@code Testing.fullSynth}: the real synthesizer (annotations checked), then the written {@code cdk.tf.json}. */
    static JsonNode fullSynth(TerraformStack stack) {
        String outdir = Testing.fullSynth(stack);
        return read(Path.of(outdir, "stacks", stack.getNode().getId(), "cdk.tf.json"));
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The only resource of the type; fails when there is not exactly one. */
    static Map.Entry<String, JsonNode> only(JsonNode synthesized, String type) {
        List<Map.Entry<String, JsonNode>> all = new ArrayList<>(synthesized.path("resource").path(type).properties());
        assertThat(all).as("resources of type " + type).hasSize(1);
        return all.get(0);
    }

    static String providerConstraint(JsonNode synthesized) {
        return synthesized.path("terraform").path("required_providers").path("aws").path("version").asText(null);
    }
}
