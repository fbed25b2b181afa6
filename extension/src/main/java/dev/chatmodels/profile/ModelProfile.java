package dev.chatmodels.profile;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import dev.chatmodels.usage.UsageMetadata;

/**
 * What a model can do and what it costs, as far as known: each {@link ProfileField} is present or unknown. Immutable:
 * {@link #with} and {@link #withOverrides} return changed copies and never change a shared profile.
 */
public final class ModelProfile {

    /** The profile of a model nothing is known about. */
    public static final ModelProfile EMPTY = new ModelProfile(new EnumMap<>(ProfileField.class));

    private static final double PER_MILLION = 1_000_000d;

    private final EnumMap<ProfileField, Object> values;

    private ModelProfile(EnumMap<ProfileField, Object> values) {
        this.values = values;
    }

    /**
     * A profile of {@code values} keyed by field key (snake_case or kebab-case), converted to each field's type.
     *
     * @throws IllegalArgumentException for an unknown key or a value of the wrong type, naming it
     */
    public static ModelProfile of(Map<String, ?> values) {
        return EMPTY.withOverrides(values);
    }

    /** The value of {@code field}, if known. */
    public Optional<Object> get(ProfileField field) {
        return Optional.ofNullable(values.get(field));
    }

    /** Whether the profile says the model can do {@code flag}; empty when it does not say. */
    public Optional<Boolean> supports(ProfileField flag) {
        if (flag.kind() != ProfileField.Kind.FLAG) {
            throw new IllegalArgumentException(flag.key() + " is not a yes-or-no field");
        }
        return Optional.ofNullable((Boolean) values.get(flag));
    }

    /** Whether the profile says the model can't do {@code flag}: {@code false} when it can or when it does not say. */
    public boolean refuses(ProfileField flag) {
        return Boolean.FALSE.equals(values.get(flag));
    }

    public OptionalInt maxInputTokens() {
        return integer(ProfileField.MAX_INPUT_TOKENS);
    }

    public OptionalInt maxOutputTokens() {
        return integer(ProfileField.MAX_OUTPUT_TOKENS);
    }

    public Optional<String> name() {
        return Optional.ofNullable((String) values.get(ProfileField.NAME));
    }

    /** US dollars per million input tokens. */
    public OptionalDouble inputCost() {
        return decimal(ProfileField.INPUT_COST);
    }

    /** US dollars per million output tokens. */
    public OptionalDouble outputCost() {
        return decimal(ProfileField.OUTPUT_COST);
    }

    /** Whether nothing is known about the model. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** A copy with {@code field} set to {@code value} ({@code null}: unknown). */
    public ModelProfile with(ProfileField field, Object value) {
        EnumMap<ProfileField, Object> copy = new EnumMap<>(values);
        if (value == null) {
            copy.remove(field);
        } else {
            copy.put(field, field.convert(value));
        }
        return new ModelProfile(copy);
    }

    /**
     * A copy with {@code overrides} applied, keyed by field key (snake_case or kebab-case); a {@code null} value makes
     * the field unknown.
     *
     * @throws IllegalArgumentException for an unknown key or a value of the wrong type, naming it
     */
    public ModelProfile withOverrides(Map<String, ?> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        ModelProfile result = this;
        for (Map.Entry<String, ?> override : overrides.entrySet()) {
            ProfileField field = ProfileField.of(override.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown profile field '" + override.getKey() + "'; the fields are " + ProfileField.keys()));
            result = result.with(field, override.getValue());
        }
        return result;
    }

    /**
     * The estimated cost of {@code usage} in US dollars: input tokens at the input price (cache reads and writes at
     * their own prices when known), output tokens (reasoning included) at the output price. Empty when the profile has
     * no input or no output price.
     */
    public OptionalDouble estimateCost(UsageMetadata usage) {
        OptionalDouble input = inputCost();
        OptionalDouble output = outputCost();
        if (input.isEmpty() || output.isEmpty()) {
            return OptionalDouble.empty();
        }
        long cacheRead = 0;
        long cacheWrite = 0;
        if (usage.inputTokenDetails() != null) {
            cacheRead = orZero(usage.inputTokenDetails().cacheRead());
            cacheWrite = orZero(usage.inputTokenDetails().cacheCreation());
        }
        // input tokens count cache reads and writes too (the GenAI conventions' way): price those at their own rates
        long uncached = Math.max(0, usage.inputTokens() - cacheRead - cacheWrite);
        double dollars = uncached * input.getAsDouble()
                + cacheRead * decimal(ProfileField.CACHE_READ_COST).orElse(input.getAsDouble())
                + cacheWrite * decimal(ProfileField.CACHE_WRITE_COST).orElse(input.getAsDouble())
                + usage.outputTokens() * output.getAsDouble();
        return OptionalDouble.of(dollars / PER_MILLION);
    }

    /** The known fields by key, in field order: the reference's profile dictionary. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        values.forEach((field, value) -> map.put(field.key(), value));
        return Collections.unmodifiableMap(map);
    }

    private OptionalInt integer(ProfileField field) {
        Object value = values.get(field);
        return value == null ? OptionalInt.empty() : OptionalInt.of((Integer) value);
    }

    private OptionalDouble decimal(ProfileField field) {
        Object value = values.get(field);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of((Double) value);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelProfile profile && values.equals(profile.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "ModelProfile" + asMap();
    }
}
