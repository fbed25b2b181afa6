package dev.chatmodels.functions.knative;

import dev.chatmodels.functions.testing.HttpTrafficTest;
import dev.chatmodels.functions.testing.StandInModels;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HttpTrafficTest} against the packaged app. */
@QuarkusIntegrationTest
@WithTestResource(StandInModels.class)
class KnativeHttpTrafficIT extends HttpTrafficTest {
}
