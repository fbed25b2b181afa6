package dev.chatmodels.tool;

/**
 * Which tools the model may or must call: {@link #AUTO} (it decides), {@link #ANY} (it must call one, OpenAI's
 * {@code required}), {@link #NONE} (it must not), or one named tool.
 */
public record ToolChoice(Mode mode, String toolName) {

    public enum Mode {
        AUTO,
        ANY,
        NONE,
        TOOL
    }

    public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
    public static final ToolChoice ANY = new ToolChoice(Mode.ANY, null);
    public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);

    public static ToolChoice tool(String name) {
        return new ToolChoice(Mode.TOOL, name);
    }

    /** Reads {@code auto}, {@code any}, {@code required}, {@code none}, or a tool name. */
    public static ToolChoice parse(String value) {
        return switch (value) {
            case "auto" -> AUTO;
            case "any", "required" -> ANY;
            case "none" -> NONE;
            default -> tool(value);
        };
    }
}
