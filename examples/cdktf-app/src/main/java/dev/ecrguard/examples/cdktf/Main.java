package dev.ecrguard.examples.cdktf;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;

/**
 * Synthesizes the example into {@code cdktf.out} (or the folder given as the first argument). With
 * {@code -DmutableDemo=true} it adds a plain mutable repository, and synth fails: exit code 1.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        String outdir = args.length > 0 ? args[0] : "cdktf.out";
        boolean mutableDemo = Boolean.getBoolean("mutableDemo");
        App app = new App(AppConfig.builder().outdir(outdir).build());
        new RegistryStack(app, "registry", mutableDemo);
        try {
            app.synth();
        } catch (RuntimeException e) {
            System.err.println("ecr-guard refused to synthesize the CDKTF app:");
            System.err.println(withoutJsTrace(e.getMessage()));
            System.exit(1);
        }
        System.out.println("synthesized into " + outdir);
    }

    /** The annotations of the error, without the JavaScript stack that jsii appends. */
    private static String withoutJsTrace(String message) {
        if (message == null) {
            return "(no message)";
        }
        int js = message.indexOf("\n@jsii/kernel");
        return js < 0 ? message : message.substring(0, js);
    }
}
