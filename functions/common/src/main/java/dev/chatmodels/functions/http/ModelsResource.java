package dev.chatmodels.functions.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.functions.chat.ModelCatalog;
import dev.chatmodels.json.Jackson;

/** {@code GET /v1/models}: the configured model names, in OpenAI's list format. */
@Path("/v1/models")
public class ModelsResource {

    private final ModelCatalog models;

    ModelsResource(ModelCatalog models) {
        this.models = models;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode list() {
        ObjectNode list = Jackson.MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String name : models.names()) {
            data.addObject()
                    .put("id", name)
                    .put("object", "model")
                    .put("created", 0)
                    .put("owned_by", models.get(name).provider());
        }
        return list;
    }
}
