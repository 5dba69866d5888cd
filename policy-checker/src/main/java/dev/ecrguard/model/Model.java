package dev.ecrguard.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The normalized model every loader fills and every rule reads (docs/model.md).
 *
 * <p>It holds at most {@link #MAX_ENTRIES} entries: a few bytes of input ({@code {}} in a block list, an empty
 * container definition) become a whole entry here and again in the rules' memory, so a small hostile file could
 * otherwise exhaust the heap. Adding past the limit throws {@link TooLarge}, which the loaders report as an input
 * error on the file being read.
 */
public final class Model {
    /**
     * Repositories, creation templates, scanning configurations, workloads and their images, together. Far more than
     * one check of real infrastructure holds; the rules judge this many within a 256 MB heap.
     */
    public static final int MAX_ENTRIES = 10_000;

    /** The model would hold more than {@link #MAX_ENTRIES} entries. */
    public static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("more than " + MAX_ENTRIES + " repositories, workloads and container images to judge in one check "
                    + "(a limit that keeps memory bounded); check the inputs in smaller runs", null, false, false);
        }
    }

    public final int modelVersion = 1;
    private int entries;
    public final List<Repository> repositories = new Entries<>();
    public final List<CreationTemplate> creationTemplates = new Entries<>();
    public final List<RegistryScanning> registryScanning = new Entries<>();
    public final List<Workload> workloads = new Entries<>();

    /** What the model held at one moment, to roll back to. */
    public record Snapshot(int entries, int repositories, int creationTemplates, int registryScanning, int workloads) {}

    public Snapshot snapshot() {
        return new Snapshot(entries, repositories.size(), creationTemplates.size(), registryScanning.size(),
                workloads.size());
    }

    /** Drops what was added since {@code snapshot}: a file refused half-read adds nothing. */
    public void rollBack(Snapshot snapshot) {
        repositories.subList(snapshot.repositories(), repositories.size()).clear();
        creationTemplates.subList(snapshot.creationTemplates(), creationTemplates.size()).clear();
        registryScanning.subList(snapshot.registryScanning(), registryScanning.size()).clear();
        workloads.subList(snapshot.workloads(), workloads.size()).clear();
        entries = snapshot.entries();
    }

    /** A list that counts what it adds against the model's limit (a workload counts once per image, too). */
    private final class Entries<T> extends ArrayList<T> {
        @Override
        public boolean add(T item) {
            count(item);
            return super.add(item);
        }

        @Override
        public boolean addAll(Collection<? extends T> items) {
            items.forEach(this::count);
            return super.addAll(items);
        }

        private void count(T item) {
            entries += 1 + (item instanceof Workload w && w.images() != null ? w.images().size() : 0);
            if (entries > MAX_ENTRIES) {
                throw new TooLarge();
            }
        }
    }

    /** Adds everything another model holds. */
    public void addAll(Model other) {
        repositories.addAll(other.repositories);
        creationTemplates.addAll(other.creationTemplates);
        registryScanning.addAll(other.registryScanning);
        workloads.addAll(other.workloads);
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
