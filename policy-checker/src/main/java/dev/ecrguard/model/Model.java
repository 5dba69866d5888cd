package dev.ecrguard.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The normalized model every loader produces and every rule reads (docs/model.md). A model does not change once
 * built: each loader fills a {@link Builder} with what one input holds (a fragment), and the fragments are merged
 * into the model of the whole run.
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
    private final int weight;
    /** ECR repositories (read-only). */
    public final List<Repository> repositories;
    /** Repository creation templates (repositories that pull-through cache and replication create; read-only). */
    public final List<CreationTemplate> creationTemplates;
    /** Registry-wide scanning rules (read-only). */
    public final List<RegistryScanning> registryScanning;
    /** Workloads that pull images (ECS, Lambda, Batch, App Runner; read-only). */
    public final List<Workload> workloads;
    /** CloudFormation resources the parameter values in use do not deploy, but another deploy can (read-only). */
    public final List<ConditionalResource> conditionallyDeployed;

    private Model(Builder b) {
        weight = b.weight;
        repositories = List.copyOf(b.repositories);
        creationTemplates = List.copyOf(b.creationTemplates);
        registryScanning = List.copyOf(b.registryScanning);
        workloads = List.copyOf(b.workloads);
        conditionallyDeployed = List.copyOf(b.conditionallyDeployed);
    }

    /**
     * A model that holds nothing.
     *
     * @return an empty model
     */
    public static Model empty() {
        return builder().build();
    }

    /**
     * A builder for a model, or for the fragment one input adds to it.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects a model's entries, weighing each against {@link #MAX_WEIGHT}; not thread-safe. */
    public static final class Builder {
        private int weight;
        private final List<Repository> repositories = new ArrayList<>();
        private final List<CreationTemplate> creationTemplates = new ArrayList<>();
        private final List<RegistryScanning> registryScanning = new ArrayList<>();
        private final List<Workload> workloads = new ArrayList<>();
        private final List<ConditionalResource> conditionallyDeployed = new ArrayList<>();

        private Builder() {}

        /**
         * Adds a repository.
         *
         * @param repository the repository
         * @return this builder
         * @throws TooLarge when the model would weigh more than {@link #MAX_WEIGHT}
         */
        public Builder add(Repository repository) {
            weigh(REPOSITORY_WEIGHT);
            repositories.add(repository);
            return this;
        }

        /**
         * Adds a creation template.
         *
         * @param template the template
         * @return this builder
         * @throws TooLarge when the model would weigh more than {@link #MAX_WEIGHT}
         */
        public Builder add(CreationTemplate template) {
            weigh(REPOSITORY_WEIGHT);
            creationTemplates.add(template);
            return this;
        }

        /**
         * Adds a registry scanning configuration.
         *
         * @param scanning the configuration
         * @return this builder
         * @throws TooLarge when the model would weigh more than {@link #MAX_WEIGHT}
         */
        public Builder add(RegistryScanning scanning) {
            weigh(REPOSITORY_WEIGHT);
            registryScanning.add(scanning);
            return this;
        }

        /**
         * Adds a workload.
         *
         * @param workload the workload
         * @return this builder
         * @throws TooLarge when the model would weigh more than {@link #MAX_WEIGHT}
         */
        public Builder add(Workload workload) {
            weigh(weightOf(workload));
            workloads.add(workload);
            return this;
        }

        /**
         * Adds a resource that another deploy can make exist.
         *
         * @param resource the resource and the parameter value that deploys it
         * @return this builder
         */
        public Builder add(ConditionalResource resource) {
            conditionallyDeployed.add(resource);
            return this;
        }

        /**
         * Adds everything a model holds, or nothing when it would make this one too large.
         *
         * @param fragment the model whose entries are appended
         * @return this builder
         * @throws TooLarge when the model would weigh more than {@link #MAX_WEIGHT}; nothing was added then
         */
        public Builder addAll(Model fragment) {
            weigh(fragment.weight);
            repositories.addAll(fragment.repositories);
            creationTemplates.addAll(fragment.creationTemplates);
            registryScanning.addAll(fragment.registryScanning);
            workloads.addAll(fragment.workloads);
            conditionallyDeployed.addAll(fragment.conditionallyDeployed);
            return this;
        }

        /**
         * The model as built so far; the builder can go on.
         *
         * @return a model that does not change
         */
        public Model build() {
            return new Model(this);
        }

        private void weigh(int more) {
            if (weight + more > MAX_WEIGHT) {
                throw new TooLarge();
            }
            weight += more;
        }

        private static int weightOf(Workload w) {
            return 1 + (w.images() == null ? 0 : w.images().size());
        }
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
