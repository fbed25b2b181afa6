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
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A class marked {@link StructuredOutputType} is registered for reflection with its whole hierarchy (a
 * {@code ReflectiveHierarchyBuildItem}, which Quarkus' native build expands to every type the class holds): what a
 * native image needs to generate its schema and bind answers to it. An unmarked class is not.
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
            List<String> names = new java.util.ArrayList<>();
            for (ReflectiveHierarchyBuildItem item : context.consumeMulti(ReflectiveHierarchyBuildItem.class)) {
                names.add(item.getType().name().toString());
            }
            System.setProperty("chat-models.test.reflection", String.join(",", names));
            context.produce(new GeneratedResourceBuildItem("chat-models-test-reflection", new byte[0]));
        }).consumes(ReflectiveHierarchyBuildItem.class).produces(GeneratedResourceBuildItem.class).build();
    }

    @Test
    void theMarkedClassIsRegisteredWithItsHierarchy() {
        Set<String> registered = registered();
        assertTrue(registered.contains(Movie.class.getName()), registered.toString());
        assertFalse(registered.contains(NotMarked.class.getName()), registered.toString());
    }

    /** The build runs in another class loader: what it saw is passed through a system property. */
    private static Set<String> registered() {
        return new java.util.HashSet<>(List.of(System.getProperty("chat-models.test.reflection", "").split(",")));
    }
}
