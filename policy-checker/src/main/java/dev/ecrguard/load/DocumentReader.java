package dev.ecrguard.load;

import dev.ecrguard.load.terraform.TerraformPlanStream;
import dev.ecrguard.load.terraform.TerraformStateFile;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.model.Model;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Reads one file as JSON or YAML (chosen by its first character, never by its name) and recognizes what it is.
 * JSON is read in one streaming pass: a Terraform plan's resource lists go straight to {@link TerraformPlanStream},
 * which keeps only the resources ecr-guard judges, so a plan of any size needs little memory.
 */
public final class DocumentReader {
    private static final int SNIFF = 4096;
    /** Every top-level block type Terraform accepts in a JSON configuration file (Terraform 1.14). */
    private static final Set<String> TERRAFORM_CONFIG_KEYS =
            Set.of("resource", "terraform", "provider", "module", "data", "ephemeral", "variable", "output", "locals",
                    "moved", "import", "check", "removed", "action");

    private DocumentReader() {}

    /** Reads standard input or a file. {@code file} is the name to show in messages. */
    public static Document read(InputStream raw, String file) {
        try (InputStream in = new BufferedInputStream(raw, 1 << 16)) {
            in.mark(SNIFF);
            byte[] head = in.readNBytes(SNIFF);
            in.reset();
            return switch (sniff(head)) {
                case EMPTY -> throw new InputError(file, "empty file");
                case BINARY -> throw new InputError(file, "binary content, not JSON or YAML");
                case JSON -> readJson(in, file);
                case YAML -> readYaml(in, file);
            };
        } catch (IOException e) {
            throw new InputError(file, "cannot read: " + e.getMessage());
        }
    }

    public static Document read(Path path, String file) {
        if (Files.isDirectory(path)) {
            throw new InputError(file, "is a folder, expected a file");
        }
        if (!Files.isRegularFile(path)) {
            // a FIFO or device would block or never end: never open one
            throw new InputError(file, Files.exists(path) ? "not a regular file (a FIFO, socket or device)"
                    : "no such file");
        }
        try {
            return read(Files.newInputStream(path), file);
        } catch (NoSuchFileException e) {
            throw new InputError(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new InputError(file, "permission denied");
        } catch (IOException e) {
            throw new InputError(file, "cannot read: " + e.getMessage());
        }
    }

    private enum Syntax { EMPTY, BINARY, JSON, YAML }

    private static Syntax sniff(byte[] head) {
        int start = 0;
        boolean utf16 = false;
        if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            start = 3;
        } else if (head.length >= 2 && ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE
                || (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF)) {
            start = 2;
            utf16 = true;
        }
        int first = -1;
        for (int i = start; i < head.length; i++) {
            int b = head[i] & 0xff;
            if (b == 0) {
                if (utf16) {
                    continue;
                }
                return Syntax.BINARY;
            }
            if (first < 0 && !Character.isWhitespace(b)) {
                first = b;
            }
        }
        if (first < 0) {
            // Only whitespace so far: empty if that was all, else let the YAML parser read on.
            return head.length < SNIFF ? Syntax.EMPTY : Syntax.YAML;
        }
        return first == '{' || first == '[' ? Syntax.JSON : Syntax.YAML;
    }

    private static Document readJson(InputStream in, String file) throws IOException {
        IdentityHashMap<JsonNode, Integer> lines = new IdentityHashMap<>();
        TerraformPlanStream plan = new TerraformPlanStream(file);
        TerraformStateFile state = new TerraformStateFile(file);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        JsonParser p = Json.checkingText(Json.FACTORY.createParser(in), file);
        try (p) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                JsonNode other = Json.readLocated(p, lines);
                requireEnd(p, file);
                throw InputError.unrecognized(file, "a JSON " + other.getNodeType().name().toLowerCase()
                        + ", not a Terraform plan or state, Terraform JSON configuration or CloudFormation template");
            }
            lines.put(root, p.currentTokenLocation().getLineNr());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (TerraformPlanStream.STREAMED_KEYS.contains(key)) {
                    plan.consume(key, p);
                } else if (key.equals("resources") && TerraformStateFile.announcesState(root)) {
                    state.consumeResources(p);
                } else {
                    root.set(key, Json.readLocated(p, lines));
                }
            }
            requireEnd(p, file);
        } catch (JsonProcessingException e) {
            throw Json.error(file, e, p);
        } catch (Model.TooLarge e) {
            throw new InputError(file, e.getMessage());
        }
        return new Document(file, recognize(root, plan, state), new LocatedTree(root, lines), plan, state);
    }

    private static void requireEnd(JsonParser p, String file) throws IOException {
        if (p.nextToken() != null) {
            throw new InputError(file, p.currentTokenLocation().getLineNr(), "content after the end of the JSON document");
        }
    }

    private static Document readYaml(InputStream in, String file) {
        LocatedTree tree = YamlReader.read(in, file);
        if (tree == null) {
            throw new InputError(file, "empty file");
        }
        if (!tree.root().isObject()) {
            throw InputError.unrecognized(file, "a YAML " + tree.root().getNodeType().name().toLowerCase()
                    + ", not a CloudFormation template");
        }
        Document.Kind kind = isCloudFormation(tree.root()) ? Document.Kind.CLOUDFORMATION : Document.Kind.UNRECOGNIZED;
        return new Document(file, kind, tree, null, null);
    }

    private static Document.Kind recognize(ObjectNode root, TerraformPlanStream plan, TerraformStateFile state) {
        if (plan.isPlan()) {
            // planned_values or resource_changes: only Terraform writes these (some tools drop format_version)
            return Document.Kind.TERRAFORM_PLAN;
        }
        if (root.has("format_version") && (plan.sawAnyKey() || root.has("terraform_version"))) {
            return Document.Kind.TERRAFORM_STATE;
        }
        if (state.isState(root)) {
            return Document.Kind.TERRAFORM_STATE_FILE;
        }
        if (isCloudFormation(root)) {
            return Document.Kind.CLOUDFORMATION;
        }
        if (root.has("artifacts") && root.has("version")) {
            return Document.Kind.CDK_ASSEMBLY_MANIFEST;
        }
        if (root.has("stacks") && root.has("version")) {
            return Document.Kind.CDKTF_MANIFEST;
        }
        if (root.properties().stream().anyMatch(e -> TERRAFORM_CONFIG_KEYS.contains(e.getKey()))
                && root.properties().stream().allMatch(e -> TERRAFORM_CONFIG_KEYS.contains(e.getKey())
                        || e.getKey().equals("//"))) {
            return Document.Kind.TERRAFORM_CONFIG;
        }
        return Document.Kind.UNRECOGNIZED;
    }

    private static boolean isCloudFormation(JsonNode root) {
        return root.path("Resources").isObject()
                || root.has("AWSTemplateFormatVersion") && root.path("Resources").isMissingNode();
    }
}
