package dev.ecrguard.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A setting as the input states it: known, absent (the default applies) or unknown until deploy.
 * See docs/model.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Value(String state, JsonNode value, String attribute, String why, List<JsonNode> candidates) {

    public static final String KNOWN = "known";
    public static final String ABSENT = "absent";
    public static final String UNKNOWN = "unknown";

    public static Value known(JsonNode value, String attribute, String why) {
        return new Value(KNOWN, value, attribute, why, null);
    }

    public static Value absent(String attribute) {
        return new Value(ABSENT, null, attribute, null, null);
    }

    public static Value unknown(String attribute, String why) {
        return new Value(UNKNOWN, null, attribute, why, null);
    }

    public static Value unknown(String attribute, String why, List<JsonNode> candidates) {
        return new Value(UNKNOWN, null, attribute, why, candidates);
    }

    @JsonIgnore
    public boolean isKnown() {
        return KNOWN.equals(state);
    }

    public Value withAttribute(String newAttribute) {
        return new Value(state, value, newAttribute, why, candidates);
    }
}
