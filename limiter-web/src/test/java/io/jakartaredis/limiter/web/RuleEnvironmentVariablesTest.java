package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.cdi.MicroProfileConfigValues;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.keys.KeyStrategy;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Filter rules from environment variables through SmallRye Config's own sources, which also list
 * {@code LIMITER_WEB_RULES_PER_IP_REFUND_STATUS} as {@code limiter.web.rules.per.ip.refund.status}.
 */
class RuleEnvironmentVariablesTest {

    private static final FakeRateLimiter LIMITER = new FakeRateLimiter("per-customer", "10/1s");

    private static ConfigValues config(Map<String, String> environment, Map<String, String> propertiesFile) {
        return new MicroProfileConfigValues(new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                .withSources(new PropertiesConfigSource(propertiesFile, "microprofile-config.properties", 100))
                .build());
    }

    @Test
    void aHyphenatedRuleWithHyphenatedAttributesIsConfiguredByEnvironmentVariables() {
        WebConfig config = WebConfigReader.read(config(Map.of(
                "LIMITER_WEB_RULES_PER_IP_PATTERN", "/api/*",
                "LIMITER_WEB_RULES_PER_IP_POLICY", "per-customer",
                "LIMITER_WEB_RULES_PER_IP_METHODS", "POST",
                "LIMITER_WEB_RULES_PER_IP_REFUND_STATUS", "5xx"), Map.of()), LIMITER::policy);
        assertEquals(List.of(new WebRule("per-ip", UrlPattern.parse("/api/*"), LIMITER.policy("per-customer"), Set.of("POST"),
                new KeyStrategy.Ip(), 1, RefundStatuses.parse("5xx"))), config.rules());
    }

    @Test
    void theEnvironmentWinsOverThePropertiesFileForARuleNamedThere() {
        WebConfig config = WebConfigReader.read(config(Map.of("LIMITER_WEB_RULES_PER_IP_PATTERN", "/api/v2/*"),
                Map.of("limiter.web.rules.per_ip.pattern", "/api/*", "limiter.web.rules.per_ip.policy", "per-customer")),
                LIMITER::policy);
        assertEquals(1, config.rules().size());
        assertEquals("per_ip", config.rules().get(0).name());
        assertEquals(UrlPattern.parse("/api/v2/*"), config.rules().get(0).pattern());
    }

    @Test
    void aVariableThatConfiguresNoRuleOfThisApplicationIsIgnored() {
        WebConfig config = WebConfigReader.read(config(Map.of("LIMITER_WEB_RULES_FOO", "x",
                "LIMITER_WEB_RULES_REPORTS_COST", "5", // another application's rule, defined in its own file
                "LIMITER_WEB_RULES_PER_IP_PATERN", "/typo/*"), // misspelt: ignored, as on Payara
                Map.of("limiter.web.rules.per_ip.pattern", "/api/*", "limiter.web.rules.per_ip.policy", "per-customer")),
                LIMITER::policy);
        assertEquals(1, config.rules().size());
        assertEquals(UrlPattern.parse("/api/*"), config.rules().get(0).pattern());
    }
}
