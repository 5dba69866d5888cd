package dev.ecrguard.engine;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.styra.opa.wasm.OpaErrorCode;
import com.styra.opa.wasm.OpaWasm_Env;
import com.styra.opa.wasm.OpaWasm_ModuleExports;
import com.styra.opa.wasm.OpaWasm_ModuleImports;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * One instance of an OPA policy module, driven through OPA's wasm ABI 1.3.
 *
 * <p>opa-java-wasm's builders only take wasm bytes, and then parse and compile them at every start (about 1.8 s of
 * CPU); the build compiles our policy to JVM bytecode once ({@link PolicyModule}, by chicory-compiler-maven-plugin).
 * The SDK's generated ABI bindings ({@link OpaWasm_ModuleExports}, {@link OpaWasm_ModuleImports}) are public, so this
 * class instantiates the compiled module with them and adds only the glue the SDK lacks: one evaluation's calls,
 * each answer checked. The policy needs no host built-ins, so none are provided: a module that asks for one is
 * refused when it is loaded, instead of failing (or answering a default) in the middle of a check.
 */
final class CompiledPolicy implements OpaWasm_ModuleImports, OpaWasm_Env {
    /** The memory opa-java-wasm gives a policy: 10 pages to start with, growing up to wasm's 4 GiB. */
    private static final MemoryLimits MEMORY_LIMITS = new MemoryLimits(10, MemoryLimits.MAX_PAGES);

    private final Memory memory = new ByteArrayMemory(MEMORY_LIMITS);
    private final OpaWasm_ModuleExports exports;
    private final int entrypoint;
    /** Where the heap ends once the module is ready; each input is parsed from here, reusing the memory. */
    private final int heapAtStart;
    /** The input of the evaluations that follow, parsed in wasm memory; 0 before the first. */
    private int input;
    /** Where the heap ends once the input is parsed; each evaluation starts from here. */
    private int heapAfterInput;

    /** The policy module compiled at build time, ready to evaluate {@code entrypointName}. */
    static CompiledPolicy load(String entrypointName) {
        return new CompiledPolicy(PolicyModule.load(), PolicyModule::create, entrypointName);
    }

    /** Instantiates {@code module}; a null {@code machine} runs it in Chicory's interpreter (for tests). */
    CompiledPolicy(WasmModule module, Function<Instance, Machine> machine, String entrypointName) {
        Instance.Builder builder = Instance.builder(module).withImportValues(toImportValues());
        if (machine != null) {
            builder.withMachineFactory(machine);
        }
        try {
            exports = new OpaWasm_ModuleExports(builder.build());
            checkAbiVersion(exports.opaWasmAbiVersion().getValue(), exports.opaWasmAbiMinorVersion().getValue());
            checkNoBuiltins(dump(exports.builtins()));
            entrypoint = entrypointId(dump(exports.entrypoints()), entrypointName);
            heapAtStart = exports.opaHeapPtrGet();
        } catch (EngineError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EngineError("cannot instantiate the policy module: " + e.getMessage());
        }
    }

    /** Parses {@code json} (UTF-8) as the input of the evaluations that follow, in place of the previous input. */
    void setInput(byte[] json) {
        exports.opaHeapPtrSet(heapAtStart);
        input = 0;
        input = parse(json, "the model");
        heapAfterInput = exports.opaHeapPtrGet();
    }

    /**
     * Evaluates the entrypoint on the input with {@code data} (JSON in UTF-8) as the data document, and answers OPA's
     * result set as JSON text. What an evaluation leaves in wasm memory is reused by the next one.
     */
    String evaluate(byte[] data) {
        if (input == 0) {
            throw new IllegalStateException("no input to evaluate: setInput first");
        }
        exports.opaHeapPtrSet(heapAfterInput);
        int dataValue = parse(data, "the data document");
        int context = exports.opaEvalCtxNew();
        exports.opaEvalCtxSetData(context, dataValue);
        exports.opaEvalCtxSetInput(context, input);
        exports.opaEvalCtxSetEntrypoint(context, entrypoint);
        int code = exports.eval(context);
        if (code != OpaErrorCode.OPA_ERR_OK.ordinal()) {
            throw new EngineError("the policy evaluation failed with OPA error " + errorName(code));
        }
        return dump(exports.opaEvalCtxGetResult(context));
    }

