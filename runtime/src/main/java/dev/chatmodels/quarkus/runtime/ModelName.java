package dev.chatmodels.quarkus.runtime;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

/**
 * Selects a named model from configuration: {@code @Inject @ModelName("fast") ChatModel fast;} is the model configured
 * under {@code quarkus.chat-models.fast.*}. Without it, {@code @Inject ChatModel} is the default model, configured
 * directly under {@code quarkus.chat-models}.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({ FIELD, PARAMETER, METHOD, TYPE })
public @interface ModelName {

    /** The model's name in configuration. */
    String value();

    /** For programmatic lookup: {@code Arc.container().select(ChatModel.class, ModelName.Literal.of("fast"))}. */
    final class Literal extends AnnotationLiteral<ModelName> implements ModelName {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        public static Literal of(String value) {
            return new Literal(value);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
