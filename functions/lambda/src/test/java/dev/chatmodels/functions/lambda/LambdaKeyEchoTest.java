package dev.chatmodels.functions.lambda;

import dev.chatmodels.functions.testing.KeyEchoModels;
import dev.chatmodels.functions.testing.KeyEchoTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Key echoes through the Lambda app, whose streamed answers are sent in one piece. */
@QuarkusTest
@WithTestResource(KeyEchoModels.class)
class LambdaKeyEchoTest extends KeyEchoTest {
}
