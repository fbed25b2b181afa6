package dev.chatmodels.tool;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;

import dev.chatmodels.json.Jackson;

/**
 * Binds a tool call's arguments to the parameters of a tool method, by name, converting each value to the parameter's
 * (generic) type with Jackson. A missing {@code Optional} argument is {@code Optional.empty()}.
 */
public record MethodArguments(List<String> names, List<JavaType> types) {

    public MethodArguments {
        names = List.copyOf(names);
        types = List.copyOf(types);
        if (names.size() != types.size()) {
            throw new IllegalArgumentException("Each parameter needs a name and a type: " + names + " / " + types);
        }
    }

    /** The parameters of {@code method} (compiled with {@code -parameters}). */
    public static MethodArguments of(Method method) {
        List<String> names = new ArrayList<>();
        List<JavaType> types = new ArrayList<>();
        TypeFactory typeFactory = Jackson.VALUES.getTypeFactory();
        for (Parameter parameter : method.getParameters()) {
            names.add(parameter.getName());
            types.add(typeFactory.constructType(parameter.getParameterizedType()));
        }
        return new MethodArguments(names, types);
    }

    /**
     * Parameters described without reflection, e.g. at build time: each type in Jackson's canonical form
     * ({@code java.util.List<com.acme.Stop>}, see {@link JavaType#toCanonical()}).
     */
    public static MethodArguments ofCanonical(List<String> names, List<String> canonicalTypes) {
        TypeFactory typeFactory = Jackson.VALUES.getTypeFactory();
        return new MethodArguments(names, canonicalTypes.stream().map(typeFactory::constructFromCanonical).toList());
    }

    /** The parameter values for {@code arguments}, in parameter order. */
    public Object[] bind(Map<String, Object> arguments) {
        Object[] values = new Object[names.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = arguments.get(names.get(i));
            JavaType type = types.get(i);
            if (value == null && type.getRawClass() == Optional.class) {
                values[i] = Optional.empty();
            } else {
                try {
                    values[i] = Jackson.VALUES.convertValue(value, type);
                } catch (IllegalArgumentException e) {
                    throw new ToolArgumentsException("argument '" + names.get(i) + "' is not a valid " + type.toCanonical()
                            + ": " + e.getMessage(), e);
                }
            }
        }
        return values;
    }
}
