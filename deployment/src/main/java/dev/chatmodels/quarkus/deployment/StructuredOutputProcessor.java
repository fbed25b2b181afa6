package dev.chatmodels.quarkus.deployment;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Type;

import dev.chatmodels.structured.StructuredOutputType;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;

/**
 * Registers the classes marked {@link StructuredOutputType} for reflection, with every type they contain: the schema
 * generator and Jackson read them reflectively, which a native image allows only for registered classes.
 */
class StructuredOutputProcessor {

    private static final DotName STRUCTURED_OUTPUT_TYPE = DotName.createSimple(StructuredOutputType.class);

    @BuildStep
    void registerStructuredOutputTypes(CombinedIndexBuildItem index,
            BuildProducer<ReflectiveHierarchyBuildItem> reflection) {
        for (AnnotationInstance marked : index.getIndex().getAnnotations(STRUCTURED_OUTPUT_TYPE)) {
            if (marked.target().kind() != AnnotationTarget.Kind.CLASS) {
                continue;
            }
            DotName type = marked.target().asClass().name();
            reflection.produce(ReflectiveHierarchyBuildItem.builder(Type.create(type, Type.Kind.CLASS))
                    .index(index.getIndex()).source("@StructuredOutputType " + type).build());
        }
    }
}
