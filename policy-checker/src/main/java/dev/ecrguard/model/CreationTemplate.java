package dev.ecrguard.model;

import java.util.List;

/** A repository creation template: the settings of repositories ECR creates by itself. */
public record CreationTemplate(
        String id,
        String type,
        Value prefix,
        Value appliedFor,
        Value tagMutability,
        Value exclusionFilters,
        Location location,
        List<Waiver> waivers) {}
