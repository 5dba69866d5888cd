package dev.ecrguard.load.cloudformation;

import dev.ecrguard.model.Waiver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a template sits.
 *
 * @param parameters values for its parameters (command line, or the parent stack's {@code Parameters})
 * @param idPrefix prefixed to logical ids ({@code StackArtifact/} in a cloud assembly, empty for a lone template)
 * @param path the template's file, or null for standard input (nested stacks are then not followed)
 * @param boundary the folder nested stack templates must stay inside
 * @param inAssembly whether the template belongs to a cloud assembly, where nested templates must be there
 * @param acknowledgements the waivers the app acknowledged for a construct path (a CDK app's acknowledgements)
 * @param nestedTemplates collects the (absolute) files read as nested stack templates, so that a scan of a
 *     cloud assembly does not read them again on their own
 * @param depth how deep in nested stacks the template is (0 for the top)
 */
record TemplateContext(Map<String, Resolved> parameters, String idPrefix, Path path, Path boundary, boolean inAssembly,
        Function<String, List<Waiver>> acknowledgements, Set<Path> nestedTemplates, int depth) {}
