package dev.ecrguard.cdk;

/** The version of this library, from the jar manifest (the Maven project version). */
final class Version {
    private Version() {}

    static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }
}
