package dev.ecrguard.load.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecrguard.load.Document;

/** What makes a document a CloudFormation template, by content. */
final class CloudFormationShape {
    private CloudFormationShape() {}

    /** A {@code Resources} object, or a format version without resources (a template that deploys nothing yet). */
    static boolean isTemplate(Document document) {
        JsonNode root = document.root();
        return document.isObject() && (root.path("Resources").isObject()
                || root.has("AWSTemplateFormatVersion") && root.path("Resources").isMissingNode());
    }
}
