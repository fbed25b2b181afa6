package dev.chatmodels.provider;

import java.util.Locale;

/**
 * A model named the way users write it: {@code "provider:model"} (the provider by its name or an alias, kept as its
 * name), or a bare model name whose provider is inferred from
 * a known prefix ({@code gpt-} and {@code o1}/{@code o3}/{@code o4} are OpenAI's, {@code claude} Anthropic's...).
 */
public record ModelReference(String provider, String modelName) {

    /**
     * Reads a model reference.
     *
     * @param model {@code "provider:model"} or a bare model name
     * @param explicitProvider a provider given separately, or {@code null}; it wins over inference
     * @throws IllegalArgumentException when no provider is given and none can be inferred
     */
    public static ModelReference parse(String model, String explicitProvider) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("No model name given");
        }
        String trimmed = model.trim();
        int colon = trimmed.indexOf(':');
        if (colon > 0 && ProviderRegistry.isKnown(trimmed.substring(0, colon).toLowerCase(Locale.ROOT))) {
            return new ModelReference(ProviderRegistry.canonicalName(trimmed.substring(0, colon).toLowerCase(Locale.ROOT)),
                    trimmed.substring(colon + 1));
        }
        if (explicitProvider != null && !explicitProvider.isBlank()) {
            return new ModelReference(ProviderRegistry.canonicalName(explicitProvider.trim().toLowerCase(Locale.ROOT)),
                    trimmed);
        }
        return ProviderRegistry.inferProvider(trimmed)
                .map(provider -> new ModelReference(provider, trimmed))
                .orElseThrow(() -> new IllegalArgumentException("Cannot tell the provider of model '" + trimmed
                        + "': write it as 'provider:model' (e.g. 'openai:" + trimmed
                        + "') or set the provider; known providers: "
                        + String.join(", ", ProviderRegistry.names())));
    }

    @Override
    public String toString() {
        return provider + ":" + modelName;
    }
}
