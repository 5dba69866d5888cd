package dev.ecrguard.cdk;

import dev.ecrguard.Checker;
import dev.ecrguard.engine.Platform;
import dev.ecrguard.engine.Rule;
import dev.ecrguard.engine.Severity;
import dev.ecrguard.report.Version;
import dev.ecrguard.report.SafeText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.IPolicyValidationContext;
import software.amazon.awscdk.IPolicyValidationPlugin;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;

/**
 * A CDK policy validation plugin that runs the ecr-guard rules on every synthesized template, so that
 * {@code app.synth()} and {@code cdk synth} fail when a repository anywhere in the app (any stack, stage or nested
 * stack; made by the {@link ImmutableRepository}, the L2 {@code Repository}, L1 code or another library) lets its
 * tags be overwritten.
 *
 * <pre>{@code
 * App app = new App();
 * Validations.of(app).addPlugins(new EcrGuardPlugin());
 * }</pre>
 *
 * <p>Each finding becomes one violation named by its rule ({@code ECR001}...), with the construct path, the
 * resource's logical id and template, and the fix. Synthesis fails when a finding is at or above
 * {@link Builder#failOn(String) failOn} (default {@code error}); findings below
 * {@link Builder#reportAtOrAbove(String) reportAtOrAbove} (default {@code warning}) are left out of the report.
 *
 * <p>A finding is accepted (left out, and listed in the report's metadata with its reason) when the resource
 * carries an ecr-guard waiver in its CloudFormation {@code Metadata}, or when the resource's construct or one of
 * its parents acknowledges the rule: {@code Validations.of(construct).acknowledge(Acknowledgment.builder()
 * .id("ECR001").reason("...").build())}. The id may also be written {@code ecr-guard::ECR001}. An acknowledgement
 * covers only the constructs below it.
 */
public final class EcrGuardPlugin implements IPolicyValidationPlugin {
    /** The plugin's name in CDK's validation report; CDK calls its rules {@code ecr-guard::ECR001}. */
    public static final String NAME = "ecr-guard";

    private final Severity failOn;
    private final Severity reportAtOrAbove;

    /** A plugin that fails synthesis on errors and reports errors and warnings. */
    public EcrGuardPlugin() {
        this(Severity.ERROR, Severity.WARNING);
    }

    private EcrGuardPlugin(Severity failOn, Severity reportAtOrAbove) {
        this.failOn = failOn;
        this.reportAtOrAbove = reportAtOrAbove;
    }

