package dev.ecrguard.cdk;

import dev.ecrguard.Checker;

/** One {@link Checker} for the whole JVM: loading the compiled rules is the expensive part, checking is cheap. */
final class SharedChecker {
    private static Checker checker;

    private SharedChecker() {}

    static synchronized Checker get() {
        if (checker == null) {
            checker = new Checker();
        }
        return checker;
    }
}
