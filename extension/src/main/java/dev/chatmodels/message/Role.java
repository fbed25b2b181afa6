package dev.chatmodels.message;

import java.util.Locale;

/** The author of a message, with the names its dictionary form accepts. */
public enum Role {
    SYSTEM("system", "developer"),
    HUMAN("user", "human"),
    AI("assistant", "ai"),
    TOOL("tool");

    private final String wireName;
    private final String[] aliases;

    Role(String wireName, String... aliases) {
        this.wireName = wireName;
        this.aliases = aliases;
    }

    /** The OpenAI-style role name: system, user, assistant or tool. */
    public String wireName() {
        return wireName;
    }

    /** Reads a role name: OpenAI's ({@code user}, {@code assistant}, ...) or LangChain's ({@code human}, {@code ai}). */
    public static Role fromName(String name) {
        String normalized = name == null ? "" : name.toLowerCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.wireName.equals(normalized)) {
                return role;
            }
            for (String alias : role.aliases) {
                if (alias.equals(normalized)) {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException("Unknown message role '" + name
                + "': use one of system, developer, user, human, assistant, ai, tool");
    }
}
