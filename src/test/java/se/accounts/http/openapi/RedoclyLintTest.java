package se.accounts.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redocly CLI's recommended ruleset finds nothing in the served document, errors or warnings; the rules the
 * Pigello API itself contradicts are turned off, each with its reason, in redocly.yaml.
 */
class RedoclyLintTest {
    @Test
    void theDocumentPassesRedoclysRecommendedRules() {
        Path document = ClientGenerator.document();

        NodeTools.Result lint = NodeTools.run(Path.of("").toAbsolutePath(), Map.of("REDOCLY_TELEMETRY", "off",
                "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"), List.of(NodeTools.bin("redocly"), "lint", "--config",
                "redocly.yaml", "--format", "stylish", document.toString()));

        assertThat(lint.exitCode()).as(lint.output()).isZero();
        // A problem is a line "<line>:<column>  warning|error  <rule>"; Node's own deprecation banner is none.
        assertThat(lint.output()).as(lint.output()).doesNotContainPattern("\\d+:\\d+\\s+(warning|error)\\s")
                .contains("Your API description is valid");
    }
}
