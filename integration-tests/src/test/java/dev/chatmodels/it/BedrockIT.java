package dev.chatmodels.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link BedrockTest} against the packaged app, started as its own process. */
@QuarkusIntegrationTest
class BedrockIT extends BedrockTest {
}
