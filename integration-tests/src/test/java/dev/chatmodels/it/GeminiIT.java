package dev.chatmodels.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link GeminiTest} against the packaged app, started as its own process. */
@QuarkusIntegrationTest
class GeminiIT extends GeminiTest {
}
