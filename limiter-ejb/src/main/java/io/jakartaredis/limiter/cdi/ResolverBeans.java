package io.jakartaredis.limiter.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.Prioritized;

import io.jakartaredis.limiter.KeyResolver;
import io.jakartaredis.limiter.TierResolver;
import io.jakartaredis.limiter.config.InvalidConfigurationException;

/**
 * The beans of the deployment that a resolver type ({@link KeyResolver}, {@link TierResolver})
 * could resolve to, recorded as the container reports them, so that a resolver that would not
 * resolve to exactly one bean (none, only qualified ones, or several, e.g.
 * {@code ApiKeyResolver extends IpResolver} with both beans) fails the deployment instead of every
 * call. Resolution follows CDI's: {@code @Default} beans of the type, and among several, the
 * enabled alternatives of the highest priority.
 */
final class ResolverBeans {

    /** What resolution needs of one bean. */
    record Candidate(Class<?> beanClass, Set<Type> types, Set<Class<? extends Annotation>> qualifiers,
                     boolean alternative, int priority) {
    }

    private final Class<?> kind;
    private final List<Candidate> candidates = new ArrayList<>();

    private ResolverBeans(Class<?> kind) {
        this.kind = kind;
    }

    static ResolverBeans ofKeyResolvers() {
        return new ResolverBeans(KeyResolver.class);
    }

    static ResolverBeans ofTierResolvers() {
        return new ResolverBeans(TierResolver.class);
    }

    /** Records the bean if it is a resolver of this kind. */
    void add(Bean<?> bean) {
        if (bean.getTypes().stream().noneMatch(type -> type instanceof Class<?> c && kind.isAssignableFrom(c))) {
            return;
        }
        Set<Class<? extends Annotation>> qualifiers = bean.getQualifiers().stream()
                .map(Annotation::annotationType).collect(Collectors.toSet());
        candidates.add(new Candidate(bean.getBeanClass(), Set.copyOf(bean.getTypes()), qualifiers,
                bean.isAlternative(), priorityOf(bean)));
    }

    void add(Candidate candidate) {
        candidates.add(candidate);
    }

    /** @throws InvalidConfigurationException unless exactly one {@code @Default} bean has the key resolver's type */
    void checkResolvable(Class<?> resolver, String origin) {
        check(resolver, "@RateLimited(keyResolver) on " + origin);
    }

    /**
     * @param where what names the resolver, for the message: an annotation or a property
     * @throws InvalidConfigurationException unless exactly one {@code @Default} bean has the type
     */
    void check(Class<?> resolver, String where) {
        List<Candidate> ofType = candidates.stream().filter(each -> each.types().contains(resolver)).toList();
        List<Candidate> unqualified = ofType.stream().filter(each -> each.qualifiers().contains(Default.class)).toList();
        String noun = kind == KeyResolver.class ? "key resolver" : "tier resolver";
        if (ofType.isEmpty()) {
            throw new InvalidConfigurationException(where, resolver.getName(),
                    "the " + noun + " must be a CDI bean (e.g. @ApplicationScoped)");
        }
        if (unqualified.isEmpty()) {
            throw new InvalidConfigurationException(where, resolver.getName(),
                    "no bean of this type has the @Default qualifier (" + classesOf(ofType)
                            + " are qualified); the resolver is looked up without qualifiers");
        }
        List<Candidate> chosen = resolving(resolver);
        if (chosen.size() > 1) {
            throw new InvalidConfigurationException(where, resolver.getName(),
                    "it is ambiguous: beans " + classesOf(chosen) + " all have this type; restrict the subclass "
                            + "with @Typed, or name the subclass as the " + noun);
        }
    }

    /** The beans that a lookup of the type without qualifiers chooses from: exactly one resolves. */
    List<Candidate> resolving(Class<?> type) {
        List<Candidate> unqualified = candidates.stream()
                .filter(each -> each.types().contains(type) && each.qualifiers().contains(Default.class)).toList();
        return preferAlternatives(unqualified);
    }

    /** The resolver type of that fully qualified name among the bean types of the deployment, if any. */
    Optional<Class<?>> typeNamed(String className) {
        return candidates.stream().flatMap(each -> each.types().stream())
                .filter(type -> type instanceof Class<?> c && c.getName().equals(className) && kind.isAssignableFrom(c))
                .<Class<?>>map(type -> (Class<?>) type).findFirst();
    }

    /** CDI's rule: among several beans, only the enabled alternatives of the highest priority remain. */
    private static List<Candidate> preferAlternatives(List<Candidate> beans) {
        if (beans.size() < 2) {
            return beans;
        }
        int highest = beans.stream().filter(Candidate::alternative).mapToInt(Candidate::priority).max().orElse(Integer.MIN_VALUE);
        List<Candidate> alternatives = beans.stream().filter(each -> each.alternative() && each.priority() == highest).toList();
        return alternatives.isEmpty() ? beans : alternatives;
    }

    static String classesOf(List<Candidate> beans) {
        return beans.stream().map(each -> each.beanClass().getName()).sorted().collect(Collectors.joining(", "));
    }

    private static int priorityOf(Bean<?> bean) {
        if (bean instanceof Prioritized prioritized) {
            return prioritized.getPriority();
        }
        Priority priority = bean.getBeanClass().getAnnotation(Priority.class);
        return priority == null ? 0 : priority.value();
    }
}
