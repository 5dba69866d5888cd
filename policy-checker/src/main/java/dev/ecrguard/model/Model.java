package dev.ecrguard.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The normalized model every loader fills and every rule reads (docs/model.md). */
public final class Model {
    public final int modelVersion = 1;
    public final List<Repository> repositories = new ArrayList<>();
    public final List<CreationTemplate> creationTemplates = new ArrayList<>();
    public final List<RegistryScanning> registryScanning = new ArrayList<>();
    public final List<Workload> workloads = new ArrayList<>();

    /** Adds everything another model holds. */
    public void addAll(Model other) {
        repositories.addAll(other.repositories);
        creationTemplates.addAll(other.creationTemplates);
        registryScanning.addAll(other.registryScanning);
        workloads.addAll(other.workloads);
    }

    /**
     * A resource as findings name it: its file and its id. The same id in two files (dev/ and prod/ root modules,
     * two stacks) is two resources, and what one carries never applies to the other.
     */
    public record ResourceRef(String file, String id) {
        public static ResourceRef of(String id, Location location) {
            return new ResourceRef(location == null ? null : location.file(), id);
        }
    }

    /** The waivers each resource carries (inline, CDK acknowledgements), by file and id. */
    public Map<ResourceRef, List<Waiver>> waiversByResource() {
        Map<ResourceRef, List<Waiver>> byResource = new HashMap<>();
        repositories.forEach(r -> add(byResource, ResourceRef.of(r.id(), r.location()), r.waivers()));
        creationTemplates.forEach(t -> add(byResource, ResourceRef.of(t.id(), t.location()), t.waivers()));
        workloads.forEach(w -> add(byResource, ResourceRef.of(w.id(), w.location()), w.waivers()));
        return byResource;
    }

    private static void add(Map<ResourceRef, List<Waiver>> byResource, ResourceRef resource, List<Waiver> waivers) {
        if (waivers != null && !waivers.isEmpty()) {
            byResource.computeIfAbsent(resource, k -> new ArrayList<>()).addAll(waivers);
        }
    }
}
