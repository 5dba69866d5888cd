package dev.ecrguard.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An ECR repository managed by the input. */
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
        List<Waiver> waivers) {

    /** The settings before a Terraform update, for rules that judge the change. */
    public record Before(Value tagMutability, Value exclusionFilters) {}
}
