package dev.chatmodels.model;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which options of a {@link ConfigurableChatModel} a call's {@link RunConfig#configurable()} values may set: the named
 * ones, or any ({@link #ANY}). Names are option names in snake_case ({@code model}, {@code model_provider},
 * {@code temperature}, {@code max_tokens}...); kebab-case is read as snake_case.
 */
public record ConfigurableFields(boolean any, Set<String> names) {

    /** Every option, including {@code api_key} and {@code base_url}: whoever sets a call's config decides them. */
    public static final ConfigurableFields ANY = new ConfigurableFields(true, Set.of());

    /** What the reference makes configurable when no model is given: the model and its provider. */
    public static final ConfigurableFields MODEL_AND_PROVIDER = of(List.of("model", "model_provider"));

    public ConfigurableFields {
        names = any ? Set.of() : Set.copyOf(names.stream().map(ConfigurableFields::normalize).toList());
    }

    /** Just the options {@code names}. */
    public static ConfigurableFields of(Collection<String> names) {
        return new ConfigurableFields(false, new LinkedHashSet<>(names));
    }

    /**
     * The fields an option value names: {@code "any"}, a comma-separated list, or a collection of names.
     *
     * @throws IllegalArgumentException for anything else, naming {@code option}
     */
    public static ConfigurableFields parse(String option, Object value) {
        if (value instanceof String text) {
            return text.trim().equalsIgnoreCase("any") ? ANY
                    : of(List.of(text.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
        if (value instanceof Collection<?> names) {
            return of(names.stream().map(String::valueOf).toList());
        }
        throw new IllegalArgumentException(option + " must be \"any\" or a list of option names, got " + value);
    }

    /** Whether a call may set {@code name} (snake_case). */
    public boolean allows(String name) {
        return any || names.contains(name);
    }

    /** An option name as this model keys options: snake_case, lower case. */
    static String normalize(String name) {
        return name.trim().replace('-', '_').toLowerCase(Locale.ROOT);
    }
}
