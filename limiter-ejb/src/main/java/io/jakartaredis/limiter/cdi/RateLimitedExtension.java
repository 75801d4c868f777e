package io.jakartaredis.limiter.cdi;

import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.ConfigProvider;

import io.jakartaredis.limiter.RateLimited;
import io.jakartaredis.limiter.config.ClientAddressConfigReader;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.InvalidConfigurationException;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.config.PolicyDefaults;
import io.jakartaredis.limiter.keys.ClientAddressResolver;
import io.jakartaredis.limiter.metrics.MetricsPublisher;

/**
 * Finds every {@link RateLimited} method at deployment and validates it against the configuration,
 * so that an unknown policy, a bad limit or key, or an impossible cost fails the deployment with
 * a message naming {@code Class#method} or the property, not the first request.
 */
public class RateLimitedExtension implements Extension {

    private static final System.Logger LOG = System.getLogger(RateLimitedExtension.class.getName());

    private final List<Site> sites = new ArrayList<>();
    private final ResolverBeans resolverBeans = ResolverBeans.ofKeyResolvers();
    private final ResolverBeans tierResolverBeans = ResolverBeans.ofTierResolvers();
    private volatile TierResolverChoices tierResolverChoices;
    private volatile ConfigValues values;
    private volatile LimiterConfig config;
    private volatile ClientAddressResolver clientAddresses;
    private volatile LimitedMethods limitedMethods;
    private volatile RateLimiterBean runningLimiter;

    /** One limited method of a bean class, declared there or inherited, and the annotation that applies to it. */
    private record Site(Class<?> beanClass, Method method, RateLimited annotation) {

        String origin() {
            return RateLimitedExtension.origin(beanClass, method);
        }
    }

    /** The readiness check, only where the server has MicroProfile Health ({@link OptionalBeans}). */
    void addOptionalBeans(@Observes BeforeBeanDiscovery event) {
        for (Class<?> type : OptionalBeans.available(OptionalBeans.READINESS_CHECK, RateLimitedExtension.class.getClassLoader())) {
            event.addAnnotatedType(type, type.getName()).add(ApplicationScoped.Literal.INSTANCE);
        }
    }

    /** Every bean, so that methods inherited under a type-level annotation are seen as well. */
    <T> void collect(@Observes ProcessManagedBean<T> event) {
        AnnotatedType<T> type = event.getAnnotatedBeanClass();
        if (type.isAnnotationPresent(Interceptor.class)) {
            return; // the interceptor carries the binding itself
        }
        RateLimited onType = type.getAnnotation(RateLimited.class);
        for (AnnotatedMethod<? super T> method : type.getMethods()) {
            RateLimited applying = LimitedSites.applying(method.getJavaMember(), method.getAnnotation(RateLimited.class), onType);
            if (applying != null) {
                sites.add(new Site(type.getJavaClass(), method.getJavaMember(), applying));
            }
        }
    }

    void validate(@Observes AfterDeploymentValidation event) {
        try {
            values = new MicroProfileConfigValues(ConfigProvider.getConfig());
            LimiterConfig read = LimiterConfigReader.read(values, declaredDefaults(),
                    sites.stream().map(site -> site.annotation().policy()).collect(Collectors.toSet()));
            IneffectiveSettings.shadowHeadersOnEnforcedPolicies(read).ifPresent(warning -> LOG.log(Level.WARNING, warning));
            tierResolverChoices = TierResolverChoices.choose(read, values, tierResolverBeans);
            tierResolverChoices.warnings().forEach(warning -> LOG.log(Level.WARNING, warning));
            Map<Class<?>, Map<Method, LimitedMethod>> byBeanClass = new HashMap<>();
            for (Site site : sites) {
                byBeanClass.computeIfAbsent(site.beanClass(), type -> new HashMap<>())
                        .put(site.method(), settingsOf(site, values, read));
            }
            limitedMethods = new LimitedMethods(byBeanClass, this::lateSettingsOf);
            clientAddresses = new ClientAddressResolver(ClientAddressConfigReader.read(values));
            config = read;
        } catch (InvalidConfigurationException e) {
            event.addDeploymentProblem(e);
        }
    }

    /**
     * The settings of a method first seen when called (its target never was a bean), from the call's
     * binding, validated as at deployment. Its policy must exist by then: limits declared on it
     * alone come too late for the limiter, which compiled its policies at startup.
     */
    private LimitedMethod lateSettingsOf(Class<?> targetClass, Method method, RateLimited binding) {
        Site site = new Site(targetClass, method, binding);
        if (config().policy(binding.policy()).isEmpty() && !binding.limits().isBlank()) {
            throw new InvalidConfigurationException("@RateLimited(limits) on " + site.origin(), binding.limits(),
                    "the target was no bean at deployment, so these limits were not read then: set limiter.policy."
                            + binding.policy() + ".limits");
        }
        return settingsOf(site, values, config());
    }

