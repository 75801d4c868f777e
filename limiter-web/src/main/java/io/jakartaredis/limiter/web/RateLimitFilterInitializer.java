package io.jakartaredis.limiter.web;

import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import org.eclipse.microprofile.config.ConfigProvider;

import io.jakartaredis.limiter.RateLimiter;
import io.jakartaredis.limiter.cdi.CallDecisionObservers;
import io.jakartaredis.limiter.cdi.CallTierContext;
import io.jakartaredis.limiter.cdi.MicroProfileConfigValues;
import io.jakartaredis.limiter.cdi.TierResolvers;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.InvalidConfigurationException;

/**
 * Installs the {@link RateLimitFilter} when this jar is in {@code WEB-INF/lib}, listed in
 * {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}. Containers run it while
 * the application starts, so an invalid {@code limiter.web.*} value, an unknown policy or an
 * impossible cost, or a policy with tiers but no tier resolver, throws {@link InvalidConfigurationException} from here and the deployment fails
 * with that message. Without any rule only the {@link DecisionFieldsFilter} is installed, which
 * lets the decisions of {@code @RateLimited} methods reach the response's fields.
 *
 * <p>Either filter is mapped to {@code /*} for {@code REQUEST} dispatches only, so that forwards,
 * includes and error pages do not count twice, and before the filters of {@code web.xml}.
 */
public final class RateLimitFilterInitializer implements ServletContainerInitializer {

    /** The name the filter is registered under. */
    public static final String FILTER_NAME = "io.jakartaredis.limiter.web.RateLimitFilter";

    /** The name the filter that lets decisions of {@code @RateLimited} methods reach the response is registered under. */
    public static final String DECISION_FIELDS_FILTER_NAME = "io.jakartaredis.limiter.web.DecisionFieldsFilter";

    private static final System.Logger LOG = System.getLogger(RateLimitFilterInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> ignored, ServletContext context) {
        ConfigValues values = new MicroProfileConfigValues(ConfigProvider.getConfig(context.getClassLoader()));
        registerDecisionFields(context, WebConfigReader.legacyHeaders(values));
        if (WebConfigReader.ruleNames(values).isEmpty()) {
            installDecisionFields(context);
            // still validated, because the exception mapper reads them too
            WebConfigReader.clientAddresses(values);
            LOG.log(Level.DEBUG, "No limiter.web.rules in {0}: no rate limit filter", context.getContextPath());
            return;
        }
        RateLimiter limiter = rateLimiter();
        WebConfig config = WebConfigReader.read(values, limiter::policy);
        TierResolvers tiers = CDI.current().select(TierResolvers.class).get();
        config.rules().forEach(rule -> tiers.checkResolvable(rule.policy().name()));
        RequestTiers requestTiers = (policy, key, request) -> tiers.tierOf(policy, () -> CallTierContext.ofRequest(policy, key, request));
        FilterRegistration.Dynamic registration = context.addFilter(FILTER_NAME, new RateLimitFilter(config, limiter, requestTiers));
        if (registration == null) {
            throw new IllegalStateException("a filter named " + FILTER_NAME + " is already registered in "
                    + context.getContextPath() + "; the rate limit filter installs itself");
        }
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        LOG.log(Level.INFO, "Rate limiting {0} with rules {1}; clients: {2}", context.getContextPath(),
                config.rules(), config.clientAddresses());
    }

    /**
     * The decisions of this application's {@code @RateLimited} calls reach its responses through an
     * observer registered with limiter-ejb, which may be shared by several applications (an EAR's
     * {@code lib/}); removed when the application stops, so that it leaks no class of it.
     */
    private static void registerDecisionFields(ServletContext context, boolean legacyHeaders) {
        Runnable unregister = CallDecisionObservers.register(new ResponseFieldsObserver(legacyHeaders));
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                unregister.run();
            }
        });
    }

    /** Without rules, so that the decisions of {@code @RateLimited} methods still reach the response's fields. */
    private static void installDecisionFields(ServletContext context) {
        FilterRegistration.Dynamic registration = context.addFilter(DECISION_FIELDS_FILTER_NAME, new DecisionFieldsFilter());
        if (registration == null) {
            throw new IllegalStateException("a filter named " + DECISION_FIELDS_FILTER_NAME + " is already registered in "
                    + context.getContextPath() + "; the rate limiter installs it itself");
        }
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }

    private static RateLimiter rateLimiter() {
        try {
            return CDI.current().select(RateLimiter.class).get();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("limiter.web.rules are configured, but no CDI container provides the "
                    + "RateLimiter bean of limiter-ejb: " + e.getMessage(), e);
        }
    }
}
