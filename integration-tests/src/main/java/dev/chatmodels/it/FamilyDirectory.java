package dev.chatmodels.it;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatmodels.tool.Tool;

/** What the app knows about a family's members, as a tool of the {@code claude} model ({@code tools=familyDirectory}). */
@ApplicationScoped
public class FamilyDirectory {

    private static final Map<String, String> FACTS = Map.of(
            "Alice", "alice is bob's wife",
            "Bob", "bob is alice's husband",
            "Charlie", "charlie is alice's son",
            "Daisy", "daisy is bob's daughter and charlie's younger sister");

    @Tool(name = "retrieve_entity_info", value = "Get the knowledge about the given entity.")
    public String retrieveEntityInfo(String name) {
        String fact = FACTS.get(name);
        if (fact == null) {
            // the loop turns this into an error tool message the model can read
            throw new IllegalArgumentException("Nobody called " + name + " is known; known: " + FACTS.keySet());
        }
        return fact;
    }
}