    private LimitedMethod settingsOf(Site site, ConfigValues values, LimiterConfig read) {
        LimitedMethod method = LimitedMethod.resolve(site.annotation(), values, site.origin(), site.beanClass().getClassLoader());
        method.checkAgainst(read, values, site.origin());
        read.policy(method.policy()).ifPresent(policy -> AsynchronousMethods.check(site.beanClass(), site.method(), policy,
                site.origin()));
        if (method.resolver() != null) {
            resolverBeans.checkResolvable(method.resolver(), site.origin());
        }
        tierResolverChoices.resolverOf(method.policy());
        return method;
    }

    /**
     * Remembers every bean of the deployment, to check that each key resolver resolves: the bean
     * manager handed to this extension may belong to the library's own bean archive, which need
     * not see the application's beans.
     */
    void rememberBeans(@Observes ProcessBean<?> event) {
        resolverBeans.add(event.getBean());
        tierResolverBeans.add(event.getBean());
    }

    /** The validated configuration; available once the deployment has been validated. */
    public LimiterConfig config() {
        if (config == null) {
            throw new IllegalStateException("the rate limiter configuration is read when the deployment is validated");
        }
        return config;
    }

    /** The settings of every limited method, built and validated at deployment. */
    LimitedMethods limitedMethods() {
        config();
        return limitedMethods;
    }

    /** Who is told of the interceptor's decisions: limiter-web when it is deployed beside this module, else nobody. */
    CallDecisionObserver callDecisionObserver() {
        return CallDecisionObservers.REGISTERED;
    }

    /** Which tier resolver each policy with tiers asks; available once the deployment has been validated. */
    TierResolverChoices tierResolverChoices() {
        config();
        return tierResolverChoices;
    }

    /** Resolves client addresses as {@code limiter.web.trusted-proxies}, {@code .ipv4-prefix} and {@code .ipv6-prefix} say. */
    public ClientAddressResolver clientAddresses() {
        config();
        return clientAddresses;
    }

    /** A publisher for each metrics API the server has ({@link OptionalBeans}); none where it has none. */
    List<MetricsPublisher> metricsPublishers() {
        return OptionalBeans.metricsPublishers(RateLimitedExtension.class.getClassLoader());
    }

    void started(RateLimiterBean limiter) {
        runningLimiter = limiter;
    }

    void stopped(RateLimiterBean limiter) {
        if (runningLimiter == limiter) {
            runningLimiter = null;
        }
    }

    /** The application's limiter once it has started, else {@code null}: for the readiness check. */
    public RateLimiterBean runningLimiter() {
        return runningLimiter;
    }

    /** Limits and concurrency limits declared by annotations; two different declarations of one policy are an error. */
    private Map<String, PolicyDefaults> declaredDefaults() {
        Map<String, PolicyDefaults> declared = new HashMap<>();
        for (Site site : sites) {
            RateLimited annotation = site.annotation();
            PolicyDefaults defaults = new PolicyDefaults(annotation.limits().strip(), "@RateLimited(limits) on " + site.origin(),
                    annotation.concurrency(), annotation.leaseTimeout().strip(), site.origin());
            if (defaults.limits().isEmpty() && defaults.concurrency() == 0 && defaults.leaseTimeout().isEmpty()) {
                continue;
            }
            PolicyDefaults earlier = declared.putIfAbsent(annotation.policy(), defaults);
            if (earlier != null && !sameDeclaration(earlier, defaults)) {
                throw new InvalidConfigurationException("@RateLimited on " + site.origin(), describe(defaults),
                        "policy '" + annotation.policy() + "' already has " + describe(earlier) + " from "
                                + earlier.site() + "; declare them once or set limiter.policy." + annotation.policy()
                                + ".limits (and .concurrency, .lease-timeout)");
            }
        }
        return declared;
    }

    private static boolean sameDeclaration(PolicyDefaults a, PolicyDefaults b) {
        return a.limits().equals(b.limits()) && a.concurrency() == b.concurrency() && a.leaseTimeout().equals(b.leaseTimeout());
    }

    private static String describe(PolicyDefaults defaults) {
        return "limits \"" + defaults.limits() + "\""
                + (defaults.concurrency() == 0 ? "" : ", concurrency " + defaults.concurrency())
                + (defaults.leaseTimeout().isEmpty() ? "" : ", leaseTimeout " + defaults.leaseTimeout());
    }

    static String origin(Method method) {
        return origin(method.getDeclaringClass(), method);
    }

    /** {@code Class#method}, naming the bean class even when the method is inherited. */
    static String origin(Class<?> beanClass, Method method) {
        return beanClass.getName() + "#" + method.getName();
    }
}
