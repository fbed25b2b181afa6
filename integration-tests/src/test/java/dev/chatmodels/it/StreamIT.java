package dev.chatmodels.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link StreamTest} against the packaged app, started as its own process. */
@QuarkusIntegrationTest
class StreamIT extends StreamTest {
}
