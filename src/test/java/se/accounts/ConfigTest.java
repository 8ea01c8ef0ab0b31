package se.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Numbers in the environment: what a start accepts, and how it refuses the rest by name. */
class ConfigTest {
    @Test
    void aNegativeNumberIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ACCOUNTS_ACCEPT_LIMIT_PER_MINUTE", "-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ACCOUNTS_ACCEPT_LIMIT_PER_MINUTE must be a whole number of 0 or more, got '-1'");
    }

    @Test
    void aWordWhereANumberBelongsIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ACCOUNTS_RATE_LIMIT_PER_MINUTE", "ten")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ACCOUNTS_RATE_LIMIT_PER_MINUTE must be a whole number of 0 or more, got 'ten'");
    }

    @Test
    void zeroIsAcceptedForALimitWhichItSwitchesOff() {
        Config config = Config.fromEnvironment(Map.of("ACCOUNTS_ACCEPT_LIMIT_PER_MINUTE", "0"));

        assertThat(config.acceptAttemptsPerMinute()).isZero();
    }

    @Test
    void anUnsetLimitIsTheDefault() {
        assertThat(Config.fromEnvironment(Map.of()).acceptAttemptsPerMinute())
                .isEqualTo(Config.DEFAULT_ACCEPT_LIMIT_PER_MINUTE);
    }
}
