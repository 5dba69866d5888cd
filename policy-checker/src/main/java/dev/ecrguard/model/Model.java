package dev.ecrguard.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The normalized model every loader fills and every rule reads (docs/model.md).
 *
 * <p>Its size is bounded ({@link #MAX_WEIGHT}): a few bytes of input ({@code {}} in a block list, an empty container
 * definition) become a whole entry here and again in the rules' memory, so a small hostile file could otherwise
 * exhaust the heap. Adding past the limit throws {@link TooLarge}, which the loaders report as an input error on the
 * file being read.
 */
public final class Model {
    /**
     * The weight the model may hold. Repositories, creation templates and scanning configurations weigh
     * {@link #REPOSITORY_WEIGHT} each (the rules judge each against the others: 10,000 repositories fit a 256 MB heap,
     * 20,000 do not), a workload and each of its images weigh one (a plan of 175,000 resources, bench/, holds about
     * 1,750 repositories and 20,000 workloads and images).
     */
    public static final int MAX_WEIGHT = 40_000;
    /** What a repository, creation template or scanning configuration weighs against {@link #MAX_WEIGHT}. */
    public static final int REPOSITORY_WEIGHT = 4;

    /** The model would weigh more than {@link #MAX_WEIGHT}. */
    public static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("more repositories, workloads and container images than one check judges ("
                    + MAX_WEIGHT / REPOSITORY_WEIGHT + " repositories, or " + MAX_WEIGHT + " workloads and images: a "
                    + "limit that keeps memory bounded); check the inputs in smaller runs", null, false, false);
        }
    }

    /** The version of the model's shape, for the rules and for tools that read the JSON. */
    public final int modelVersion = 1;
    private int weight;
    /** ECR repositories. */
    public final List<Repository> repositories = new Entries<>();
    /** Repository creation templates (repositories that pull-through cache and replication create). */
    public final List<CreationTemplate> creationTemplates = new Entries<>();
    /** Registry-wide scanning rules. */
    public final List<RegistryScanning> registryScanning = new Entries<>();
    /** Workloads that pull images (ECS, Lambda, Batch, App Runner). */
    public final List<Workload> workloads = new Entries<>();
    /** CloudFormation resources the parameter values in use do not deploy, but another deploy can. */
    public final List<ConditionalResource> conditionallyDeployed = new ArrayList<>();

    /** What the model held at one moment, to roll back to. */
    public record Snapshot(int weight, int repositories, int creationTemplates, int registryScanning, int workloads) {}

    /**
     * What the model holds now.
     *
     * @return a snapshot to {@link #rollBack} to
     */
    public Snapshot snapshot() {
        return new Snapshot(weight, repositories.size(), creationTemplates.size(), registryScanning.size(),
                workloads.size());
    }

    /**
     * Drops what was added since {@code snapshot}: a file refused half-read adds nothing.
     *
     * @param snapshot what the model held before
     */
    public void rollBack(Snapshot snapshot) {
        repositories.subList(snapshot.repositories(), repositories.size()).clear();
        creationTemplates.subList(snapshot.creationTemplates(), creationTemplates.size()).clear();
        registryScanning.subList(snapshot.registryScanning(), registryScanning.size()).clear();
        workloads.subList(snapshot.workloads(), workloads.size()).clear();
        weight = snapshot.weight();
    }

    /** A list that weighs what it adds against the model's limit. */
    private final class Entries<T> extends ArrayList<T> {
        @Override
        public boolean add(T item) {
            weigh(item);
            return super.add(item);
        }

        @Override
        public boolean addAll(Collection<? extends T> items) {
            items.forEach(this::weigh);
            return super.addAll(items);
        }

        private void weigh(T item) {
            weight += item instanceof Workload w ? 1 + (w.images() == null ? 0 : w.images().size()) : REPOSITORY_WEIGHT;
            if (weight > MAX_WEIGHT) {
                throw new TooLarge();
            }
        }
    }

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
        conditionallyDeployed.addAll(other.conditionallyDeployed);
    }

    /**
     * A resource as findings name it: its file and its id. The same id in two files (dev/ and prod/ root modules,
     * two stacks) is two resources, and what one carries never applies to the other.
     */
    public record ResourceRef(String file, String id) {
        /**
         * The resource of a model entry.
         *
         * @param id the resource id
         * @param location where it is defined (its file), or null
         * @return the reference
         */
        public static ResourceRef of(String id, Location location) {
            return new ResourceRef(location == null ? null : location.file(), id);
        }
    }

    /**
     * The waivers each resource carries (inline, CDK acknowledgements), by file and id.
     *
     * @return each resource that carries waivers, with them
     */
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
