package dev.chatmodels.it;

import dev.chatmodels.schema.Description;

/** Where a weather question is about, read from the arguments of the model's call of {@code get_weather}. */
@Description("Get the current weather in a given location")
public record WeatherQuery(@Description("The city and state, e.g. San Francisco, CA") String location) {
}
