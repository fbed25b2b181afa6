package dev.chatmodels.functions.knative;

import dev.chatmodels.functions.testing.ChatApiTest;
import dev.chatmodels.functions.testing.StandInModels;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The OpenAI-compatible API of the Knative app. */
@QuarkusTest
@WithTestResource(StandInModels.class)
class KnativeChatApiTest extends ChatApiTest {
}
