package dev.ecrguard.load;

/** A file a folder scan passed over, and why. */
public record Skipped(String file, String reason) {}
