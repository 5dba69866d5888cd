package dev.ecrguard.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The normalized model every loader fills and every rule reads (docs/model.md). */
public final class Model {
    /** The version of the model's shape, for the rules and for tools that read the JSON. */
    public final int modelVersion = 1;
    /** ECR repositories. */
    public final List<Repository> repositories = new ArrayList<>();
    /** Repository creation templates (repositories that pull-through cache and replication create). */
    public final List<CreationTemplate> creationTemplates = new ArrayList<>();
    /** Registry-wide scanning rules. */
    public final List<RegistryScanning> registryScanning = new ArrayList<>();
    /** Workloads that pull images (ECS, Lambda, Batch, App Runner). */
    public final List<Workload> workloads = new ArrayList<>();

    /**
     * Adds everything another model holds.
     *
     * @param other the model whose entries are appended to this one's
     */
    public void addAll(Model other) {
        repositories.addAll(other.repositories);
        creationTemplates.addAll(other.creationTemplates);
        registryScanning.addAll(other.registryScanning);
        workloads.addAll(other.workloads);
    }

    /**
     * The waivers each resource carries, by resource id.
     *
     * @return resource id to the waivers written in that resource, for resources that carry any
     */
    public Map<String, List<Waiver>> waiversById() {
        Map<String, List<Waiver>> byId = new HashMap<>();
        repositories.forEach(r -> add(byId, r.id(), r.waivers()));
        creationTemplates.forEach(t -> add(byId, t.id(), t.waivers()));
        workloads.forEach(w -> add(byId, w.id(), w.waivers()));
        return byId;
    }

    private static void add(Map<String, List<Waiver>> byId, String id, List<Waiver> waivers) {
        if (waivers != null && !waivers.isEmpty()) {
            byId.computeIfAbsent(id, k -> new ArrayList<>()).addAll(waivers);
        }
    }
}
