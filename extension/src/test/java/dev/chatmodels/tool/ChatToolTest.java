package dev.chatmodels.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.schema.Description;
import io.smallrye.mutiny.Uni;

class ChatToolTest {

    @Description("Gets the weather of a city")
    record Weather(@Description("The city") String city, Optional<String> unit) {
    }

    record Forecast(String city, int celsius, LocalDate day) {
    }

    @Test
    void aRecordToolDescribesItsArgumentsAndRunsOnThemBound() {
        ChatTool tool = ChatTool.fromRecord(Weather.class, null,
                weather -> new Forecast(weather.city(), weather.unit().isPresent() ? 70 : 21, LocalDate.of(2025, 6, 1)));

        assertEquals("Weather", tool.name());
        assertEquals("Gets the weather of a city", tool.specification().description());
        assertEquals("The city", tool.specification().parameters().at("/properties/city/description").asText());
        assertTrue(tool.specification().parameters().path("description").isMissingNode(),
                "the description describes the tool, not its arguments");

        ToolMessage result = tool.call(new ToolCall("call_1", "Weather", Map.of("city", "Paris")));
        assertEquals("call_1", result.toolCallId());
        assertEquals(ToolMessage.Status.SUCCESS, result.status());
        assertEquals("Weather", result.name());
        assertEquals("{\"city\":\"Paris\",\"celsius\":21,\"day\":\"2025-06-01\"}", result.text());
    }

    @Test
    void aStrictToolAsksForStrictArgumentsButStillAcceptsOptionalOnesLeftOut() {
        ChatTool plain = ChatTool.fromRecord(Weather.class, null, weather -> weather.city());
        assertNull(plain.specification().strict(), "the provider's default unless asked");

        ChatTool strict = plain.strict();
        assertEquals(Boolean.TRUE, strict.specification().strict());
        assertEquals(plain.specification().parameters(), strict.specification().parameters());
        ToolMessage result = strict.call(new ToolCall("call_1", "Weather", Map.of("city", "Paris")));
        assertEquals(ToolMessage.Status.SUCCESS, result.status());
        assertEquals("Paris", result.text());
        assertEquals(ToolMessage.Status.ERROR, strict.call(new ToolCall("call_2", "Weather", Map.of())).status(),
                "arguments are still checked");
    }

    @Test
    void textResultsStayTextAndContentBlocksStayBlocks() {
        ChatTool text = ChatTool.fromSchema("echo", "Echoes", Map.of("type", "object"), args -> "said " + args.get("x"));
        assertEquals("said hi", text.call(new ToolCall("c", "echo", Map.of("x", "hi"))).text());

        TextBlock block = TextBlock.of("a block");
        ChatTool blocks = ChatTool.fromSchema("blocks", null, "{\"type\": \"object\"}", args -> List.of(block));
        assertEquals(List.of(block), blocks.call(new ToolCall("c", "blocks", Map.of())).content());

        ChatTool nothing = ChatTool.fromSchema("nothing", null, "{\"type\": \"object\"}", args -> null);
        assertEquals("null", nothing.call(new ToolCall("c", "nothing", Map.of())).text());
    }

    @Test
    void asynchronousResultsAreAwaited() {
        ChatTool uni = ChatTool.fromSchema("uni", null, "{\"type\": \"object\"}", args -> Uni.createFrom().item(42));
        assertEquals("42", uni.call(new ToolCall("c", "uni", Map.of())).text());
        ChatTool stage = ChatTool.fromSchema("stage", null, "{\"type\": \"object\"}",
                args -> CompletableFuture.failedFuture(new IllegalStateException("backend down")));
        ToolMessage failed = stage.call(new ToolCall("c", "stage", Map.of()));
        assertEquals(ToolMessage.Status.ERROR, failed.status());
        assertEquals("Error: backend down", failed.text());
    }

    @Test
    void aThrowingToolBecomesAnErrorMessageTheModelCanRead() {
        ChatTool tool = ChatTool.fromRecord(Weather.class, "Weather", weather -> {
            throw new IllegalArgumentException("Unknown city " + weather.city());
        });
        ToolMessage result = tool.call(new ToolCall("call_9", "Weather", Map.of("city", "Atlantis")));
        assertEquals(ToolMessage.Status.ERROR, result.status());
        assertEquals("call_9", result.toolCallId());
        assertEquals("Error: Unknown city Atlantis", result.text());
    }

