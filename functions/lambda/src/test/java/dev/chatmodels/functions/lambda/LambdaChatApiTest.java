package dev.chatmodels.functions.lambda;

import dev.chatmodels.functions.testing.ChatApiTest;
import dev.chatmodels.functions.testing.StandInModels;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAI-compatible API of the Lambda app: each request goes through Quarkus' Lambda mock event server, which
 * turns it into an API Gateway HTTP event for the function and its answer back into HTTP.
 */
@QuarkusTest
@WithTestResource(StandInModels.class)
class LambdaChatApiTest extends ChatApiTest {
}
