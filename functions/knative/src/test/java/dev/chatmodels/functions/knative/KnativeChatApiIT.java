package dev.chatmodels.functions.knative;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link KnativeChatApiTest} against the packaged app, {@code target/quarkus-app/quarkus-run.jar}. */
@QuarkusIntegrationTest
class KnativeChatApiIT extends KnativeChatApiTest {
}