    @Test
    void argumentsThatBreakTheSchemaAreReportedWithoutRunningTheTool() {
        boolean[] ran = { false };
        ChatTool tool = ChatTool.fromRecord(Weather.class, "Weather", weather -> ran[0] = true);
        ToolMessage missing = tool.call(new ToolCall("c1", "Weather", Map.of("unit", "F")));
        assertEquals(ToolMessage.Status.ERROR, missing.status());
        assertEquals("Error: invalid arguments for tool Weather: $.city: required property is missing", missing.text());
        ToolMessage wrongType = tool.call(new ToolCall("c2", "Weather", Map.of("city", 12)));
        assertEquals("Error: invalid arguments for tool Weather: $.city: expected string, got number 12", wrongType.text());
        assertEquals(false, ran[0]);
    }

    public static class Calendar {
        @Tool("Books a meeting room")
        public String book(@Description("Room name") String room, LocalDate day, Optional<Integer> hours) {
            return room + " on " + day + " for " + hours.orElse(1) + "h";
        }

        @Tool(name = "cancel_booking", value = "Cancels a booking")
        public void cancel(String room) {
            throw new IllegalStateException("Room " + room + " was not booked");
        }

        public String notATool() {
            return "";
        }
    }

    @Test
    void annotatedMethodsBecomeTools() {
        List<ChatTool> tools = ChatTool.fromMethods(new Calendar());
        assertEquals(List.of("book", "cancel_booking"), tools.stream().map(ChatTool::name).toList());
        ChatTool book = tools.get(0);
        assertEquals("Books a meeting room", book.specification().description());
        assertEquals("Room name", book.specification().parameters().at("/properties/room/description").asText());
        assertEquals("[\"room\",\"day\"]", book.specification().parameters().get("required").toString());

        assertEquals("Blue on 2025-03-04 for 1h",
                book.call(new ToolCall("c", "book", Map.of("room", "Blue", "day", "2025-03-04"))).text());
        assertEquals("Blue on 2025-03-04 for 3h",
                book.call(new ToolCall("c", "book", Map.of("room", "Blue", "day", "2025-03-04", "hours", 3))).text());
        ToolMessage badDate = book.call(new ToolCall("c", "book", Map.of("room", "Blue", "day", "tomorrow")));
        assertEquals(ToolMessage.Status.ERROR, badDate.status());
        assertTrue(badDate.text().startsWith("Error: invalid arguments for tool book: argument 'day' is not a valid"),
                badDate.text());

        ToolMessage cancelled = tools.get(1).call(new ToolCall("c", "cancel_booking", Map.of("room", "Red")));
        assertEquals("Error: Room Red was not booked", cancelled.text());
    }

    /** What a CDI client proxy looks like: a subclass overriding the methods, without their annotations. */
    public static class CalendarProxy extends Calendar {
        @Override
        public String book(String room, LocalDate day, Optional<Integer> hours) {
            return "proxied " + super.book(room, day, hours);
        }
    }

    @Test
    void annotatedMethodsOfSuperclassesCountSoProxiesWork() {
        List<ChatTool> tools = ChatTool.fromMethods(new CalendarProxy());
        assertEquals(List.of("book", "cancel_booking"), tools.stream().map(ChatTool::name).toList());
        assertEquals("proxied Blue on 2025-03-04 for 1h",
                tools.get(0).call(new ToolCall("c", "book", Map.of("room", "Blue", "day", "2025-03-04"))).text());
    }

    @Test
    void toolSetsAcceptEveryToolForm() {
        ChatTool weather = ChatTool.fromRecord(Weather.class, "w", w -> "sunny");
        ToolSet set = ToolSet.of(List.of(weather, ToolSpecification.of("lookup", "Looks up", null),
                Map.of("type", "web_search"), Forecast.class, new Calendar()));
        assertEquals(List.of("Weather", "lookup", "web_search", "Forecast", "book", "cancel_booking"),
                set.specifications().stream().map(ToolSpecification::name).toList());
        assertTrue(set.specifications().get(2).isBuiltIn());
        assertNull(set.specifications().get(3).description());
        assertEquals(List.of("Weather", "book", "cancel_booking"), set.executables().stream().map(ChatTool::name).toList());

        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
                () -> ToolSet.of(List.of(weather, weather)));
        assertEquals("Two tools are named Weather: tool names must be unique within one model", duplicate.getMessage());
        IllegalArgumentException notATool = assertThrows(IllegalArgumentException.class, () -> ToolSet.of(List.of("text")));
        assertTrue(notATool.getMessage().startsWith("text is not a tool"), notATool.getMessage());
        IllegalArgumentException unknownChoice = assertThrows(IllegalArgumentException.class,
                () -> set.checkChoice(ToolChoice.tool("missing")));
        assertTrue(unknownChoice.getMessage().contains("names missing, which is not bound"), unknownChoice.getMessage());
        assertInstanceOf(IllegalArgumentException.class, assertThrows(IllegalArgumentException.class,
                () -> ChatTool.of(ToolSpecification.builtIn(Map.of("type", "web_search")), args -> "")));
    }
}
