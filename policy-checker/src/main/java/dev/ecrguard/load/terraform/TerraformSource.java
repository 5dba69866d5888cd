package dev.ecrguard.load.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecrguard.hcl.Block;
import dev.ecrguard.load.Document;
import dev.ecrguard.load.InputError;
import dev.ecrguard.load.LoadContext;
import dev.ecrguard.load.Loader;
import dev.ecrguard.load.Skipped;
import dev.ecrguard.load.VariableSetting;
import dev.ecrguard.load.terraform.source.EvaluationBudget;
import dev.ecrguard.load.terraform.source.SourceModule;
import dev.ecrguard.load.terraform.source.SourceModule.Given;
import dev.ecrguard.model.Location;
import dev.ecrguard.model.Model;
import dev.ecrguard.model.Repository;
import dev.ecrguard.model.Value;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Terraform source ({@code .tf}, OpenTofu's {@code .tofu}): each folder is read whole, as Terraform reads a module,
 * with its {@code terraform.tfvars} and {@code *.auto.tfvars} and the command line's {@code --var}/{@code --var-file}.
 * A folder that another folder of the same run calls as a local module is judged through its callers, with the
 * arguments they pass; every other folder is a root module. Module calls are followed: local sources
 * ({@code ./}, {@code ../}) from the source tree, registry and git sources from what {@code terraform init} fetched
 * into {@code .terraform/modules}. Resources get the addresses a plan of the same code shows, so waivers and baselines
 * carry over between source and plan.
 */
public final class TerraformSource implements Loader {
    /** Module instances one root module may expand to: beyond it, the module tree is a hostile input's, not code. */
    static final int MAX_MODULE_INSTANCES = 10_000;
    /** The deepest module nesting followed; real configurations nest a few levels. */
    static final int MAX_MODULE_DEPTH = 32;

    private static final Pattern LOCAL_SOURCE = Pattern.compile("^\\.\\.?([/\\\\].*)?$");
    /** Registry and git sources of modules known to create ECR repositories (an "ecr" name part). */
    private static final Pattern ECR_MODULE_SOURCE = Pattern.compile("(?i)(^|[/_.:-])ecr([/_.-]|$)");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public Optional<Recognized> recognize(Document document) {
        return Optional.empty(); // its files are read by folder, never as documents
    }

    @Override
    public void load(Document document, LoadContext context) {
        throw new IllegalStateException("Terraform source is read by folder");
    }

    /** Whether each folder met holds HCL configuration, so that its JSON configuration is read with it. */
    private final Map<Path, Boolean> hclFolders = new HashMap<>();

    @Override
    public boolean readsByFolder(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (SourceFiles.isJsonConfiguration(name)) {
            Path folder = file.toAbsolutePath().getParent();
            return folder != null && hclFolders.computeIfAbsent(folder, SourceFiles::hasHclConfiguration);
        }
        return SourceFiles.isConfiguration(name) || SourceFiles.isAutoVariables(name);
    }

    @Override
    public void loadFolders(List<Folder> folders, LoadContext context) {
        SourceFiles sources = new SourceFiles(context, folders.get(0).boundary());
        List<Map.Entry<String, Given>> commandLine = commandLineValues(context, sources);
        Map<Path, Folder> configured = new LinkedHashMap<>();
        for (Folder folder : folders) {
            context.guarded(folder.display(), () -> {
                if (sources.hasConfiguration(folder)) {
                    configured.put(folder.path(), folder);
                } else {
                    sources.variableFiles(folder).forEach(f -> context.skip(new Skipped(f.display(),
                            "Terraform variable values with no .tf or .tofu file beside them")));
                }
            });
        }
        Set<Path> called = calledLocally(configured.values(), sources, context);
        Set<Path> reached = new HashSet<>();
        for (Folder root : configured.values()) {
            if (!called.contains(root.path())) {
                context.guarded(root.display(), () -> loadRoot(root, sources, commandLine, reached, context));
            }
        }
        // folders that only call each other (which Terraform refuses) are read as roots too: nothing goes unread
        for (Folder folder : configured.values()) {
            if (!reached.contains(folder.path())) {
                context.guarded(folder.display(), () -> loadRoot(folder, sources, commandLine, reached, context));
            }
        }
    }

    /** The folders some other folder of the run calls as a local module: they are judged through their callers. */
    private static Set<Path> calledLocally(Iterable<Folder> folders, SourceFiles sources, LoadContext context) {
        Set<Path> called = new HashSet<>();
        for (Folder folder : folders) {
            context.guarded(folder.display(), () -> {
                for (SourceModule.SourceFile file : sources.module(folder.path(), folder.display())) {
                    for (Block call : file.body().blocks("module")) {
                        String source = SourceModule.literal(call.body(), "source");
                        if (source != null && LOCAL_SOURCE.matcher(source).matches()) {
                            Path target = folder.path().resolve(source).normalize();
                            if (!target.equals(folder.path())) {
                                called.add(SourceFiles.realPath(target));
                            }
                        }
                    }
                }
            });
        }
        return called;
    }

    /**
     * The command line's values, in order: a --var-file's every value, or one --var (the environment's TF_VAR_* are
     * taken apart, as they come before the variable files).
     */
    private static List<Map.Entry<String, Given>> commandLineValues(LoadContext context, SourceFiles sources) {
        List<Map.Entry<String, Given>> values = new ArrayList<>();
        for (VariableSetting setting : context.variables()) {
            if (setting instanceof VariableSetting.Environment) {
                continue;
            }
            if (setting instanceof VariableSetting.Assignment a) {
                values.add(Map.entry(a.name(), new Given.Text(a.value())));
            } else if (setting instanceof VariableSetting.File f) {
                context.guarded(f.path(), () -> sources.variableValues(Path.of(f.path()), f.path())
                        .forEach((name, value) -> values.add(Map.entry(name, new Given.Value(value)))));
            }
        }
        return values;
    }

    /** Loads one root module and every module it calls into one fragment. */
    private static void loadRoot(Folder root, SourceFiles sources, List<Map.Entry<String, Given>> commandLine,
            Set<Path> reached, LoadContext context) {
        Map<String, Given> values = new LinkedHashMap<>();
        for (VariableSetting setting : context.variables()) {
            if (setting instanceof VariableSetting.Environment e) {
                values.put(e.name(), new Given.Text(e.value()));
            }
        }
        RootWalk walk = new RootWalk(root, sources, reached, context);
        for (SourceFiles.VariableFile file : sources.variableFiles(root)) {
            sources.variableValues(file.path(), file.display()).forEach((n, v) -> values.put(n, new Given.Value(v)));
            walk.files.add(file.display());
        }
        commandLine.forEach(e -> values.put(e.getKey(), e.getValue()));
        walk.module(root.path(), root.display(), values, "", "", null, 0);
        Value providerVersion = AwsProviderVersion.fromConfiguration(walk.terraformSettings());
        context.record(walk.files, AwsProviderVersion.apply(walk.fragment.build(),
                providerVersion == null ? Value.absent(AwsProviderVersion.ATTRIBUTE) : providerVersion));
    }

    /** The walk of one root module's tree of module calls. */
    private static final class RootWalk {
        private final Folder root;
        private final SourceFiles sources;
        private final LoadContext context;
        /** Every module folder a walk of this run has read: a folder no root reaches is read as a root. */
        private final Set<Path> reached;
        private final Model.Builder fragment = Model.builder();
        private final List<JsonNode> terraformBlocks = new ArrayList<>();
        private final EvaluationBudget budget = EvaluationBudget.forRoot();
        /** Every file the walk read: the root's variable files and each module's configuration files. */
        private final Set<String> files = new LinkedHashSet<>();
        private final Deque<Path> calling = new ArrayDeque<>();
        private int instances;

        RootWalk(Folder root, SourceFiles sources, Set<Path> reached, LoadContext context) {
            this.root = root;
            this.sources = sources;
            this.reached = reached;
            this.context = context;
        }

        /** Every module's {@code terraform} blocks, as a JSON configuration holds them. */
        JsonNode terraformSettings() {
            ObjectNode configuration = NODES.objectNode();
            configuration.putArray("terraform").addAll(terraformBlocks);
            return configuration;
        }

        /**
         * Reads one module instance.
         *
         * @param folder its folder
         * @param display the folder's name in messages
         * @param values the values its variables are given
         * @param prefix what its resources' addresses start with ({@code module.a["k"].})
         * @param key its module key in {@code .terraform/modules/modules.json} ({@code a.b}), empty for the root
         * @param callSite where the root module calls the module that leads out of the root's folder (a shared module
         *     of the repository), or null while the modules are the root's own: a shared module's resource is
         *     reported there, so that each root module that calls it has its own finding (and a baseline of it
         *     carries over to that root's plan)
         */
        void module(Path folder, String display, Map<String, Given> values, String prefix, String key,
                Location callSite, int depth) {
            if (++instances > MAX_MODULE_INSTANCES) {
                throw new InputError(root.display(), "its module calls expand to more than " + MAX_MODULE_INSTANCES
                        + " module instances, more than one check evaluates; check its modules on their own");
            }
            Path real = SourceFiles.realPath(folder);
            if (calling.contains(real) || depth > MAX_MODULE_DEPTH) {
                throw new InputError(display, calling.contains(real) ? "a module that calls itself (through "
                        + prefix.replaceAll("\\.$", "") + "): Terraform refuses it"
                        : "modules nested more than " + MAX_MODULE_DEPTH + " deep");
            }
            calling.push(real);
            reached.add(real);
            List<SourceModule.SourceFile> moduleFiles = sources.module(folder, display);
            moduleFiles.forEach(f -> files.add(f.name()));
            SourceModule module = new SourceModule(moduleFiles, values, budget);
            for (SourceModule.Instance resource : module.resources(TerraformResources.JUDGED_TYPES)) {
                String address = prefix + resource.address();
                TerraformResources.add(fragment, resource.type(), address,
                        TerraformAttributes.evaluated(resource.attributes()), null,
                        callSite != null ? callSite : new Location(resource.file(), resource.line(), null), List.of(),
                        target -> target.startsWith(TerraformResources.REPOSITORY + ".") ? prefix + target : null);
                if (resource.keysUnknown()) {
                    context.skip(new Skipped(resource.file() + ":" + resource.line(), address + " stands for all its "
                            + "instances: " + resource.keysWhy(), Skipped.Kind.NOT_JUDGED));
                }
            }
            terraformBlocks.addAll(module.terraformSettings());
            for (SourceModule.ModuleCall call : module.moduleCalls()) {
                follow(folder, display, call, prefix, key.isEmpty() ? call.name() : key + "." + call.name(), callSite,
                        depth);
            }
            calling.pop();
        }

        /** Follows one module call instance to the module's folder, or says why it cannot. */
        private void follow(Path folder, String display, SourceModule.ModuleCall call, String prefix, String key,
                Location callSite, int depth) {
            String address = prefix + call.address();
            String where = call.file() + ":" + call.line();
            if (call.source() == null) {
                throw new InputError(call.file(), call.line(), call.name() + ": a module's source must be a literal "
                        + "string (Terraform refuses anything else)");
            }
            Optional<Path> target = LOCAL_SOURCE.matcher(call.source()).matches()
                    ? Optional.of(folder.resolve(call.source()).normalize())
                    : sources.fetchedModule(root, key, call.source());
            if (target.isEmpty() || !SourceFiles.isFolder(target.get())) {
                notAvailable(call, address, where, callSite);
                return;
            }
            if (call.keysUnknown()) {
                context.skip(new Skipped(where, address + " stands for all its instances: " + call.keysWhy(),
                        Skipped.Kind.NOT_JUDGED));
            }
            Map<String, Given> arguments = new LinkedHashMap<>();
            call.arguments().properties().forEach(e -> arguments.put(e.getKey(), new Given.Value(e.getValue())));
            Location site = callSite != null || SourceFiles.realPath(target.get()).startsWith(root.path()) ? callSite
                    : new Location(call.file(), call.line(), null);
            module(target.get(), SourceFiles.display(root, target.get()), arguments, address + ".", key, site,
                    depth + 1);
        }

        /**
         * A module whose source is not on disk: a notice, and the mutability unknown (ECR004) on the call when it
         * passes a mutability argument or is known to create repositories.
         */
        private void notAvailable(SourceModule.ModuleCall call, String address, String where, Location callSite) {
            boolean local = LOCAL_SOURCE.matcher(call.source()).matches();
            String why = local ? "its source " + call.source() + " is not a folder"
                    : "its source " + call.source() + " has not been fetched, or was fetched from another source (run "
                            + "terraform init, or terraform get, in " + root.display() + " so that .terraform/modules "
                            + "holds it)";
            context.skip(new Skipped(where, address + " is not checked: " + why, Skipped.Kind.NOT_JUDGED));
            boolean passesMutability = call.arguments().properties().stream()
                    .anyMatch(e -> e.getKey().toLowerCase(Locale.ROOT).contains("mutability"));
            if (passesMutability || !local && ECR_MODULE_SOURCE.matcher(call.source()).find()) {
                String unread = address + " is not read: " + why;
                fragment.add(new Repository(address, TerraformResources.REPOSITORY, Value.unknown("name", unread),
                        Value.unknown("image_tag_mutability", unread),
                        Value.absent("image_tag_mutability_exclusion_filter"),
                        Value.unknown("image_scanning_configuration.scan_on_push", unread),
                        Value.unknown("force_delete", unread), null,
                        callSite != null ? callSite : new Location(call.file(), call.line(), null),
                        List.of()));
            }
        }
    }
}
