package dev.chatmodels.transport;

import java.util.List;

/**
 * The headers of an answer, looked up by name in any case. A view, not a copy: a transport hands over the headers it
 * received as they are, and nothing is copied or lower-cased unless a header is asked for.
 */
@FunctionalInterface
public interface HeaderView {

    /** No headers. */
    HeaderView NONE = name -> List.of();

    /** The values of the header {@code name} (any case), in the order received; empty when there is none. */
    List<String> all(String name);
}