    /** Copies JSON into wasm memory and parses it there; OPA answers 0, not an error, for text it cannot parse. */
    private int parse(byte[] json, String what) {
        int text = exports.opaMalloc(json.length);
        memory.write(text, json);
        int value = exports.opaJsonParse(text, json.length);
        exports.opaFree(text);
        if (value == 0) {
            throw new EngineError("the policy module could not parse " + what + " as JSON");
        }
        return value;
    }

    /** A value of wasm memory as JSON text. */
    private String dump(int value) {
        int text = exports.opaJsonDump(value);
        String json = memory.readCString(text, StandardCharsets.UTF_8);
        exports.opaFree(text);
        return json;
    }

    static void checkAbiVersion(long major, long minor) {
        if (major != 1 || minor != 3) {
            throw new EngineError("the policy module uses OPA wasm ABI " + major + "." + minor
                    + "; this engine drives ABI 1.3 (build the policy with the pinned opa, see rego/build.sh)");
        }
    }

    /** The built-ins the module calls on the host, as {@code builtins()} lists them: there must be none. */
    static void checkNoBuiltins(String builtinsJson) {
        JsonNode builtins = readJson(builtinsJson, "its built-ins");
        if (!builtins.isObject() || !builtins.isEmpty()) {
            throw new EngineError("the policy module needs built-ins that this engine does not provide: "
                    + brief(builtinsJson) + " (use only built-ins native to OPA's wasm runtime)");
        }
    }

    static int entrypointId(String entrypointsJson, String name) {
        JsonNode id = readJson(entrypointsJson, "its entrypoints").path(name);
        if (!id.isInt()) {
            throw new EngineError("the policy module has no entrypoint " + name + ": " + brief(entrypointsJson));
        }
        return id.asInt();
    }

    private static JsonNode readJson(String json, String what) {
        try {
            return PlainJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new EngineError("the policy module listed " + what + " as something that is not JSON: " + brief(json));
        }
    }

    private static String errorName(int code) {
        OpaErrorCode[] codes = OpaErrorCode.values();
        return code >= 0 && code < codes.length ? codes[code].name() : String.valueOf(code);
    }

    static String brief(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    @Override
    public OpaWasm_Env env() {
        return this;
    }

    @Override
    public Memory memory() {
        return memory;
    }

    @Override
    public void opaAbort(int message) {
        throw new EngineError("the policy aborted: " + brief(memory.readCString(message, StandardCharsets.UTF_8)));
    }

    @Override
    public int opaBuiltin0(int builtin, int context) {
        throw noBuiltin(builtin);
    }

    @Override
    public int opaBuiltin1(int builtin, int context, int a) {
        throw noBuiltin(builtin);
    }

    @Override
    public int opaBuiltin2(int builtin, int context, int a, int b) {
        throw noBuiltin(builtin);
    }

    @Override
    public int opaBuiltin3(int builtin, int context, int a, int b, int c) {
        throw noBuiltin(builtin);
    }

    @Override
    public int opaBuiltin4(int builtin, int context, int a, int b, int c, int d) {
        throw noBuiltin(builtin);
    }

    private static EngineError noBuiltin(int builtin) {
        return new EngineError("the policy called host built-in #" + builtin + ", which this engine does not provide");
    }

    /**
     * The engine's reader of plain JSON (what the module says of itself, the rule catalog), made on first use: the
     * first Jackson mapper loads locale and date classes, and the module is parsed meanwhile.
     */
    static final class PlainJson {
        static final JsonMapper MAPPER = new JsonMapper();
    }
}
