package dev.ecrguard.model;

import java.util.ArrayList;
import java.util.List;

/** The normalized model every loader fills and every rule reads (docs/model.md). */
public final class Model {
    public final int modelVersion = 1;
    public final List<Repository> repositories = new ArrayList<>();
    public final List<CreationTemplate> creationTemplates = new ArrayList<>();
    public final List<RegistryScanning> registryScanning = new ArrayList<>();
    public final List<Workload> workloads = new ArrayList<>();
}
