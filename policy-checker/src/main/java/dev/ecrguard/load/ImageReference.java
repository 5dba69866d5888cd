package dev.ecrguard.load;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.ecrguard.model.Value;
import dev.ecrguard.model.Workload;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an image reference ({@code registry/repo:tag@sha256:...}) into its parts. A reference may start with a
 * placeholder for a repository's URI in the same input ({@code ${AppRepo.RepositoryUri}:v1},
 * {@code ${aws_ecr_repository.app.repository_url}:v1}); the placeholder is resolved to that repository's id.
 */
public final class ImageReference {
    private static final Pattern URI_PLACEHOLDER =
            Pattern.compile("^\\$\\{([^}]+)\\.(RepositoryUri|repository_url)}(.*)$", Pattern.DOTALL);
    /** A repository path that is a reference to a repository's name: {@code ${AppRepo}} or {@code ${aws_ecr_repository.app.name}}. */
    private static final Pattern NAME_PLACEHOLDER = Pattern.compile("^\\$\\{([^}]+?)(\\.name)?}$");

    private ImageReference() {}

    /**
     * @param repositoryOf maps the target of a URI placeholder to the id of a repository in the same input, or null
     */
    public static Workload.Image parse(String container, Value ref, Function<String, String> repositoryOf) {
        if (!ref.isKnown() || !ref.value().isTextual()) {
            return Workload.Image.unsplit(container, ref);
        }
        String text = ref.value().asText();
        String repository = null;
        String rest = text;
        Matcher m = URI_PLACEHOLDER.matcher(text);
        if (m.matches()) {
            repository = repositoryOf.apply(m.group(1));
            if (repository == null) {
                return byLiteralEnd(container, ref, text);
            }
            rest = "placeholder/" + m.group(3);
            if (m.group(3).startsWith("/")) {
                return unknown(container, ref, "a path after a repository URI");
            }
        }
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        int slash = rest.indexOf('/');
        String registryPart = slash >= 0 ? rest.substring(0, slash) : "";
        String path = slash >= 0 && isRegistryHost(registryPart) ? rest.substring(slash + 1) : rest;
        if (digest != null && digest.contains("${")) {
            return byLiteralEnd(container, ref, text);
        }
        String tag = null;
        int lastSlash = path.lastIndexOf('/');
        int colon = path.lastIndexOf(':');
        if (colon > lastSlash && !path.substring(colon + 1).contains("${")) {
            tag = path.substring(colon + 1);
            path = path.substring(0, colon);
        }
        if (path.contains("${")) {
            Matcher name = NAME_PLACEHOLDER.matcher(path);
            String linked = repository == null && name.matches() ? repositoryOf.apply(name.group(1)) : null;
            if (linked == null) {
                return byLiteralEnd(container, ref, text);
            }
            repository = linked;
        }
        Value known = Value.known(TextNode.valueOf(text), ref.attribute(), ref.why());
        return repository != null ? Workload.Image.inRepository(container, known, repository, tag, digest)
                : Workload.Image.named(container, known, path, tag, digest);
    }

    /**
     * A reference whose repository part is only known at deploy ({@code ${Fn::ImportValue RepoUri}:latest},
     * {@code ${var.repo}@sha256:...}) is judged by the tag or digest it ends with, when that end is literal: it stays
     * known, with neither {@code repository} nor {@code repositoryName}. Without a literal tag or digest the placeholder
     * itself may carry the tag, so the reference is unknown.
     */
    private static Workload.Image byLiteralEnd(String container, Value ref, String text) {
        String tagUnknown = "the tag of the image is only known at deploy: " + text;
        String end = text.substring(text.lastIndexOf('}') + 1);
        if (end.contains("${")) {
            return unknown(container, ref, tagUnknown);
        }
        String digest = null;
        int at = end.indexOf('@');
        if (at >= 0) {
            digest = end.substring(at + 1);
            end = end.substring(0, at);
        }
        int colon = end.lastIndexOf(':');
        String tag = colon > end.lastIndexOf('/') && colon < end.length() - 1 ? end.substring(colon + 1) : null;
        if (tag == null && (digest == null || digest.isEmpty())) {
            return unknown(container, ref, tagUnknown);
        }
        return Workload.Image.byTagOrDigest(container, Value.known(TextNode.valueOf(text), ref.attribute(), ref.why()),
                tag, digest == null || digest.isEmpty() ? null : digest);
    }

    private static Workload.Image unknown(String container, Value ref, String why) {
        return Workload.Image.unsplit(container, Value.unknown(ref.attribute(), why));
    }

    private static boolean isRegistryHost(String part) {
        return part.contains(".") || part.contains(":") || part.equals("localhost") || part.equals("placeholder")
                || part.contains("${");
    }
}
