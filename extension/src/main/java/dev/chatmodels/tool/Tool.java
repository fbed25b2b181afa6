package dev.chatmodels.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method a tool the model can call. The parameters are the tool's arguments: their names (compile with
 * {@code -parameters}), types and {@link dev.chatmodels.schema.Description} annotations give the JSON Schema; the
 * return value becomes the tool message (text as it is, anything else as JSON).
 * <p>
 * In a Quarkus application, {@code @Tool} methods of CDI beans are found at build time and the beans can be named in
 * {@code quarkus.chat-models.tools}; elsewhere, {@link ChatTool#fromMethods(Object)} makes tools of an object's
 * {@code @Tool} methods.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {

    /** What the tool does, as the model reads it. */
    String value() default "";

    /** The tool's name; the method name when empty. */
    String name() default "";
}
