package dev.chatmodels.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;

/**
 * The profiles of known models, from the models.dev catalog shipped with the library ({@value #RESOURCE}, regenerated
 * by {@code scripts/model-profiles}). A model is found by its provider and name; a dated name
 * ({@code gpt-4o-2024-08-06}) falls back to its undated entry, and a provider's id prefixes listed in the catalog
 * (Bedrock's inference-profile regions such as {@code us.}) are tried without them.
 */
public final class ModelProfiles {

    /** The catalog's class-path resource (a native image must include it). */
    public static final String RESOURCE = "dev/chatmodels/profile/models.json";

    private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{8})$");

    private ModelProfiles() {
    }

    /** The profile of {@code modelName} of {@code provider}, or {@link ModelProfile#EMPTY} when the catalog lacks it. */
    public static ModelProfile find(String provider, String modelName) {
        JsonNode models = Catalog.JSON.path("providers").path(provider);
        if (models.isMissingNode() || modelName == null) {
            return ModelProfile.EMPTY;
        }
        return entry(models, modelName)
                .or(() -> withoutIdPrefix(provider, modelName).flatMap(name -> entry(models, name)))
                .map(ModelProfiles::profile)
                .orElse(ModelProfile.EMPTY);
    }

    private static Optional<JsonNode> entry(JsonNode models, String name) {
        JsonNode exact = models.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        String undated = DATE_SUFFIX.matcher(name).replaceFirst("");
        return undated.equals(name) ? Optional.empty() : Optional.ofNullable(models.get(undated));
    }

    private static Optional<String> withoutIdPrefix(String provider, String modelName) {
        for (JsonNode prefix : Catalog.JSON.path("id_prefixes").path(provider)) {
            if (modelName.startsWith(prefix.asText())) {
                return Optional.of(modelName.substring(prefix.asText().length()));
            }
        }
        return Optional.empty();
    }

    private static ModelProfile profile(JsonNode entry) {
        Map<String, Object> values = new LinkedHashMap<>();
        entry.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            values.put(field.getKey(), value.isBoolean() ? value.booleanValue()
                    : value.isNumber() ? value.numberValue() : value.asText());
        });
        return ModelProfile.of(values);
    }

    /** Read once, on first use. */
    private static final class Catalog {

        static final JsonNode JSON = read();

        private static JsonNode read() {
            try (InputStream in = ModelProfiles.class.getResourceAsStream("/" + RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("The model profile catalog " + RESOURCE + " is missing");
                }
                return Jackson.MAPPER.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the model profile catalog " + RESOURCE, e);
            }
        }
    }
}
