package dev.chatmodels.functions.knative;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link KnativeKeyEchoTest} against the packaged app: its log file is the packaged app's. */
@QuarkusIntegrationTest
class KnativeKeyEchoIT extends KnativeKeyEchoTest {
}
