package dev.offlinefirst.server.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.persistence.Entity;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.hibernate.annotations.Filter;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.MainSources;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Fails the build when isolation could be forgotten: an API class without {@link ViewerIsolated}, a
 * resolver that is not reactive (the interceptor only scopes Uni and Multi), an entity without the
 * viewer filter, or a relation behind visibility written out a second time.
 */
class IsolationArchitectureTest {

    /** A pending friend request read from its table: either side sees the other's card (Relations). */
    private static final Pattern PENDING_REQUEST = Pattern.compile("(?s)friend_connections.*status\\s*=\\s*'PENDING'");

    private static final List<Class<?>> APP_CLASSES = appClasses();

    @Test
    void everyGraphQLApiClassCarriesTheIsolationBinding() {
        List<Class<?>> apis = APP_CLASSES.stream().filter(c -> c.isAnnotationPresent(GraphQLApi.class)).toList();
        assertFalse(apis.isEmpty(), "no @GraphQLApi class found: the scan is broken");
        List<String> unbound = apis.stream()
                .filter(c -> !c.isAnnotationPresent(ViewerIsolated.class))
                .map(Class::getName)
                .toList();
        assertEquals(List.of(), unbound, "@GraphQLApi classes without @ViewerIsolated");
    }

    @Test
    void everyResolverIsReactive() {
        List<String> blocking = APP_CLASSES.stream()
                .filter(c -> c.isAnnotationPresent(GraphQLApi.class))
                .flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(IsolationArchitectureTest::isResolver)
                .filter(m -> m.getReturnType() != Uni.class && m.getReturnType() != Multi.class)
                .map(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName())
                .toList();
        assertEquals(List.of(), blocking, "resolvers must return Uni or Multi");
    }

    @Test
    void everyEntityCarriesTheViewerFilter() {
        List<Class<?>> entities = APP_CLASSES.stream().filter(c -> c.isAnnotationPresent(Entity.class)).toList();
        assertFalse(entities.isEmpty(), "no @Entity found: the scan is broken");
        List<String> unfiltered = entities.stream()
                .filter(c -> Arrays.stream(c.getAnnotationsByType(Filter.class))
                        .noneMatch(f -> f.name().equals(ViewerFilter.NAME)))
                .map(Class::getName)
                .toList();
        assertEquals(List.of(), unfiltered, "entities without @Filter(name = ViewerFilter.NAME)");
    }

    /**
     * Accepted friendship is the view {@code accepted_friends} (V9, entity AcceptedFriend) and room
     * membership is {@link Relations#ROOMS_OF_VIEWER}: no filter writes either out again, and no
     * Java source spells out the accepted status as SQL or as an HQL parameter.
     */
    @Test
    void theRelationsBehindVisibilityHaveOneDefinitionEach() throws IOException {
        List<String> restated = APP_CLASSES.stream()
                .flatMap(c -> Arrays.stream(c.getAnnotationsByType(Filter.class)).map(f -> c.getSimpleName() + ": " + f.condition()))
                .filter(condition -> condition.contains("'ACCEPTED'")
                        || condition.contains("room_members") && !condition.contains(Relations.ROOMS_OF_VIEWER)
                        || condition.contains("friend_connections") && !condition.contains(Relations.PENDING_WITH_VIEWER))
                .toList();
        assertEquals(List.of(), restated, "filters that write out friendship or membership instead of using their definition");
        List<Path> spelled = MainSources.whose(text -> text.contains("'ACCEPTED'") || text.contains("status = :accepted"));
        assertEquals(List.of(), spelled, "sources that spell out accepted friendship instead of reading accepted_friends");
        List<Path> pending = MainSources.whose(text -> PENDING_REQUEST.matcher(text).find()).stream()
                .filter(file -> !file.endsWith(Path.of("isolation", "Relations.java"))).toList();
        assertEquals(List.of(), pending, "sources that restate the pending-request relation instead of using Relations");
    }

    @Test
    void theViewerFilterIsOnForEverySessionAndForLoadsById() throws ClassNotFoundException {
        Package isolation = Class.forName("dev.offlinefirst.server.isolation.package-info").getPackage();
        var definition = isolation.getAnnotation(org.hibernate.annotations.FilterDef.class);
        assertTrue(definition.autoEnabled(), "the viewer filter must be on without anyone enabling it");
        assertTrue(definition.applyToLoadByKey(), "the viewer filter must cover loads by id");
    }

    private static boolean isResolver(Method method) {
        return Modifier.isPublic(method.getModifiers())
                && (method.isAnnotationPresent(Query.class) || method.isAnnotationPresent(Mutation.class)
                        || method.isAnnotationPresent(Subscription.class)
                        || Arrays.stream(method.getParameters()).anyMatch(IsolationArchitectureTest::isSource));
    }

    private static boolean isSource(Parameter parameter) {
        return parameter.isAnnotationPresent(Source.class);
    }

    private static List<Class<?>> appClasses() {
        try {
            Path root = Path.of(ViewerIsolated.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<Path> files = Files.walk(root)) {
                return files.map(root::relativize)
                        .map(Path::toString)
                        .filter(name -> name.endsWith(".class") && !name.contains("$") && !name.endsWith("package-info.class"))
                        .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                        .map(IsolationArchitectureTest::load)
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, IsolationArchitectureTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
