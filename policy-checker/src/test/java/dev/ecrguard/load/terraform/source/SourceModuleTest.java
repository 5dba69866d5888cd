package dev.ecrguard.load.terraform.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ecrguard.hcl.Hcl;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A folder of .tf files read together: the instances a plan would have, with their arguments evaluated. */
class SourceModuleTest {
    private static final Set<String> REPOSITORIES = Set.of("aws_ecr_repository");

    private static List<SourceModule.Instance> repositories(Map<String, JsonNode> values, String... files) {
        List<SourceModule.SourceFile> parsed = new java.util.ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            parsed.add(new SourceModule.SourceFile("f" + i + ".tf", Hcl.parse(files[i])));
        }
        Map<String, SourceModule.Given> given = new java.util.HashMap<>();
        values.forEach((name, value) -> given.put(name, new SourceModule.Given.Value(value)));
        return new SourceModule(parsed, given).resources(REPOSITORIES);
    }

    @Test
    void filesAreReadTogetherVariablesTakeTheirValuesOrDefaults() {
        String variables = "variable \"mutability\" {\n  default = \"MUTABLE\"\n}\nvariable \"name\" {}\n"
                + "locals {\n  prefix = \"team-${var.name}\"\n}\n";
        String main = "resource \"aws_ecr_repository\" \"app\" {\n  name = \"${local.prefix}-app\"\n"
                + "  image_tag_mutability = var.mutability\n  image_scanning_configuration {\n"
                + "    scan_on_push = true\n  }\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n";
        SourceModule.Instance app = repositories(Map.of(), variables, main).get(0);
        assertThat(app.address()).isEqualTo("aws_ecr_repository.app");
        assertThat(app.file()).isEqualTo("f1.tf");
        assertThat(app.line()).isEqualTo(1);
        assertThat(app.attributes().get("image_tag_mutability").asText()).isEqualTo("MUTABLE");
        assertThat(Unknown.of(app.attributes().get("name")).why()).contains("var.name has no value");
        assertThat(app.attributes().get("image_scanning_configuration").toString()).isEqualTo("[{\"scan_on_push\":true}]");
        assertThat(app.attributes().has("lifecycle")).isFalse();

        SourceModule.Instance given = repositories(Map.of("mutability", JsonNodeFactory.instance.textNode("IMMUTABLE"),
                "name", JsonNodeFactory.instance.textNode("x")), variables, main).get(0);
        assertThat(given.attributes().get("image_tag_mutability").asText()).isEqualTo("IMMUTABLE");
        assertThat(given.attributes().get("name").asText()).isEqualTo("team-x-app");
    }

    @Test
    void countAndForEachGiveThePlansAddresses() {
        List<SourceModule.Instance> byCount = repositories(Map.of(),
                "resource \"aws_ecr_repository\" \"r\" {\n  count = 2\n  name = \"r${count.index}\"\n}\n");
        assertThat(byCount).extracting(SourceModule.Instance::address)
                .containsExactly("aws_ecr_repository.r[0]", "aws_ecr_repository.r[1]");
        assertThat(byCount.get(1).attributes().get("name").asText()).isEqualTo("r1");

        List<SourceModule.Instance> byKey = repositories(Map.of(), "resource \"aws_ecr_repository\" \"r\" {\n"
                + "  for_each = { web = \"MUTABLE\", api = \"IMMUTABLE\" }\n  name = each.key\n"
                + "  image_tag_mutability = each.value\n}\n");
        assertThat(byKey).extracting(SourceModule.Instance::address)
                .containsExactly("aws_ecr_repository.r[\"api\"]", "aws_ecr_repository.r[\"web\"]");
        assertThat(byKey.get(1).attributes().get("image_tag_mutability").asText()).isEqualTo("MUTABLE");

        List<SourceModule.Instance> bySet = repositories(Map.of(), "resource \"aws_ecr_repository\" \"r\" {\n"
                + "  for_each = toset([\"b\", \"a\"])\n  name = each.value\n}\n");
        assertThat(bySet).extracting(SourceModule.Instance::address)
                .containsExactly("aws_ecr_repository.r[\"a\"]", "aws_ecr_repository.r[\"b\"]");

        List<SourceModule.Instance> unknownKeys = repositories(Map.of(), "variable \"repos\" {}\n"
                + "resource \"aws_ecr_repository\" \"r\" {\n  for_each = var.repos\n  name = each.key\n"
                + "  image_tag_mutability = \"MUTABLE\"\n}\n");
        assertThat(unknownKeys).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("aws_ecr_repository.r[*]");
            assertThat(r.keysUnknown()).isTrue();
            assertThat(r.keysWhy()).contains("var.repos has no value");
            assertThat(r.attributes().get("image_tag_mutability").asText()).isEqualTo("MUTABLE");
            assertThat(Unknown.of(r.attributes().get("name"))).isNotNull();
        });
        assertThat(repositories(Map.of(), "resource \"aws_ecr_repository\" \"r\" {\n  count = 0\n}\n")).isEmpty();
        for (String count : new String[] {"-1", "1.5", "\"x\"", "1e9"}) {
            assertThat(repositories(Map.of(), "resource \"aws_ecr_repository\" \"r\" {\n  count = " + count + "\n}\n"))
                    .as("count = %s cannot hide the repository", count).singleElement()
                    .satisfies(r -> assertThat(r.address()).isEqualTo("aws_ecr_repository.r[*]"));
        }
        assertThat(repositories(Map.of(), "resource \"aws_ecr_repository\" \"r\" {\n  for_each = [{a = 1}]\n}\n"))
                .singleElement().satisfies(r -> assertThat(r.keysWhy()).contains("Terraform would refuse"));
    }

    @Test
    void dynamicBlocksAreExpandedWhenTheirForEachIsKnown() {
        String source = "variable \"filters\" {\n  default = [\"latest\", \"dev-*\"]\n}\n"
                + "resource \"aws_ecr_repository\" \"r\" {\n  image_tag_mutability = \"IMMUTABLE_WITH_EXCLUSION\"\n"
                + "  dynamic \"image_tag_mutability_exclusion_filter\" {\n    for_each = var.filters\n"
                + "    iterator = f\n    content {\n      filter = f.value\n      filter_type = \"WILDCARD\"\n    }\n"
                + "  }\n}\n";
        JsonNode filters = repositories(Map.of(), source).get(0).attributes().get("image_tag_mutability_exclusion_filter");
        assertThat(filters.toString()).isEqualTo("[{\"filter\":\"latest\",\"filter_type\":\"WILDCARD\"},"
                + "{\"filter\":\"dev-*\",\"filter_type\":\"WILDCARD\"}]");

        JsonNode unknown = repositories(Map.of(), source.replace("default = [\"latest\", \"dev-*\"]", "type = list(string)"))
                .get(0).attributes().get("image_tag_mutability_exclusion_filter");
        assertThat(Unknown.of(unknown).why()).contains("for_each is not known statically").contains("var.filters");
    }

    @Test
    void keysAreQuotedInAddressesAsTerraformQuotesThem() {
        assertThat(SourceModule.quoted("api")).isEqualTo("\"api\"");
        assertThat(SourceModule.quoted("a\"b\\c\n\r\t")).isEqualTo("\"a\\\"b\\\\c\\n\\r\\t\"");
        assertThat(SourceModule.quoted("${x} %{y} $ % é")).isEqualTo("\"$${x} %%{y} $ % é\"");
        assertThat(SourceModule.quoted("\u0007\u00a0\uD83D\uDE00")).isEqualTo("\"\\u0007\\u00a0\uD83D\uDE00\"");
    }
}
