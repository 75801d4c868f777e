package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.jakartaredis.limiter.demo.it.beans.Greeter;
import io.jakartaredis.limiter.demo.it.beans.PerRequestService;
import io.jakartaredis.limiter.demo.it.invalid.AmbiguousResolverService;
import io.jakartaredis.limiter.demo.it.invalid.ApiKeyResolver;
import io.jakartaredis.limiter.demo.it.invalid.BadInheritingGreeter;
import io.jakartaredis.limiter.demo.it.invalid.IpResolver;
import io.jakartaredis.limiter.demo.it.invalid.QualifiedResolver;
import io.jakartaredis.limiter.demo.it.invalid.QualifiedResolverService;
import io.jakartaredis.limiter.demo.it.invalid.Tenant;
import io.jakartaredis.limiter.demo.it.invalid.PolicyWithoutLimits;
import io.jakartaredis.limiter.demo.it.outcomes.InvalidCredentialsException;
import io.jakartaredis.limiter.demo.it.outcomes.LockedAccountException;
import io.jakartaredis.limiter.demo.it.outcomes.LoginService;

/** Invalid configuration stops the deployment, with a message that names the property and the value. */
@ExtendWith(ArquillianExtension.class)
class InvalidConfigurationIT {

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "bad-limits", managed = false, testable = false)
    static WebArchive badLimits() {
        return Deployments.demoWar("bad-limits", "limiter.policy.per-api-key.limits=ten/1m\n");
    }

    @Deployment(name = "bad-mode", managed = false, testable = false)
    static WebArchive badMode() {
        return Deployments.demoWar("bad-mode", "limiter.policy.per-api-key.mode=dry-run\n");
    }

    @Deployment(name = "unknown-rule-policy", managed = false, testable = false)
    static WebArchive unknownRulePolicy() {
        return Deployments.demoWar("unknown-rule-policy", """
                limiter.web.rules.api.pattern=/api/*
                limiter.web.rules.api.policy=no-such-policy
                """);
    }

    @Deployment(name = "bad-inherited-key", managed = false, testable = false)
    static WebArchive badInheritedKey() {
        return Deployments.demoWar("bad-inherited-key", "").addClasses(Greeter.class, BadInheritingGreeter.class);
    }

    @Deployment(name = "bad-ipv6-prefix", managed = false, testable = false)
    static WebArchive badIpv6Prefix() {
        return Deployments.demoWar("bad-ipv6-prefix", "limiter.web.ipv6-prefix=129\n");
    }

    @Deployment(name = "bad-forwarded-header", managed = false, testable = false)
    static WebArchive badForwardedHeader() {
        return Deployments.demoWar("bad-forwarded-header", "limiter.web.forwarded-header=X Real IP\n");
    }

    @Deployment(name = "bad-request-scoped-cost", managed = false, testable = false)
    static WebArchive badRequestScopedCost() {
        return Deployments.demoWar("bad-request-scoped-cost", "limiter.policy.per-request.cost=lots\n")
                .addClass(PerRequestService.class);
    }

    @Deployment(name = "policy-without-limits", managed = false, testable = false)
    static WebArchive policyWithoutLimits() {
        return Deployments.demoWar("policy-without-limits", "").addClass(PolicyWithoutLimits.class);
    }

    @Deployment(name = "ambiguous-resolver", managed = false, testable = false)
    static WebArchive ambiguousResolver() {
        return Deployments.demoWar("ambiguous-resolver", "")
                .addClasses(IpResolver.class, ApiKeyResolver.class, AmbiguousResolverService.class);
    }

    @Deployment(name = "qualified-resolver", managed = false, testable = false)
    static WebArchive qualifiedResolver() {
        return Deployments.demoWar("qualified-resolver", "")
                .addClasses(Tenant.class, QualifiedResolver.class, QualifiedResolverService.class);
    }

    @Deployment(name = "bad-count-on", managed = false, testable = false)
    static WebArchive badCountOn() {
        return Deployments.demoWar("bad-count-on", "limiter.policy.login.count-on=com.example.NoSuchException\n")
                .addClasses(LoginService.class, InvalidCredentialsException.class, LockedAccountException.class);
    }

    @Deployment(name = "bad-refund-status", managed = false, testable = false)
    static WebArchive badRefundStatus() {
        return Deployments.demoWar("bad-refund-status", """
                limiter.policy.flaky.limits=2/1h
                limiter.web.rules.flaky.pattern=/api/*
                limiter.web.rules.flaky.policy=flaky
                limiter.web.rules.flaky.refund-status=5xx, 6xx
                """);
    }

    @Test
    void aCountOnClassTheApplicationLacksFailsTheDeployment() {
        String failure = deploymentFailure("bad-count-on");
        assertTrue(failure.contains("limiter.policy.login.count-on: \"com.example.NoSuchException\" is invalid: the application "
                + "has no class com.example.NoSuchException"), failure);
    }

    @Test
    void aRefundStatusOutOfRangeFailsTheDeployment() {
        String failure = deploymentFailure("bad-refund-status");
        assertTrue(failure.contains("limiter.web.rules.flaky.refund-status: \"5xx, 6xx\" is invalid"), failure);
    }

    @Test
    void invalidLimitsFailTheDeploymentNamingPropertyAndValue() {
        String failure = deploymentFailure("bad-limits");
        assertTrue(failure.contains("limiter.policy.per-api-key.limits: \"ten/1m\" is invalid"), failure);
    }

    @Test
    void invalidModeFailsTheDeploymentNamingPropertyAndValue() {
        String failure = deploymentFailure("bad-mode");
        assertTrue(failure.contains("limiter.policy.per-api-key.mode: \"dry-run\" is invalid: expected enforce or shadow"), failure);
    }

    @Test
    void filterRuleWithAnUnknownPolicyFailsTheDeployment() {
        String failure = deploymentFailure("unknown-rule-policy");
        assertTrue(failure.contains("limiter.web.rules.api.policy") && failure.contains("no-such-policy"), failure);
    }

    @Test
    void invalidKeyOnATypeWhoseOnlyMethodIsInheritedFailsTheDeployment() {
        String failure = deploymentFailure("bad-inherited-key");
        assertTrue(failure.contains("@RateLimited(key) on " + BadInheritingGreeter.class.getName() + "#greet: \"cookie\" is invalid"),
                failure);
    }

    @Test
    void anIpv6PrefixOutOfRangeFailsTheDeployment() {
        String failure = deploymentFailure("bad-ipv6-prefix");
        assertTrue(failure.contains("limiter.web.ipv6-prefix: \"129\" is invalid: expected a prefix length from 1 to 128"), failure);
    }

    @Test
    void aForwardedHeaderThatIsNoHeaderNameFailsTheDeployment() {
        String failure = deploymentFailure("bad-forwarded-header");
        assertTrue(failure.contains("limiter.web.forwarded-header: \"X Real IP\" is invalid"), failure);
    }

    @Test
    void invalidCostOfARequestScopedBeansMethodFailsTheDeployment() {
        String failure = deploymentFailure("bad-request-scoped-cost");
        assertTrue(failure.contains("limiter.policy.per-request.cost: \"lots\" is invalid"), failure);
    }

    @Test
    void aPolicyWithoutLimitsFailsTheDeploymentNamingTheMethodAndTheProperty() {
        String failure = deploymentFailure("policy-without-limits");
        assertTrue(failure.contains("@RateLimited(policy) on " + PolicyWithoutLimits.class.getName() + "#call: \"no-limits\" is invalid: "
                + "no limits: set limiter.policy.no-limits.limits or @RateLimited(limits)"), failure);
    }

    @Test
    void anAmbiguousKeyResolverFailsTheDeployment() {
        String failure = deploymentFailure("ambiguous-resolver");
        assertTrue(failure.contains("@RateLimited(keyResolver) on " + AmbiguousResolverService.class.getName() + "#call: \""
                + IpResolver.class.getName() + "\" is invalid: it is ambiguous: beans " + ApiKeyResolver.class.getName() + ", "
                + IpResolver.class.getName() + " all have this type"), failure);
    }

    @Test
    void aKeyResolverWithOnlyAQualifiedBeanFailsTheDeployment() {
        String failure = deploymentFailure("qualified-resolver");
        assertTrue(failure.contains("@RateLimited(keyResolver) on " + QualifiedResolverService.class.getName() + "#call: \""
                + QualifiedResolver.class.getName() + "\" is invalid: no bean of this type has the @Default qualifier"), failure);
    }

    /**
     * The messages of the exception chain, after checking that a DeploymentException is in it.
     * WildFly reports the server's failure as a DMR string, which escapes quotes ({@code \"}):
     * they are unescaped, so that one assertion reads the message on every server.
     */
    private String deploymentFailure(String deployment) {
        Throwable failure = assertThrows(Exception.class, () -> deployer.deploy(deployment));
        StringBuilder messages = new StringBuilder();
        boolean deploymentFailed = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            deploymentFailed |= t instanceof DeploymentException;
            messages.append(String.valueOf(t.getMessage()).replace("\\\"", "\"")).append('\n');
        }
        assertTrue(deploymentFailed, messages.toString());
        return messages.toString();
    }
}
