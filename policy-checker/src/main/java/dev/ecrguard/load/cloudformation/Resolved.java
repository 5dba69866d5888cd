package dev.ecrguard.load.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What a CloudFormation expression resolves to before deploy. */
sealed interface Resolved {

    /**
     * A value known now. {@code symbolic} marks a string that still holds {@code ${...}} placeholders for values only
     * known at deploy (a repository's URI, the region): enough to read an image tag, not a setting.
     */
    record Known(JsonNode node, String why, boolean symbolic) implements Resolved {}

    /** Not set, or removed with {@code AWS::NoValue}: the default applies. */
    record Absent() implements Resolved {}

    /** Only known at deploy. {@code placeholder} is how it reads inside a string, e.g. {@code ${AppRepo.Arn}}. */
    record Unknown(String why, String placeholder) implements Resolved {}

    /** One of several values, e.g. the branches of a condition that cannot be evaluated. */
    record Either(List<Resolved> options, String why) implements Resolved {}

    Absent ABSENT = new Absent();
}
