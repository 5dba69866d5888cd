package dev.ecrguard.model;

/** An acknowledgement that the input itself carries (a CDK acknowledgement, a construct opt-out). */
public record Waiver(String rule, String reason) {}
