package dev.chatmodels.quarkus.runtime.devui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.chatmodels.callback.RunEvent;
import dev.chatmodels.error.SecretRedactor;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.MessageJson;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.provider.ProviderRegistry;
import dev.chatmodels.quarkus.runtime.ChatModels;
import dev.chatmodels.quarkus.runtime.config.ChatModelsConfig;
import dev.chatmodels.quarkus.runtime.config.ModelConfig;
import dev.chatmodels.quarkus.runtime.tool.ToolBeans;
import dev.chatmodels.tool.ChatTool;
import io.smallrye.mutiny.Multi;

/**
 * The Dev UI's view of the chat models (dev mode only): every configured model with its settings (never a key), the
 * {@code @Tool} beans with their schemas, and a playground that streams a conversation's events. Everything it returns
 * goes through the redactor of every configured secret.
 */
public class ChatModelsJsonRpcService {

    private final ChatModels models;
    private final ChatModelsConfig config;
    private final ToolBeans tools;
    private final SecretRedactor redactor;

    public ChatModelsJsonRpcService(ChatModels models, ChatModelsConfig config, ToolBeans tools) {
        this.models = models;
        this.config = config;
        this.tools = tools;
        this.redactor = models.redactor(List.of());
    }

    /** The configured models: name, provider, model, base URL, rate limit, retries, fallbacks, tools, profile. */
    public List<Map<String, Object>> getModels() {
        List<Map<String, Object>> result = new ArrayList<>();
        for (String name : models.names()) {
            ModelConfig model = config.models().get(ChatModelsConfig.key(name));
            ChatModel chat = models.get(name);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("provider", chat.provider());
            row.put("model", chat.modelName());
            row.put("baseUrl", model.baseUrl().orElseGet(
                    () -> ProviderRegistry.find(chat.provider()).map(p -> p.defaultBaseUrl()).orElse("")));
            row.put("requestsPerSecond", model.rateLimit().requestsPerSecond().isPresent()
                    ? model.rateLimit().requestsPerSecond().getAsDouble()
                    : null);
            row.put("maxRetries", model.maxRetries());
            row.put("fallbacks", model.fallbacks().orElse(List.of()));
            row.put("tools", model.tools().orElse(List.of()));
            row.put("profile", chat.profile().asMap());
            result.add(row);
        }
        return redacted(result);
    }

    /** The beans with {@code @Tool} methods and each tool's name, description and argument schema. */
    public List<Map<String, Object>> getTools() {
        List<Map<String, Object>> result = new ArrayList<>();
        for (String bean : tools.beanNames()) {
            for (ChatTool tool : tools.of(bean)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("bean", bean);
                row.put("name", tool.specification().name());
                row.put("description", tool.specification().description());
                row.put("schema", tool.specification().parameters());
                result.add(row);
            }
        }
        return result;
    }

    /**
     * Streams the answer of model {@code name} to {@code conversation} (a JSON array of messages in any dictionary form)
     * as events: {@code start} (the request's messages), {@code token} (text and tool-call chunks as they arrive),
     * {@code end} (the answer with its usage and metadata), or {@code error} (the failure, secrets masked).
     */
    public Multi<Map<String, Object>> chat(String name, String conversation) {
        ChatModel model;
        List<dev.chatmodels.message.Message> messages;
        try {
            model = models.get(name);
            messages = MessageJson.listFromJson(Jackson.MAPPER.readTree(conversation));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return Multi.createFrom().item(error(e));
        }
        return model.streamEvents(messages, RunConfig.named("dev-ui")).map(this::event)
                .onFailure().recoverWithItem(this::error);
    }

    private Map<String, Object> event(RunEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (event.event()) {
            case RunEvent.CHAT_MODEL_START -> {
                out.put("type", "start");
                out.put("request", MessageJson.listToJson(
                        (List<? extends dev.chatmodels.message.Message>) event.data().get("input")));
            }
            case RunEvent.CHAT_MODEL_STREAM -> {
                AIMessageChunk chunk = (AIMessageChunk) event.data().get("chunk");
                out.put("type", "token");
                out.put("text", chunk.text());
                out.put("toolCallChunks", chunk.toolCallChunks());
            }
            case RunEvent.CHAT_MODEL_END -> {
                AIMessage answer = (AIMessage) event.data().get("output");
                out.put("type", "end");
                out.put("response", MessageJson.toJson(answer));
                out.put("usage", answer.usage());
            }
            default -> {
                // a model call has no other events; anything new is shown by its name alone
                out.put("type", event.event());
            }
        }
        return redacted(out);
    }

    private Map<String, Object> error(Throwable failure) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "error");
        out.put("error", redactor.redact(failure).toString());
        return out;
    }

    /** A copy with every configured secret masked wherever it appears: a provider may echo a key. */
    @SuppressWarnings("unchecked")
    private <T> T redacted(T value) {
        try {
            String json = redactor.redact(Jackson.VALUES.writeValueAsString(value));
            return (T) Jackson.VALUES.readValue(json, value.getClass());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a Dev UI answer", e);
        }
    }
}
