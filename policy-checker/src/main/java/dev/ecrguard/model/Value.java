package dev.ecrguard.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A setting as the input states it: known, absent (the default applies) or unknown until deploy.
 * See docs/model.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Value(State state, JsonNode value, String attribute, String why, List<JsonNode> candidates,
        List<Override> overrides) {

    /**
     * What a deploy gets when it gives {@code parameter} another value than the one in use ({@code given}, or null
     * for any value the parameter accepts): a CloudFormation parameter that a deploy can override.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Override(String parameter, String given, Value value) {}

    /** What the input says about a setting; the rules read it as {@code known}, {@code absent} or {@code unknown}. */
    public enum State {
        /** The input states the value. */
        KNOWN,
        /** The input leaves the setting out, so the service default applies. */
        ABSENT,
        /** The value cannot be known before deploy. */
        UNKNOWN;

        /**
         * The name the model's JSON and the rules use.
         *
         * @return {@code known}, {@code absent} or {@code unknown}
         */
        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A value the input states.
     *
     * @param value the value
     * @param attribute the attribute of the input that holds it
     * @param why how it was resolved, or null
     * @return a known value
     */
    public static Value known(JsonNode value, String attribute, String why) {
        return new Value(State.KNOWN, value, attribute, why, null, null);
    }

    /**
     * A setting the input leaves out.
     *
     * @param attribute the attribute that is missing
     * @return an absent value
     */
    public static Value absent(String attribute) {
        return new Value(State.ABSENT, null, attribute, null, null, null);
    }

    /**
     * A value that cannot be known before deploy.
     *
     * @param attribute the attribute of the input that holds it
     * @param why why it cannot be known
     * @return an unknown value
     */
    public static Value unknown(String attribute, String why) {
        return new Value(State.UNKNOWN, null, attribute, why, null, null);
    }

    /**
     * A value that cannot be known before deploy but is one of a few candidates.
     *
     * @param attribute the attribute of the input that holds it
     * @param why why it cannot be known
     * @param candidates the values it can take
     * @return an unknown value with its candidates
     */
    public static Value unknown(String attribute, String why, List<JsonNode> candidates) {
        return new Value(State.UNKNOWN, null, attribute, why, candidates, null);
    }

    /**
     * Whether the input states the value.
     *
     * @return true for a known value
     */
    @JsonIgnore
    public boolean isKnown() {
        return state == State.KNOWN;
    }

    /**
     * The same value, held by another attribute.
     *
     * @param newAttribute the attribute
     * @return a copy naming that attribute
     */
    public Value withAttribute(String newAttribute) {
        return new Value(state, value, newAttribute, why, candidates, overrides);
    }

    /**
     * This value with what other deploys can make of it.
     *
     * @param newOverrides the values a deploy that gives a parameter another value gets
     * @return a copy with those overrides
     */
    public Value withOverrides(List<Override> newOverrides) {
        return new Value(state, value, attribute, why, candidates, newOverrides);
    }

    /**
     * Whether a deploy gets the same setting from both (how each was known aside).
     *
     * @param other another value
     * @return true when state, value and candidates are equal
     */
    public boolean sameSetting(Value other) {
        return state == other.state && Objects.equals(value, other.value)
                && Objects.equals(candidates, other.candidates);
    }
}
