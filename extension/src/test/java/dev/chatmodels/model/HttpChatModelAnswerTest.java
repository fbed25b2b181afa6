package dev.chatmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.error.StreamInterruptedException;
import dev.chatmodels.transport.HeaderView;
import dev.chatmodels.transport.HttpResult;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Answers that arrive but are not whole answers fail with the provider error that says what they are. */
class HttpChatModelAnswerTest {

    private static HttpChatModel model(FakeChatTransport transport) {
        return HttpChatModel.builder(FakeChatCodec.PROVIDER).transport(transport).apiKey("key")
                .settings(ModelSettings.of("fake-1")).build();
    }

    @Test
    void anAnswerWithoutABodyIsAnInvalidResponse() {
        for (int status : new int[] { 200, 204 }) {
            FakeChatTransport transport = FakeChatTransport
                    .posting(call -> Uni.createFrom().item(new HttpResult(status, HeaderView.NONE, "")));
            ProviderServerException error = assertThrows(ProviderServerException.class,
                    () -> model(transport).invokeAsync("hi").await().atMost(Duration.ofSeconds(10)));
            assertEquals(ProviderError.INVALID_RESPONSE, error.errorType());
            assertEquals("The answer (HTTP " + status + ") has no body", error.providerMessage());
        }
    }

    @Test
    void aStreamEndingBeforeItsFinalEventIsAnIncompleteResponse() {
        FakeChatTransport empty = FakeChatTransport.streaming(call -> Multi.createFrom().empty());
        ProviderServerException error = assertThrows(ProviderServerException.class,
                () -> model(empty).stream("hi").collect().asList().await().atMost(Duration.ofSeconds(10)));
        assertEquals(ProviderError.INCOMPLETE_RESPONSE, error.errorType());
        assertTrue(error.isRetryable());

        FakeChatTransport cut = FakeChatTransport.streaming(call -> Multi.createFrom().item(FakeChatCodec.text("Hel")));
        StreamInterruptedException interrupted = assertThrows(StreamInterruptedException.class,
                () -> model(cut).stream("hi").collect().asList().await().atMost(Duration.ofSeconds(10)));
        assertEquals("Hel", interrupted.received().text());
        ProviderServerException cause = assertInstanceOf(ProviderServerException.class, interrupted.getCause());
        assertEquals(ProviderError.INCOMPLETE_RESPONSE, cause.errorType());
        assertTrue(cause.getMessage().contains("fake-1 ended its stream before the final event"), cause.getMessage());
    }
}
