package dev.ecrguard.load;

import dev.ecrguard.Loaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecrguard.model.CreationTemplate;
import dev.ecrguard.model.RegistryScanning;
import dev.ecrguard.model.Repository;
import dev.ecrguard.model.Value;
import dev.ecrguard.model.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small helpers shared by the loader tests: write inputs, load them, and read the model compactly. */
public final class LoadSupport {
    private LoadSupport() {}

    // ---- inputs ----

    /** Writes {@code content} (UTF-8) to {@code dir/relative}, creating folders. */
    public static Path write(Path dir, String relative, String content) {
        return write(dir, relative, content.getBytes(StandardCharsets.UTF_8));
    }

    public static Path write(Path dir, String relative, byte[] content) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file or folder under src/test/resources. */
    public static Path resource(String name) {
        URL url = LoadSupport.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based line of the first line of {@code file} that contains {@code needle}. */
    public static int lineOf(Path file, String needle) {
        List<String> lines = read(file).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + file);
    }

    // ---- loading ----

    public static LoadResult load(Path... paths) {
        return load(Map.of(), paths);
    }

    public static LoadResult load(Map<String, String> parameters, Path... paths) {
        return Loaders.load(Arrays.stream(paths).map(Path::toString).toList(), parameters,
                InputStream.nullInputStream());
    }

    /** Loads and requires that nothing failed. */
    public static LoadResult loadOk(Path... paths) {
        return loadOk(Map.of(), paths);
    }

    public static LoadResult loadOk(Map<String, String> parameters, Path... paths) {
        LoadResult result = load(parameters, paths);
        assertThat(result.errors).extracting(InputError::oneLine).isEmpty();
        return result;
    }

    // ---- the model ----

    public static Repository repo(LoadResult result, String id) {
        return only(result.model.repositories.stream().filter(r -> r.id().equals(id)).toList(), id,
                result.model.repositories.stream().map(Repository::id).toList());
    }

    public static Workload workload(LoadResult result, String id) {
        return only(result.model.workloads.stream().filter(w -> w.id().equals(id)).toList(), id,
                result.model.workloads.stream().map(Workload::id).toList());
    }

    public static CreationTemplate creationTemplate(LoadResult result, String id) {
        return only(result.model.creationTemplates.stream().filter(t -> t.id().equals(id)).toList(), id,
                result.model.creationTemplates.stream().map(CreationTemplate::id).toList());
    }

    public static RegistryScanning scanning(LoadResult result, String id) {
        return only(result.model.registryScanning.stream().filter(s -> s.id().equals(id)).toList(), id,
                result.model.registryScanning.stream().map(RegistryScanning::id).toList());
    }

    public static List<String> repositoryIds(LoadResult result) {
        return result.model.repositories.stream().map(Repository::id).toList();
    }

    public static List<String> workloadIds(LoadResult result) {
        return result.model.workloads.stream().map(Workload::id).toList();
    }

    public static Workload.Image image(Workload workload, String container) {
        return only(workload.images().stream().filter(i -> i.container().equals(container)).toList(), container,
                workload.images().stream().map(Workload.Image::container).toList());
    }

    private static <T> T only(List<T> matches, String wanted, List<String> present) {
        if (matches.size() != 1) {
            fail("expected exactly one '" + wanted + "', found " + matches.size() + " among " + present);
        }
        return matches.get(0);
    }

    /**
     * A value in one short string: {@code known:IMMUTABLE}, {@code known:true}, {@code known:["latest"]},
     * {@code absent}, {@code unknown}, or {@code unknown[IMMUTABLE, null]} when it has candidates.
     */
    public static String describe(Value v) {
        assertThat(v).as("value").isNotNull();
        return switch (v.state()) {
            case KNOWN -> "known:" + text(v.value());
            case ABSENT -> {
                assertThat(v.value()).as("an absent value has no value").isNull();
                yield "absent";
            }
            case UNKNOWN -> {
                assertThat(v.value()).as("an unknown value has no value").isNull();
                yield v.candidates() == null ? "unknown" : "unknown" + v.candidates().stream()
                        .map(c -> c == null ? "null" : text(c)).collect(Collectors.joining(", ", "[", "]"));
            }
        };
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "null" : node.isTextual() ? node.asText() : node.toString();
    }

    /** The image as {@code ref | repository | repositoryName | tag | digest}, for one-line comparisons. */
    public static String describe(Workload.Image image) {
        return describe(image.ref()) + " | repository=" + image.repository() + " | name=" + image.repositoryName()
                + " | tag=" + image.tag() + " | digest=" + image.digest();
    }
}
