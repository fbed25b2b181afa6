package dev.chatmodels.quarkus.deployment.structured;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chatmodels.structured.StructuredOutputType;
import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.deployment.builditem.GeneratedResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A class marked {@link StructuredOutputType}, and the types it contains, are registered for reflection by the build:
 * what a native image needs to generate its schema and bind answers to it. An unmarked class is not.
 */
class StructuredOutputTypeTest {

    @StructuredOutputType
    public record Movie(String title, int year, List<Actor> cast, Optional<Budget> budget) {
    }

    public record Actor(String name) {
    }

    public record Budget(double dollars) {
    }

    public record NotMarked(String value) {
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(Movie.class, Actor.class, Budget.class, NotMarked.class))
            .addBuildChainCustomizer(StructuredOutputTypeTest::recordReflection);

    static void recordReflection(BuildChainBuilder chain) {
        chain.addBuildStep(context -> {
            for (ReflectiveClassBuildItem item : context.consumeMulti(ReflectiveClassBuildItem.class)) {
                System.setProperty("chat-models.test.reflection." + System.identityHashCode(item),
                        String.join(",", item.getClassNames()));
            }
            context.produce(new GeneratedResourceBuildItem("chat-models-test-reflection", new byte[0]));
        }).consumes(ReflectiveClassBuildItem.class).produces(GeneratedResourceBuildItem.class).build();
    }

    @Test
    void theMarkedClassAndEveryTypeItHoldsAreRegistered() {
        Set<String> registered = registered();
        assertTrue(registered.contains(Movie.class.getName()), registered.toString());
        assertTrue(registered.contains(Actor.class.getName()), registered.toString());
        assertTrue(registered.contains(Budget.class.getName()), registered.toString());
        assertFalse(registered.contains(NotMarked.class.getName()), registered.toString());
    }

    /** The build runs in another class loader: what it saw is passed through system properties. */
    private static Set<String> registered() {
        Set<String> all = new java.util.HashSet<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("chat-models.test.reflection."))
                .forEach(k -> all.addAll(List.of(System.getProperty(k).split(","))));
        return all;
    }
}
