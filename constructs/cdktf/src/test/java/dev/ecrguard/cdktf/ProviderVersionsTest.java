package dev.ecrguard.cdktf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderVersionsTest {
    @ParameterizedTest(name = "''{0}'' guarantees 6.8.0: {1}")
    @CsvSource(delimiter = '|', value = {
            "~> 6.8|true", "~> 6.8.0|true", "~> 6.10|true", ">= 6.8.0|true", ">= 6.8.0, < 7.0.0|true", "6.8.0|true",
            "= 6.9.1|true", "> 6.8.0|true", "~> 7.0|true", "v6.8.0|true", "6.21.0-beta1|true",
            "5.23.1|false", "~> 5.0|false", "~> 6.7|false", ">= 6.0|false", "~> 6|false", "< 7.0.0|false",
            "!= 6.8.0|false", ">= 5.0, != 5.1.0|false", "latest|false", "''|false"})
    void lowerBoundMustBeAtLeastTheMinimum(String constraint, boolean expected) {
        assertThat(ProviderVersions.guarantees(constraint, "6.8.0")).isEqualTo(expected);
    }
}
