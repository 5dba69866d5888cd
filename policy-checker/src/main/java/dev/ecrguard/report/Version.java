package dev.ecrguard.report;

/** The checker's version and home, for reports that name their tool. */
public final class Version {
    public static final String PROJECT_URL = "https://github.com/ecr-guard/ecr-guard";

    private Version() {}

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
