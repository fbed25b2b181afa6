package dev.chatmodels.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link UsageTest} against the packaged app, started as its own process. */
@QuarkusIntegrationTest
class UsageIT extends UsageTest {
}
