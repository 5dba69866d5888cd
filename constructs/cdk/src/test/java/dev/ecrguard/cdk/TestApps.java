package dev.ecrguard.cdk;

import java.nio.file.Path;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/** Apps for the tests: synthesized into a temporary folder, failing validation with the report in the exception. */
final class TestApps {
    private TestApps() {}

    static App app(Path outdir) {
        return App.Builder.create()
                .outdir(outdir.toString())
                .context(Map.of("@aws-cdk/core:appMode", "inmemory"))
                .build();
    }

    static Stack stack(Path outdir) {
        return new Stack(app(outdir), "Registry");
    }
}
