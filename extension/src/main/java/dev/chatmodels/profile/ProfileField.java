package dev.chatmodels.profile;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A field of a {@link ModelProfile}: its key (the reference's snake_case name, also the key of configuration overrides
 * and of the {@code profile} option) and the type of its value.
 */
public enum ProfileField {
    /** The model's display name. */
    NAME("name", Kind.TEXT),
    /** The most input tokens the model takes (its context window). */
    MAX_INPUT_TOKENS("max_input_tokens", Kind.INTEGER),
    /** The most tokens the model generates in one answer. */
    MAX_OUTPUT_TOKENS("max_output_tokens", Kind.INTEGER),
    TEXT_INPUTS("text_inputs", Kind.FLAG),
    IMAGE_INPUTS("image_inputs", Kind.FLAG),
    /** Images given by URL rather than inline data. */
    IMAGE_URL_INPUTS("image_url_inputs", Kind.FLAG),
    PDF_INPUTS("pdf_inputs", Kind.FLAG),
    AUDIO_INPUTS("audio_inputs", Kind.FLAG),
    VIDEO_INPUTS("video_inputs", Kind.FLAG),
    /** Images inside tool results. */
    IMAGE_TOOL_MESSAGE("image_tool_message", Kind.FLAG),
    /** PDFs inside tool results. */
    PDF_TOOL_MESSAGE("pdf_tool_message", Kind.FLAG),
    /** The model reasons and can show its reasoning. */
    REASONING_OUTPUT("reasoning_output", Kind.FLAG),
    TEXT_OUTPUTS("text_outputs", Kind.FLAG),
    IMAGE_OUTPUTS("image_outputs", Kind.FLAG),
    AUDIO_OUTPUTS("audio_outputs", Kind.FLAG),
    VIDEO_OUTPUTS("video_outputs", Kind.FLAG),
    TOOL_CALLING("tool_calling", Kind.FLAG),
    /** The model can be forced to call a tool. */
    TOOL_CHOICE("tool_choice", Kind.FLAG),
    /** The provider constrains the model's output to a JSON schema natively. */
    STRUCTURED_OUTPUT("structured_output", Kind.FLAG),
    /** The model takes file attachments. */
    ATTACHMENT("attachment", Kind.FLAG),
    /** The model accepts a sampling temperature. */
    TEMPERATURE("temperature", Kind.FLAG),
    /** The model's lifecycle status, e.g. {@code deprecated}. */
    STATUS("status", Kind.TEXT),
    RELEASE_DATE("release_date", Kind.TEXT),
    LAST_UPDATED("last_updated", Kind.TEXT),
    OPEN_WEIGHTS("open_weights", Kind.FLAG),
    /** US dollars per million input tokens. */
    INPUT_COST("input_cost", Kind.DECIMAL),
    /** US dollars per million output tokens. */
    OUTPUT_COST("output_cost", Kind.DECIMAL),
    /** US dollars per million input tokens read from the prompt cache. */
    CACHE_READ_COST("cache_read_cost", Kind.DECIMAL),
    /** US dollars per million input tokens written to the prompt cache. */
    CACHE_WRITE_COST("cache_write_cost", Kind.DECIMAL);

    /** The type of a field's value. */
    public enum Kind {
        /** {@link Boolean}. */
        FLAG("true or false"),
        /** {@link Integer}. */
        INTEGER("a whole number"),
        /** {@link Double}. */
        DECIMAL("a number"),
        /** {@link String}. */
        TEXT("text");

        private final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    private static final Map<String, ProfileField> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ProfileField::key, Function.identity()));

    private final String key;
    private final Kind kind;

    ProfileField(String key, Kind kind) {
        this.key = key;
        this.kind = kind;
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** The field whose key is {@code key}, in snake_case or kebab-case ({@code max-input-tokens}). */
    public static Optional<ProfileField> of(String key) {
        return Optional.ofNullable(BY_KEY.get(key.trim().replace('-', '_').toLowerCase(Locale.ROOT)));
    }

    /** The keys of every field, for error messages. */
    public static String keys() {
        return Arrays.stream(values()).map(ProfileField::key).collect(Collectors.joining(", "));
    }

    /**
     * {@code value} as this field's type: a value of the type as it is, text converted.
     *
     * @throws IllegalArgumentException when it is not of the type, naming the field
     */
    Object convert(Object value) {
        Object converted = switch (kind) {
            case FLAG -> value instanceof Boolean ? value : flag(value);
            case INTEGER -> value instanceof Integer ? value
                    : value instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : integer(value);
            case DECIMAL -> value instanceof Number n ? n.doubleValue() : decimal(value);
            case TEXT -> value instanceof String ? value : null;
        };
        if (converted == null) {
            throw new IllegalArgumentException(
                    "profile field " + key + " takes " + kind.description + ", not '" + value + "'");
        }
        return converted;
    }

    private static Boolean flag(Object value) {
        String text = String.valueOf(value).trim();
        return "true".equalsIgnoreCase(text) ? Boolean.TRUE : "false".equalsIgnoreCase(text) ? Boolean.FALSE : null;
    }

    private static Integer integer(Object value) {
        try {
            return value instanceof String text ? Integer.valueOf(text.trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double decimal(Object value) {
        try {
            return value instanceof String text ? Double.valueOf(text.trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
