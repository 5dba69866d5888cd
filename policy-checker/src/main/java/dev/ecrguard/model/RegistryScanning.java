package dev.ecrguard.model;

/** A registry scanning configuration; {@code rules} is a list of {frequency, filters}. */
public record RegistryScanning(String id, String type, Value scanType, Value rules, Location location) {}
