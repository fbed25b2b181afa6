package dev.chatmodels.functions.knative;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link CloudEventsTest} against the packaged app. */
@QuarkusIntegrationTest
class CloudEventsIT extends CloudEventsTest {
}
