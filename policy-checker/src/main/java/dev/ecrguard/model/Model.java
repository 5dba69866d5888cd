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
    /** CloudFormation resources the parameter values in use do not deploy, but another deploy can. */
    public final List<ConditionalResource> conditionallyDeployed = new ArrayList<>();

    /** Adds everything another model holds. */
    public void addAll(Model other) {
        repositories.addAll(other.repositories);
        creationTemplates.addAll(other.creationTemplates);
        registryScanning.addAll(other.registryScanning);
        workloads.addAll(other.workloads);
        conditionallyDeployed.addAll(other.conditionallyDeployed);
    }

    /** The waivers each resource carries, by resource id. */
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
