package dev.chatmodels.functions.lambda;

import dev.chatmodels.functions.testing.ApiKeysTest;
import dev.chatmodels.functions.testing.StandInModels;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Client API keys on the Lambda app, checked on the HTTP events the function receives. */
@QuarkusTest
@TestProfile(ApiKeysTest.WithApiKeys.class)
@WithTestResource(StandInModels.class)
class LambdaApiKeysTest extends ApiKeysTest {
}
