package dev.chatmodels.tool;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.model.BlockingCall;
import dev.chatmodels.schema.JsonSchemaValidator;
import dev.chatmodels.schema.JsonSchemas;
import dev.chatmodels.schema.SchemaViolation;
import io.smallrye.mutiny.Uni;

/**
 * A tool the application can run: the {@link ToolSpecification} the model sees plus the function that runs it. Bind
 * tools with {@code ChatModel.bindTools}; {@link ToolLoop} runs them when the model asks.
 * <p>
 * Running a tool never throws: the result becomes a {@link ToolMessage} answering the call's id, and a failure (an
 * exception, arguments that do not fit) becomes an error tool message whose text the model reads and can act on.
 * Arguments of tools made from a record or from methods are checked against their generated schema first.
 */
public final class ChatTool {

    private final ToolSpecification specification;
    private final ToolFunction<Map<String, Object>> function;
    private final boolean validatesArguments;

    private ChatTool(ToolSpecification specification, ToolFunction<Map<String, Object>> function,
            boolean validatesArguments) {
        this.specification = Objects.requireNonNull(specification, "specification");
        this.function = Objects.requireNonNull(function, "function");
        this.validatesArguments = validatesArguments;
        if (specification.isBuiltIn()) {
            throw new IllegalArgumentException("Tool " + specification.name()
                    + " is a provider built-in tool: the provider runs it, bind its ToolSpecification or Map directly");
        }
    }

    /** A tool with this specification, running {@code function} on the arguments as the model sends them. */
    public static ChatTool of(ToolSpecification specification, ToolFunction<Map<String, Object>> function) {
        return new ChatTool(specification, function, false);
    }

    /** A tool whose arguments are described by a raw JSON Schema (an object schema, as text). */
    public static ChatTool fromSchema(String name, String description, String jsonSchema,
            ToolFunction<Map<String, Object>> function) {
        return of(ToolSpecification.of(name, description, JsonSchemas.parse(jsonSchema)), function);
    }

    /** A tool whose arguments are described by a Map-shaped JSON Schema. */
    public static ChatTool fromSchema(String name, String description, Map<String, ?> jsonSchema,
            ToolFunction<Map<String, Object>> function) {
        return of(ToolSpecification.of(name, description, JsonSchemas.fromMap(jsonSchema)), function);
    }

    /**
     * A tool named after {@code arguments}' simple name whose arguments are the fields of that record or class; the
     * function receives them bound to an instance. A {@code null} description uses the type's
     * {@link dev.chatmodels.schema.Description}.
     */
    public static <T> ChatTool fromRecord(Class<T> arguments, String description, ToolFunction<? super T> function) {
        return fromRecord(arguments.getSimpleName(), arguments, description, function);
    }

    /** As {@link #fromRecord(Class, String, ToolFunction)}, with the tool's name. */
    public static <T> ChatTool fromRecord(String name, Class<T> arguments, String description,
            ToolFunction<? super T> function) {
        ToolSpecification specification = specificationOf(name, arguments, description);
        return new ChatTool(specification, args -> function.apply(bind(args, arguments)), true);
    }

    /**
     * The specification of a tool whose arguments are the fields of {@code arguments}, e.g. for a tool the model
     * calls but the application handles itself. A {@code null} description uses the type's description.
     */
    public static ToolSpecification specificationOf(String name, Class<?> arguments, String description) {
        ObjectNode schema = JsonSchemas.ofObject(arguments);
        String typeDescription = schema.has("description") ? schema.remove("description").asText() : null;
        return ToolSpecification.of(name, description != null ? description : typeDescription, schema);
    }

