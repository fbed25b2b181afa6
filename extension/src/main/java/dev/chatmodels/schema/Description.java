package dev.chatmodels.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a type, a field (or record component) or a tool-method parameter to the model: the text becomes the
 * {@code description} of its JSON Schema. Jackson's {@code @JsonPropertyDescription} and {@code @JsonClassDescription}
 * work too.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD })
public @interface Description {

    String value();
}
