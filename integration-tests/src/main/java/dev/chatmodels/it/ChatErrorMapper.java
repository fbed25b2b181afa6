package dev.chatmodels.it;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.chatmodels.error.ChatModelException;

/** A failed model call answers 502 Bad Gateway with the error's details as JSON. */
public class ChatErrorMapper {

    @ServerExceptionMapper
    public RestResponse<ErrorView> map(ChatModelException error) {
        return RestResponse.ResponseBuilder.create(Response.Status.BAD_GATEWAY, ErrorView.of(error))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
