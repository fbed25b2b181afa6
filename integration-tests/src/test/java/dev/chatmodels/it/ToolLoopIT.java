package dev.chatmodels.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ToolLoopTest} against the packaged app, started as its own process. */
@QuarkusIntegrationTest
class ToolLoopIT extends ToolLoopTest {
}
