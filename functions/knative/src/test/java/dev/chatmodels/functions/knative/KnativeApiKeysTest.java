package dev.chatmodels.functions.knative;

import dev.chatmodels.functions.testing.ApiKeysTest;
import dev.chatmodels.functions.testing.StandInModels;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Client API keys on the Knative app; without them, {@link KnativeChatApiTest} shows the API open. */
@QuarkusTest
@TestProfile(ApiKeysTest.WithApiKeys.class)
@WithTestResource(StandInModels.class)
class KnativeApiKeysTest extends ApiKeysTest {
}
