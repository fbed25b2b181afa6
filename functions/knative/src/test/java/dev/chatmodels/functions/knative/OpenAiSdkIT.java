package dev.chatmodels.functions.knative;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OpenAiSdkTest} against the packaged app. */
@QuarkusIntegrationTest
class OpenAiSdkIT extends OpenAiSdkTest {
}
