package dev.chatmodels.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ErrorMappingTest} against the packaged app, started as its own process. */
@QuarkusIntegrationTest
class ErrorMappingIT extends ErrorMappingTest {
}
