package se.accounts.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.accounts.json.Json;
import se.accounts.support.TestService;

/**
 * The TypeScript client generated from /openapi.json (typescript-fetch) compiles with tsc --strict and works on
 * the machine's Node.js: each test runs one step of src/test/resources/generated-clients/scenario.ts, which uses
 * generated code only, as a new customer, against the live test service.
 */
class GeneratedTypeScriptClientTest {
    private static final Path DIRECTORY = ClientGenerator.ROOT.resolve("typescript");

    @BeforeAll
    static void generateAndCompile() {
        ClientGenerator.generate("typescript-fetch", null, DIRECTORY.resolve("client"));
        ClientGenerator.copyResource("scenario.ts", DIRECTORY.resolve("scenario.ts"));

        NodeTools.Result compiled = NodeTools.run(DIRECTORY, Map.of(), List.of(NodeTools.bin("tsc"), "--strict",
                "--target", "es2020", "--module", "commonjs", "--lib", "es2020,dom", "--outDir", "out",
                "scenario.ts"));

        assertThat(compiled.exitCode()).as(compiled.output()).isZero();
    }

    /** Runs one step of the scenario as a new customer whose client may do everything. */
    private static void run(String step) {
        Map<String, String> headers = TestService.get().newCredentials().headers();

        NodeTools.Result result = NodeTools.run(DIRECTORY, Map.of("ACCOUNTS_HEADERS", Json.write(headers)),
                List.of("node", "out/scenario.js", step));

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void listsWithFiltersANegatedFilterOrderPagingAndTheTotalCount() {
        run("listsWithFiltersOrderPagingAndTotalCount");
    }

    @Test
    void readsASlimList() {
        run("readsASlimList");
    }

    @Test
    void createsAndGetsAUser() {
        run("createsAndGets");
    }

    @Test
    void patchingOneFieldLeavesExternalClientsAndTheOtherFieldsAlone() {
        run("patchingOneFieldLeavesTheOthersAlone");
    }

    @Test
    void invitesOneUserAndSeveral() {
        run("invitesOneUserAndSeveral");
    }

    @Test
    void readsAValidationErrorAsFieldErrors() {
        run("aValidationErrorNamesTheField");
    }

    @Test
    void deletesAUser() {
        run("deletes");
    }
}