    /**
     * Registers a new plugin with default settings on {@code app} (an App or a Stage).
     *
     * @param app the app
     * @return the plugin, added to the app's validation plugins
     */
    public static EcrGuardPlugin addTo(IConstruct app) {
        EcrGuardPlugin plugin = new EcrGuardPlugin();
        Validations.of(app).addPlugins(plugin);
        return plugin;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getVersion() {
        return Version.current();
    }

    @Override
    public List<String> getRuleIds() {
        return Checker.shared().catalog().rules().stream().map(Rule::id).toList();
    }

    @Override
    public PolicyValidationPluginReport validate(IPolicyValidationContext context) {
        TemplateCheck.Outcome outcome = TemplateCheck.run(context.getAppConstruct(), context.getTemplatePaths());
        List<PolicyViolation> violations = new ArrayList<>();
        boolean success = true;
        for (TemplateCheck.Located l : outcome.findings()) {
            Severity severity = Severity.parse(l.finding().severity());
            boolean fails = severity.atLeast(failOn);
            success &= !fails;
            if (severity.atLeast(reportAtOrAbove) || fails) {
                violations.add(violation(l, fails, outcome.acknowledgements()));
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("failOn", failOn.label());
        for (TemplateCheck.Located w : outcome.waived()) {
            metadata.put("accepted " + w.finding().ruleId() + " " + place(w),
                    w.reason() + (w.acknowledgedAt() != null ? " (acknowledged at " + w.acknowledgedAt() + ")" : ""));
        }
        return PolicyValidationPluginReport.builder()
                .success(success)
                .violations(violations)
                .metadata(metadata)
                .pluginVersion(Version.current())
                .build();
    }

    private static PolicyViolation violation(TemplateCheck.Located l, boolean fails, Acknowledgements acks) {
        String rule = l.finding().ruleId();
        String severity = cdkSeverity(l.finding().severity());
        String description = SafeText.escape(l.finding().message());
        // aws-cdk-lib suppresses a violation acknowledged as ecr-guard::<rule> anywhere in the app; an
        // acknowledgement that does not cover this resource must not hide it, and a fatal violation cannot be hidden
        Optional<Acknowledgements.Acknowledgement> elsewhere = acks.appWide(rule);
        if (fails && elsewhere.isPresent()) {
            severity = "fatal";
            description += " (The acknowledgement of " + elsewhere.get().id() + " at "
                    + display(elsewhere.get().constructPath()) + " covers only the constructs below it.)";
        }
        PolicyViolatingResource.Builder resource = PolicyViolatingResource.builder()
                .locations(List.of())
                .resourceLogicalId(l.logicalId());
        if (l.template() != null) {
            resource.templatePath(l.template().toString());
        }
        if (l.displayPath() != null) {
            resource.constructPath(l.displayPath());
        }
        Map<String, String> ruleMetadata = new LinkedHashMap<>();
        ruleMetadata.put("resource", l.finding().resource());
        ruleMetadata.put("resourceType", l.finding().resourceType());
        Optional<Rule> meta = Checker.shared().catalog().find(rule);
        meta.ifPresent(r -> ruleMetadata.put("title", r.title()));
        return PolicyViolation.builder()
                .ruleName(rule)
                .severity(severity)
                .description(description)
                .fix(Checker.shared().catalog().fix(rule, Platform.CDK))
                .ruleMetadata(ruleMetadata)
                .violatingResources(List.of(resource.build()))
                .build();
    }

    static String cdkSeverity(String severity) {
        return switch (severity) {
            case "note" -> "info";
            default -> severity;
        };
    }

    private static String place(TemplateCheck.Located l) {
        return l.displayPath() != null ? l.displayPath() : l.finding().resource();
    }

    private static String display(String path) {
        return path.isEmpty() ? "the app" : path;
    }

    /** Options of the plugin. */
    public static final class Builder {
        private Severity failOn = Severity.ERROR;
        private Severity reportAtOrAbove = Severity.WARNING;

        private Builder() {}

        /**
         * A builder with the defaults: fail on errors, report errors and warnings.
         *
         * @return a new builder
         */
        public static Builder create() {
            return new Builder();
        }

        /**
         * The lowest severity that fails synthesis: {@code error} (default), {@code warning}, {@code note}, or
         * {@code never} (report only), as {@code ecr-guard check --fail-on}.
         *
         * @param severity {@code error}, {@code warning}, {@code note} or {@code never}
         * @return this builder
         */
        public Builder failOn(String severity) {
            this.failOn = parse(severity, "failOn");
            return this;
        }

        /**
         * The lowest severity shown in the report: {@code warning} (default), {@code note} or {@code error}.
         *
         * @param severity {@code error}, {@code warning}, {@code note} or {@code never}
         * @return this builder
         */
        public Builder reportAtOrAbove(String severity) {
            this.reportAtOrAbove = parse(severity, "reportAtOrAbove");
            return this;
        }

        /**
         * The plugin.
         *
         * @return a plugin with this builder's settings
         */
        public EcrGuardPlugin build() {
            return new EcrGuardPlugin(failOn, reportAtOrAbove);
        }

        private static Severity parse(String severity, String option) {
            try {
                return Severity.parse(severity);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("EcrGuardPlugin " + option + ": '" + severity
                        + "' is not a severity; use error, warning, note or never");
            }
        }
    }
}
