package dev.chatmodels.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link InvokeTest} against the packaged app, started as its own process. */
@QuarkusIntegrationTest
class InvokeIT extends InvokeTest {
}
