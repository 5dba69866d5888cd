package dev.ecrguard.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A setting as the input states it: known, absent (the default applies) or unknown until deploy.
 * See docs/model.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Value(String state, JsonNode value, String attribute, String why, List<JsonNode> candidates,
        List<Override> overrides) {

    /**
     * What a deploy gets when it gives {@code parameter} another value than the one in use ({@code given}, or null
     * for any value the parameter accepts): a CloudFormation parameter that a deploy can override.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Override(String parameter, String given, Value value) {}

    public static final String KNOWN = "known";
    public static final String ABSENT = "absent";
    public static final String UNKNOWN = "unknown";

    public static Value known(JsonNode value, String attribute, String why) {
        return new Value(KNOWN, value, attribute, why, null, null);
    }

    public static Value absent(String attribute) {
        return new Value(ABSENT, null, attribute, null, null, null);
    }

    public static Value unknown(String attribute, String why) {
        return new Value(UNKNOWN, null, attribute, why, null, null);
    }

    public static Value unknown(String attribute, String why, List<JsonNode> candidates) {
        return new Value(UNKNOWN, null, attribute, why, candidates, null);
    }

    @JsonIgnore
    public boolean isKnown() {
        return KNOWN.equals(state);
    }

    public Value withAttribute(String newAttribute) {
        return new Value(state, value, newAttribute, why, candidates, overrides);
    }

    public Value withOverrides(List<Override> newOverrides) {
        return new Value(state, value, attribute, why, candidates, newOverrides);
    }

    /** Whether a deploy gets the same setting from both (how each was known aside). */
    public boolean sameSetting(Value other) {
        return state.equals(other.state) && Objects.equals(value, other.value)
                && Objects.equals(candidates, other.candidates);
    }
}
