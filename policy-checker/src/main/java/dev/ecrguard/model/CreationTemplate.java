package dev.ecrguard.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A repository creation template: the settings of repositories ECR creates by itself. {@code awsProviderVersion} is
 * as in {@link Repository}.
 */
public record CreationTemplate(
        String id,
        String type,
        Value prefix,
        Value appliedFor,
        Value tagMutability,
        Value exclusionFilters,
        Location location,
        List<Waiver> waivers,
        @JsonInclude(JsonInclude.Include.NON_NULL) Value awsProviderVersion) {

    /**
     * A creation template of an input that does not say which AWS provider versions it requires.
     *
     * @param id the resource's id (logical id or address)
     * @param type the resource type
     * @param prefix the repository name prefix it applies to
     * @param appliedFor what it applies to (pull-through cache, replication, create on push)
     * @param tagMutability the tag mutability of the repositories it makes
     * @param exclusionFilters their tag mutability exclusion filters
     * @param location where the resource is
     * @param waivers the waivers the input writes for it
     */
    public CreationTemplate(String id, String type, Value prefix, Value appliedFor, Value tagMutability,
            Value exclusionFilters, Location location, List<Waiver> waivers) {
        this(id, type, prefix, appliedFor, tagMutability, exclusionFilters, location, waivers, null);
    }

    /**
     * This template in an input whose AWS provider version constraint is {@code constraint}.
     *
     * @param constraint the constraint, absent when the input sets none
     * @return a copy with it
     */
    public CreationTemplate withAwsProviderVersion(Value constraint) {
        return new CreationTemplate(id, type, prefix, appliedFor, tagMutability, exclusionFilters, location, waivers,
                constraint);
    }
}
