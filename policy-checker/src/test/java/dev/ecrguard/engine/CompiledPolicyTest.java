package dev.ecrguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.styra.opa.wasm.OpaPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The build-time compiled policy module and the fail-closed checks of the glue that drives OPA's wasm ABI. */
class CompiledPolicyTest {
    private static final Path MODEL_EXAMPLE = Path.of("../rego/testdata/model-example.json");
    private static final String ASK_FOR_ECR001 = "{\"ecrguard_checker\":{\"rule\":\"ECR001\"}}";
    private static final byte[] ASK_FOR_ECR001_BYTES = ASK_FOR_ECR001.getBytes(StandardCharsets.UTF_8);

    @Test
    void theBuildTimeModuleAnswersWhatTheSdkAnswersOnTheCommittedWasmBundle() throws Exception {
        String model = Files.readString(MODEL_EXAMPLE);
        OpaPolicy sdk = OpaPolicy.builder().withPolicy(bundle()).build();
        sdk.entrypoint(PolicyEngine.ENTRYPOINT).data(ASK_FOR_ECR001);
        CompiledPolicy policy = CompiledPolicy.load(PolicyEngine.ENTRYPOINT);
        policy.setInput(model.getBytes(StandardCharsets.UTF_8));

        String compiled = policy.evaluate(ASK_FOR_ECR001_BYTES);

        assertThat(compiled).contains("\"checked\":[\"ECR001\"]").contains("\"ruleId\":\"ECR001\"")
                .isEqualTo(sdk.evaluate(model));
    }

    @Test
    void theShippedModuleHasNoFunctionBodiesSoOnlyTheBuildTimeBytecodeRunsIt() {
        assertThatThrownBy(() -> new CompiledPolicy(PolicyModule.load(), null, PolicyEngine.ENTRYPOINT))
                .isInstanceOf(EngineError.class).hasMessageContaining("unreachable");
    }

    @Test
    void theBuildCompilesWithTheChicoryThatRunsTheModule() throws IOException {
        Properties runtime = new Properties();
        try (InputStream in = Instance.class.getResourceAsStream(
                "/META-INF/maven/com.dylibso.chicory/runtime/pom.properties")) {
            runtime.load(in);
        }
        assertThat(runtime.getProperty("version")).isEqualTo(System.getProperty("chicory.compiler.version"));
    }

    @Test
    void oneInstanceEvaluatesAgainAndAgainWithTheSameAnswer() throws Exception {
        CompiledPolicy policy = CompiledPolicy.load(PolicyEngine.ENTRYPOINT);
        byte[] model = Files.readAllBytes(MODEL_EXAMPLE);
        policy.setInput(model);
        String first = policy.evaluate(ASK_FOR_ECR001_BYTES);
        assertThat(policy.evaluate(ASK_FOR_ECR001_BYTES)).isEqualTo(first);
        policy.setInput(("{\"modelVersion\":1,\"repositories\":[],\"creationTemplates\":[],\"registryScanning\":[],"
                + "\"workloads\":[]}").getBytes(StandardCharsets.UTF_8));
        assertThat(policy.evaluate(ASK_FOR_ECR001_BYTES)).contains("\"findings\":[]");
        policy.setInput(model);
        assertThat(policy.evaluate(ASK_FOR_ECR001_BYTES)).isEqualTo(first);
    }

    @Test
    void inputThatOpaCannotParseIsAnErrorNotAnEmptyInput() {
        CompiledPolicy policy = CompiledPolicy.load(PolicyEngine.ENTRYPOINT);
        policy.setInput("{\"repositories\":[]}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> policy.setInput("{\"repositories\": [".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EngineError.class).hasMessageContaining("could not parse the model");
        // The input before the one that could not be parsed is gone: nothing is evaluated on it.
        assertThatThrownBy(() -> policy.evaluate(ASK_FOR_ECR001_BYTES)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> policy.setInput(new byte[0])).isInstanceOf(EngineError.class);
    }

    @Test
    void anEntrypointTheModuleLacksIsAnError() {
        assertThatThrownBy(() -> CompiledPolicy.load("ecrguard/main/nothing")).isInstanceOf(EngineError.class)
                .hasMessageContaining("no entrypoint ecrguard/main/nothing");
    }

    @Test
    void aModuleThatNeedsHostBuiltinsIsRefusedWhenLoaded() throws IOException {
        byte[] wasm;
        try (InputStream in = CompiledPolicyTest.class.getResourceAsStream("needs-sprintf.wasm")) {
            wasm = in.readAllBytes();
        }
        assertThatThrownBy(() -> new CompiledPolicy(Parser.parse(wasm), null, "needs/builtin/greeting"))
                .isInstanceOf(EngineError.class).hasMessageContaining("needs built-ins").hasMessageContaining("sprintf");
    }

    @Test
    void onlyAbiVersionOnePointThreeIsDriven() {
        assertThatCode(() -> CompiledPolicy.checkAbiVersion(1, 3)).doesNotThrowAnyException();
        assertThatThrownBy(() -> CompiledPolicy.checkAbiVersion(1, 2)).isInstanceOf(EngineError.class)
                .hasMessageContaining("ABI 1.2");
        assertThatThrownBy(() -> CompiledPolicy.checkAbiVersion(2, 3)).isInstanceOf(EngineError.class);
    }

    @Test
    void builtinsAndEntrypointsThatAreNotJsonObjectsAreErrors() {
        assertThatCode(() -> CompiledPolicy.checkNoBuiltins("{}")).doesNotThrowAnyException();
        assertThatThrownBy(() -> CompiledPolicy.checkNoBuiltins("{\"sprintf\":0}")).isInstanceOf(EngineError.class);
        assertThatThrownBy(() -> CompiledPolicy.checkNoBuiltins("[]")).isInstanceOf(EngineError.class);
        assertThatThrownBy(() -> CompiledPolicy.checkNoBuiltins("{")).isInstanceOf(EngineError.class);
        assertThat(CompiledPolicy.entrypointId("{\"a/b\":1}", "a/b")).isEqualTo(1);
        assertThatThrownBy(() -> CompiledPolicy.entrypointId("{\"a/b\":\"1\"}", "a/b"))
                .isInstanceOf(EngineError.class);
    }

    private static byte[] bundle() throws IOException {
        try (InputStream in = CompiledPolicyTest.class.getResourceAsStream("/dev/ecrguard/policy/policy.wasm")) {
            return in.readAllBytes();
        }
    }
}
