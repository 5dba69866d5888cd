package dev.ecrguard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecrguard.load.InputValues;
import dev.ecrguard.load.Inputs;
import dev.ecrguard.load.LoadResult;
import dev.ecrguard.load.Loader;
import dev.ecrguard.load.cdk.CdkAssembly;
import dev.ecrguard.load.cdktf.CdktfOutput;
import dev.ecrguard.load.cloudformation.CloudFormationTemplates;
import dev.ecrguard.load.terraform.TerraformJson;
import dev.ecrguard.load.terraform.TerraformSource;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** The input families the checker reads: the one place a new loader ({@code dev.ecrguard.load.Loader}) is registered. */
public final class Loaders {
    private Loaders() {}

    /**
     * Every loader, in the order a document is offered to them (their inputs do not overlap: Terraform's are
     * recognized by Terraform's own keys, CloudFormation's by {@code Resources}, the manifests by theirs).
     *
     * @return fresh loaders
     */
    public static List<Loader> all() {
        return List.of(new TerraformJson(), new CloudFormationTemplates(), new CdkAssembly(), new CdktfOutput(),
                new TerraformSource());
    }

    /**
     * Loads files, folders and standard input with every loader.
     *
     * @param paths files, folders, or {@code -}
     * @param parameters CloudFormation parameter values from the command line
     * @param stdin what {@code -} reads
     * @return the model, the files passed over and the inputs that could not be read
     */
    public static LoadResult load(List<String> paths, Map<String, String> parameters, InputStream stdin) {
        return load(paths, InputValues.parameters(parameters), stdin);
    }

    /**
     * Loads files, folders and standard input with every loader.
     *
     * @param paths files, folders, or {@code -}
     * @param values CloudFormation parameter and Terraform variable values from the command line
     * @param stdin what {@code -} reads
     * @return the model, the files passed over and the inputs that could not be read
     */
    public static LoadResult load(List<String> paths, InputValues values, InputStream stdin) {
        return Inputs.load(all(), paths, values, stdin);
    }

    /**
     * Loads one document built in memory with every loader.
     *
     * @param document the document, as a Jackson tree
     * @param name its name in messages and findings
     * @return the model, and the error when the document cannot be read
     */
    public static LoadResult load(JsonNode document, String name) {
        return Inputs.load(all(), document, name);
    }
}
