package io.jakartaredis.limiter.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.TierContext;
import io.jakartaredis.limiter.TierResolver;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.InvalidConfigurationException;
import io.jakartaredis.limiter.config.LimiterConfigReader;

/** Which tier resolver each policy asks, decided at deployment from the beans and the properties. */
class TierResolverChoicesTest {

    static class PlanTier implements TierResolver {
        @Override
        public String resolve(TierContext call) {
            return "gold";
        }
    }

    static class ClaimTier implements TierResolver {
        @Override
        public String resolve(TierContext call) {
            return "free";
        }
    }

    private final ResolverBeans beans = ResolverBeans.ofTierResolvers();
    private final Map<String, String> values = new HashMap<>(Map.of(
            "limiter.policy.api.limits", "10/1s", "limiter.policy.api.tiers.gold.limits", "100/1s",
            "limiter.policy.plain.limits", "10/1s"));

    private void bean(Class<?> type) {
        @SuppressWarnings("unchecked")
        Set<Class<? extends java.lang.annotation.Annotation>> qualifiers = (Set) Set.of(Default.class, Any.class);
        beans.add(new ResolverBeans.Candidate(type, Set.<Type>of(type, TierResolver.class, Object.class), qualifiers, false, 0));
    }

    private TierResolverChoices choose(String... properties) {
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        ConfigValues config = ConfigValues.of(values);
        return TierResolverChoices.choose(LimiterConfigReader.read(config), config, beans);
    }

    @Test
    void theApplicationsOnlyTierResolverChoosesForEveryPolicyWithTiers() {
        bean(PlanTier.class);
        TierResolverChoices choices = choose();
        assertEquals(TierResolver.class, choices.resolverOf("api"), "looked up as the only TierResolver");
        assertNull(choices.resolverOf("plain"), "a policy without tiers asks none");
        assertEquals(List.of(), choices.warnings());
    }

    @Test
    void thePropertyNamesTheResolverAmongSeveral() {
        bean(PlanTier.class);
        bean(ClaimTier.class);
        assertEquals(ClaimTier.class, choose("limiter.policy.api.tier-resolver", ClaimTier.class.getName()).resolverOf("api"));
    }

    @Test
    void aPolicyWithTiersButNoResolverFailsWhenUsedNamingTheProperty() {
        TierResolverChoices choices = choose();
        var failure = assertThrows(InvalidConfigurationException.class, () -> choices.resolverOf("api"));
        assertEquals("limiter.policy.api.tier-resolver: \"\" is invalid: policy 'api' has tiers [gold], and the application has no "
                + "TierResolver bean to choose them: add one (this property: its fully qualified class)", failure.getMessage());
        assertEquals("limiter.policy.api.tier-resolver", failure.property());
        assertNull(choices.resolverOf("plain"));
    }

    @Test
    void severalResolversAndNoneNamedAreAmbiguous() {
        bean(PlanTier.class);
        bean(ClaimTier.class);
        TierResolverChoices choices = choose();
        String message = assertThrows(InvalidConfigurationException.class, () -> choices.resolverOf("api")).getMessage();
        assertTrue(message.contains("the application has several TierResolver beans (" + ClaimTier.class.getName() + ", "
                + PlanTier.class.getName() + "): name one"), message);
    }

    @Test
    void aNamedClassThatIsNoTierResolverBeanFailsAtOnce() {
        bean(PlanTier.class);
        String message = assertThrows(InvalidConfigurationException.class,
                () -> choose("limiter.policy.api.tier-resolver", "com.example.Typo")).getMessage();
        assertEquals("limiter.policy.api.tier-resolver: \"com.example.Typo\" is invalid: expected the fully qualified class of a "
                + "TierResolver bean of the application (e.g. @ApplicationScoped)", message);
    }

    @Test
    void aResolverNamedForAPolicyWithoutTiersIsOneWarning() {
        bean(PlanTier.class);
        TierResolverChoices choices = choose("limiter.policy.plain.tier-resolver", PlanTier.class.getName());
        assertNull(choices.resolverOf("plain"));
        assertEquals(List.of("limiter.policy.plain.tier-resolver=" + PlanTier.class.getName() + " has no effect: policy 'plain' "
                + "has no tiers (limiter.policy.plain.tiers.<tier>.limits), so it is never called"), choices.warnings());
    }
}
