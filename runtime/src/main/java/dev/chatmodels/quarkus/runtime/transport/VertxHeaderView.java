package dev.chatmodels.quarkus.runtime.transport;

import java.util.List;

import dev.chatmodels.transport.HeaderView;
import io.vertx.core.MultiMap;

/** The headers of a Vert.x answer as they are: Vert.x looks names up in any case. */
record VertxHeaderView(MultiMap headers) implements HeaderView {

    @Override
    public List<String> all(String name) {
        return headers.getAll(name);
    }
}
