package dev.ecrguard.report;

/**
 * The checker's version and home, for reports that name their tool. The version has one source, the pom's
 * {@code project.version}, which every jar's manifest carries as {@code Implementation-Version}: {@code ecr-guard
 * --version}, SARIF's {@code tool.driver.version} and the CDK plugin's {@code pluginVersion} all read it here.
 */
public final class Version {
    /** The project's home (its placeholder address until the repository is public). */
    public static final String PROJECT_URL = "https://github.com/ecr-guard/ecr-guard";

    private Version() {}

    /** The version in the manifest of the jar this class is loaded from; "development" when run from classes. */
    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
