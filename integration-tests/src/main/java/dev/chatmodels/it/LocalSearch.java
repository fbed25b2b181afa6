package dev.chatmodels.it;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatmodels.schema.Description;
import dev.chatmodels.tool.Tool;

/**
 * Three search tools, bound to the default model by {@code quarkus.chat-models.tools=localSearch}. Each index answers
 * with its own tag and the query, so an answer shows which tool produced it.
 */
@ApplicationScoped
public class LocalSearch {

    @Tool(name = "parallel_local_search_one", value = "Local search tool #1 for concurrency testing.")
    public String one(@Description("Search query") String query) {
        return "[one] " + query;
    }

    @Tool(name = "parallel_local_search_two", value = "Local search tool #2 for concurrency testing.")
    public String two(@Description("Search query") String query) {
        return "[two] " + query;
    }

    @Tool(name = "parallel_local_search_three", value = "Local search tool #3 for concurrency testing.")
    public String three(@Description("Search query") String query) {
        return "[three] " + query;
    }
}
