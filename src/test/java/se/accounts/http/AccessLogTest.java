package se.accounts.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessLogTest {
    @Test
    void aDurationIsWrittenInMillisecondsWithOneDecimalRounded() {
        assertThat(AccessLog.oneDecimal(12.34f)).isEqualTo("12.3");
        assertThat(AccessLog.oneDecimal(12.35f)).isEqualTo("12.4");
        assertThat(AccessLog.oneDecimal(0.04f)).isEqualTo("0.0");
        assertThat(AccessLog.oneDecimal(0.96f)).isEqualTo("1.0");
        assertThat(AccessLog.oneDecimal(1500f)).isEqualTo("1500.0");
    }
}
