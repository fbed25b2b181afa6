package dev.chatmodels.quarkus.deployment.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chatmodels.callback.ChatCallback;
import dev.chatmodels.callback.RunInfo;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.quarkus.deployment.StandInConfigSource;
import dev.chatmodels.quarkus.runtime.ChatModels;
import dev.chatmodels.quarkus.runtime.ModelName;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.Reply;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application's {@link ChatCallback} beans hear every model's calls, configured or made in code, without touching
 * a call site; and an application without Micrometer and OpenTelemetry gets neither the metrics nor the tracing
 * callback, nor any Micrometer class.
 */
class AppCallbacksTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(StandInConfigSource.class, Audit.class)
                    .addAsServiceProvider(ConfigSource.class, StandInConfigSource.class))
            .overrideConfigKey("quarkus.chat-models.model", "openai:gpt-4.1-mini")
            .overrideConfigKey("quarkus.chat-models.api-key", "sk-test-0123456789")
            .overrideConfigKey("quarkus.chat-models.max-retries", "0")
            .overrideConfigKey("quarkus.chat-models.claude.model", "anthropic:claude-haiku-4-5")
            .overrideConfigKey("quarkus.chat-models.claude.api-key", "sk-ant-test-0123456789")
            .overrideConfigKey("quarkus.chat-models.claude.max-retries", "0")
            .overrideRuntimeConfigKey("quarkus.chat-models.base-url", "${stand-in.url}/v1")
            .overrideRuntimeConfigKey("quarkus.chat-models.claude.base-url", "${stand-in.url}/anthropic/v1");

    /** The application's audit: what it heard, one line per event. */
    @ApplicationScoped
    public static class Audit implements ChatCallback {
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());

        /** Through a method: the test holds a client proxy, whose fields are not the bean's. */
        List<String> events() {
            return events;
        }

        @Override
        public void onStart(RunInfo run, List<Message> messages) {
            events.add("start " + run.configuredName() + " " + run.provider() + ":" + run.modelName());
        }

        @Override
        public void onEnd(RunInfo run, AIMessage message) {
            events.add("end " + run.configuredName());
        }

        @Override
        public void onError(RunInfo run, Throwable error) {
            events.add("error " + run.configuredName() + " " + error.getClass().getSimpleName());
        }
    }

    @Inject
    ChatModel openAi;

    @Inject
    @ModelName("claude")
    ChatModel claude;

    @Inject
    ChatModels models;

    @Inject
    Audit audit;

    private final ProviderStandIn standIn = StandInConfigSource.standIn();

    @BeforeEach
    void reset() {
        standIn.reset();
        audit.events().clear();
    }

    @AfterAll
    static void stopStandIn() {
        StandInConfigSource.stop();
    }

    @Test
    void everyModelReportsToTheApplicationsCallbackBeans() {
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "text_nonstream.response.json"),
                Reply.fromFixture("openai-chat", "text_nonstream.response.json"));
        standIn.enqueue("/anthropic/v1/messages", Reply.fromFixture("anthropic", "error_401_authentication.response.json"));
        String url = ConfigProvider.getConfig().getValue("stand-in.url", String.class);

        openAi.invoke("Hello");
        assertThrows(RuntimeException.class, () -> claude.invoke("Hello"));
        models.init("openai:gpt-4.1-nano", Map.of("api_key", "sk-test-0123456789", "base_url", url + "/v1"))
                .invoke("Hello");

        assertEquals(List.of("start <default> openai:gpt-4.1-mini", "end <default>",
                "start claude anthropic:claude-haiku-4-5", "error claude AuthenticationException",
                "start null openai:gpt-4.1-nano", "end null"), audit.events());
    }

    @Test
    void withoutMicrometerAndOpenTelemetryTheOnlyCallbackIsTheApplicationsOwn() {
        assertEquals(List.of(Audit.class.getName()), Arc.container().beanManager().getBeans(ChatCallback.class).stream()
                .map(bean -> bean.getBeanClass().getName()).toList());
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.micrometer.core.instrument.MeterRegistry",
                false, Thread.currentThread().getContextClassLoader()));
    }
}
