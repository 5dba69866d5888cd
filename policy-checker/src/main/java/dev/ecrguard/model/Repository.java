package dev.ecrguard.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An ECR repository managed by the input. {@code awsProviderVersion} is the version constraint of the hashicorp/aws
 * provider, where the input says which versions it requires (Terraform plans and JSON configuration), else null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Repository(
        String id,
        String type,
        Value name,
        Value tagMutability,
        Value exclusionFilters,
        Value scanOnPush,
        Value forceDelete,
        Before before,
        Location location,
        List<Waiver> waivers,
        Value awsProviderVersion) {

    /**
     * A repository of an input that does not say which AWS provider versions it requires (no
     * {@code awsProviderVersion}: CloudFormation, a Terraform state).
     *
     * @param id the resource's id (logical id or address)
     * @param type the resource type
     * @param name the repository name
     * @param tagMutability the tag mutability
     * @param exclusionFilters the tag mutability exclusion filters
     * @param scanOnPush whether images are scanned on push
     * @param forceDelete whether deleting the repository deletes its images
     * @param before the settings before a Terraform update, or null
     * @param location where the resource is
     * @param waivers the waivers the input writes for it
     */
    public Repository(String id, String type, Value name, Value tagMutability, Value exclusionFilters, Value scanOnPush,
            Value forceDelete, Before before, Location location, List<Waiver> waivers) {
        this(id, type, name, tagMutability, exclusionFilters, scanOnPush, forceDelete, before, location, waivers, null);
    }

    /**
     * This repository in an input whose AWS provider version constraint is {@code constraint}.
     *
     * @param constraint the constraint, absent when the input sets none
     * @return a copy with it
     */
    public Repository withAwsProviderVersion(Value constraint) {
        return new Repository(id, type, name, tagMutability, exclusionFilters, scanOnPush, forceDelete, before, location,
                waivers, constraint);
    }

    /** The settings before a Terraform update, for rules that judge the change. */
    public record Before(Value tagMutability, Value exclusionFilters) {}
}
