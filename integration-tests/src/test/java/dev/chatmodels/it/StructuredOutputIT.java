package dev.chatmodels.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link StructuredOutputTest} against the packaged app, started as its own process. */
@QuarkusIntegrationTest
class StructuredOutputIT extends StructuredOutputTest {
}
