package dev.chatmodels.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link BatchTest} against the packaged app, started as its own process. */
@QuarkusIntegrationTest
class BatchIT extends BatchTest {
}