    /**
     * One tool per public {@link Tool}-annotated method of {@code target}'s class and superclasses (sorted by name),
     * found by reflection; the annotations of a superclass count, so a CDI proxy or subclass of the bean works too. In a
     * Quarkus application, prefer the beans' tools found at build time ({@code ToolBeans}, or
     * {@code quarkus.chat-models.tools}).
     */
    public static List<ChatTool> fromMethods(Object target) {
        Map<String, Method> methods = new TreeMap<>();
        for (Class<?> type = target.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                int modifiers = method.getModifiers();
                if (method.isAnnotationPresent(Tool.class) && Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers)) {
                    methods.putIfAbsent(method.getName() + Arrays.toString(method.getParameterTypes()), method);
                }
            }
        }
        List<ChatTool> tools = new ArrayList<>();
        for (Method method : methods.values()) {
            Tool annotation = method.getAnnotation(Tool.class);
            ToolSpecification specification = ToolSpecification.of(
                    annotation.name().isEmpty() ? method.getName() : annotation.name(),
                    annotation.value().isEmpty() ? null : annotation.value(), JsonSchemas.ofParameters(method));
            MethodArguments parameters = MethodArguments.of(method);
            tools.add(new ChatTool(specification, args -> invoke(method, target, parameters.bind(args)), true));
        }
        return tools;
    }

    /** A copy of this tool that checks the arguments against its specification's schema before running. */
    public ChatTool validatingArguments() {
        return new ChatTool(specification, function, true);
    }

    /**
     * A copy of this tool that asks for strict arguments where the provider supports it (OpenAI); the arguments are
     * still checked against the tool's own schema, so providers without a strict mode may leave optional ones out.
     */
    public ChatTool strict() {
        return new ChatTool(specification.withStrict(true), function, validatesArguments);
    }

    public ToolSpecification specification() {
        return specification;
    }

    public String name() {
        return specification.name();
    }

    /**
     * Runs the tool on the calling thread and returns the tool message answering {@code call}. Not allowed on an
     * event-loop thread: use {@link #callAsync} there.
     */
    public ToolMessage call(ToolCall call) {
        BlockingCall.requireAllowed("ChatTool.call()", "callAsync(call, executor)");
        return callAsync(call, Runnable::run).await().indefinitely();
    }

    /** Runs the tool on {@code executor} and delivers the tool message answering {@code call}; never fails. */
    public Uni<ToolMessage> callAsync(ToolCall call, Executor executor) {
        return Uni.createFrom().item(() -> start(call.args()))
                .runSubscriptionOn(executor)
                .chain(ChatTool::await)
                .map(result -> success(call, result))
                .onFailure().recoverWithItem(failure -> failure(call, failure));
    }

    private Object start(Map<String, Object> args) {
        if (validatesArguments) {
            List<SchemaViolation> violations = JsonSchemaValidator.validate(specification.parameters(),
                    Jackson.MAPPER.valueToTree(args));
            if (!violations.isEmpty()) {
                throw new ToolArgumentsException(SchemaViolation.summary(violations));
            }
        }
        try {
            return function.apply(args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private static Uni<Object> await(Object result) {
        if (result instanceof Uni<?> uni) {
            return uni.map(Object.class::cast);
        }
        if (result instanceof CompletionStage<?> stage) {
            return Uni.createFrom().completionStage(stage).map(Object.class::cast);
        }
        return Uni.createFrom().item(result);
    }

    private ToolMessage success(ToolCall call, Object result) {
        return new ToolMessage(content(result), call.id(), ToolMessage.Status.SUCCESS, name(), null);
    }

    private ToolMessage failure(ToolCall call, Throwable failure) {
        Throwable cause = unwrap(failure);
        String reason = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        String text = cause instanceof ToolArgumentsException
                ? "Error: invalid arguments for tool " + name() + ": " + reason
                : "Error: " + reason;
        return new ToolMessage(Message.textContent(text), call.id(), ToolMessage.Status.ERROR, name(), null);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof InvocationTargetException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Text as it is, content blocks as they are, anything else (including {@code null}) as JSON text. */
    private static List<ContentBlock> content(Object result) {
        if (result instanceof String text) {
            return Message.textContent(text);
        }
        if (result instanceof ContentBlock block) {
            return List.of(block);
        }
        if (result instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(ContentBlock.class::isInstance)) {
            return list.stream().map(ContentBlock.class::cast).toList();
        }
        try {
            return Message.textContent(Jackson.VALUES.writeValueAsString(result));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The tool's result cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T bind(Map<String, Object> args, Class<T> type) {
        try {
            return Jackson.VALUES.convertValue(args, type);
        } catch (IllegalArgumentException e) {
            throw new ToolArgumentsException(e.getMessage(), e);
        }
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public String toString() {
        return "ChatTool[" + name() + "]";
    }
}
