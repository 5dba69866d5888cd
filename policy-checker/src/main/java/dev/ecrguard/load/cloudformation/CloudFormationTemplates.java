package dev.ecrguard.load.cloudformation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ecrguard.load.Document;
import dev.ecrguard.load.LoadContext;
import dev.ecrguard.load.Loader;
import dev.ecrguard.model.Model;
import dev.ecrguard.model.Waiver;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * CloudFormation templates (JSON or YAML, SAM and {@code AWS::LanguageExtensions} included), with the nested stack
 * templates they name; also the stack templates of a CDK cloud assembly.
 */
public final class CloudFormationTemplates implements Loader {
    private static final String LABEL = "CloudFormation template";
    private static final String COMMAND_LINE = "--parameter";

    @Override
    public Optional<Recognized> recognize(Document document) {
        return CloudFormationShape.isTemplate(document) ? Recognized.file(LABEL) : Optional.empty();
    }

    /** A template named or found on its own is judged on its own, even when another template nests it. */
    @Override
    public void load(Document document, LoadContext context) {
        Path path = document.path();
        Model.Builder fragment = Model.builder();
        CloudFormationLoader.load(document, fragment, new TemplateContext(parameters(context.parameters()), "", path,
                path == null ? null : path.toAbsolutePath().getParent(), false, constructPath -> List.of(),
                new HashSet<>(), 0));
        context.record(document.file(), fragment.build());
    }

    /**
     * Whether a document is a CloudFormation template.
     *
     * @param document the document
     * @return true for a template
     */
    public static boolean isTemplate(Document document) {
        return CloudFormationShape.isTemplate(document);
    }

    /**
     * Loads a stack template of a CDK cloud assembly, with its nested stacks (which must be in the assembly).
     *
     * @param template the stack's template
     * @param parameters parameter values from the command line
     * @param idPrefix prefixed to logical ids ({@code StackArtifact/})
     * @param boundary the assembly folder, which nested templates must stay inside
     * @param acknowledgements the waivers the app acknowledged for a construct path
     * @param nestedTemplates receives the nested templates read
     * @return the fragment
     */
    public static Model assemblyStack(Document template, Map<String, String> parameters, String idPrefix,
            Path boundary, Function<String, List<Waiver>> acknowledgements, Set<Path> nestedTemplates) {
        Model.Builder fragment = Model.builder();
        CloudFormationLoader.load(template, fragment, new TemplateContext(parameters(parameters), idPrefix,
                template.path(), boundary, true, acknowledgements, nestedTemplates, 0));
        return fragment.build();
    }

    /** Parameter values from the command line, keyed by name. */
    private static Map<String, Resolved> parameters(Map<String, String> given) {
        Map<String, Resolved> values = new HashMap<>();
        given.forEach((k, v) -> values.put(k, new Resolved.Known(JsonNodeFactory.instance.textNode(v), COMMAND_LINE,
                false)));
        return values;
    }
}
