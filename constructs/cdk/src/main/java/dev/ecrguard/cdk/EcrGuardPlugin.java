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
import software.amazon.awscdk.Stage;
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
 * EcrGuardPlugin.addTo(app);
 * }</pre>
 *
 * <p>Registered with {@link #addTo(IConstruct)} or {@link #register(IConstruct)}, the plugin marks its stage, and an
 * {@link EcrGuardAspect} in the same app then stays silent on what the plugin reports, so each finding is reported
 * once. ({@code Validations.of(app).addPlugins(...)} registers it too, but without the mark: the aspect cannot see
 * CDK's plugin list, and both would report.)
 *
 * <p>Each finding becomes one violation named by its rule and the construct it is about
 * ({@code ECR001@Registry/Legacy}), with the construct path, the resource's logical id and template, and the fix.
 * CDK's report then suggests acknowledging {@code ecr-guard::ECR001@Registry/Legacy}, which accepts the rule for
 * that construct only (aws-cdk-lib matches plugin acknowledgements by id, app-wide). Synthesis fails when a finding is at or above
 * {@link Builder#failOn(String) failOn} (default {@code error}); findings below
 * {@link Builder#reportAtOrAbove(String) reportAtOrAbove} (default {@code warning}) are left out of the report.
 *
 * <p>A finding is accepted (left out, and listed in the report's metadata with its reason) when the resource
 * carries an ecr-guard waiver in its CloudFormation {@code Metadata}, or when the resource's construct or one of
 * its parents acknowledges the rule: {@code Validations.of(construct).acknowledge(Acknowledgment.builder()
 * .id("ECR001").reason("...").build())}. The id may also be written {@code ecr-guard::ECR001}; either covers only
 * the constructs below the acknowledging one. {@code ecr-guard::ECR001@Registry/Legacy} covers the construct it
 * names.
 */
public final class EcrGuardPlugin implements IPolicyValidationPlugin {
    /** The plugin's name in CDK's validation report; CDK calls its rules {@code ecr-guard::ECR001}. */
    public static final String NAME = "ecr-guard";
    /** The metadata type that {@link #register(IConstruct)} puts on the stage, for {@link EcrGuardAspect}. */
    static final String REGISTERED_METADATA_TYPE = "ecr-guard:plugin";

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
        return new EcrGuardPlugin().register(app);
    }

    /**
     * Adds this plugin to the validation plugins of {@code scope}'s stage (the App, or a Stage), and marks the stage
     * so that an {@link EcrGuardAspect} leaves the stage's findings to the plugin.
     *
     * @param scope the app, a stage, or a construct in one
     * @return this plugin
     */
    public EcrGuardPlugin register(IConstruct scope) {
        Validations.of(scope).addPlugins(this);
        IConstruct stage = Stage.isStage(scope) ? scope : Stage.of(scope);
        stage.getNode().addMetadata(REGISTERED_METADATA_TYPE, NAME);
        return this;
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
            Severity severity = l.finding().severity();
            boolean fails = severity.atLeast(failOn);
            success &= !fails;
            if (severity.atLeast(reportAtOrAbove) || fails) {
                violations.add(violation(l));
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

    private static PolicyViolation violation(TemplateCheck.Located l) {
        String rule = l.finding().ruleId();
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
        ruleMetadata.put("rule", rule);
        ruleMetadata.put("resource", l.finding().resource());
        ruleMetadata.put("resourceType", l.finding().resourceType());
        Optional<Rule> meta = Checker.shared().catalog().find(rule);
        meta.ifPresent(r -> ruleMetadata.put("title", r.title()));
        // named for the construct, so that the id CDK suggests (ecr-guard::ECR001@Registry/Legacy) accepts the
        // rule for this construct only: aws-cdk-lib applies a plugin acknowledgement to every violation of that id
        return PolicyViolation.builder()
                .ruleName(Acknowledgements.scopedRuleName(rule, place(l)))
                .severity(cdkSeverity(l.finding().severity().label()))
                .description(SafeText.escape(l.finding().message()))
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
