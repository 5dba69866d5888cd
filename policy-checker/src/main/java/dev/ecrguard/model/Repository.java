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
