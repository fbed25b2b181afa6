package dev.chatmodels.structured;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class answers are bound to with {@code withStructuredOutput(Foo.class)}, so that a native image can generate
 * its schema and bind it: the Quarkus build registers it, and every type its fields and accessors use, for reflection.
 * (Tool argument and result types need nothing: the build finds them on the {@code @Tool} methods.) In a JVM
 * application the annotation changes nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StructuredOutputType {
}
