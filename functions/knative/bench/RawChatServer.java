import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The floor of the start-up and memory figures (README "Performance"): the least a chat API can do, a Vert.x HTTP server
 * whose {@code POST /v1/chat/completions} reads the request as a Jackson tree, sends the model its messages with a
 * Vert.x client and answers the provider's JSON (or forwards each event of a stream, read as a tree, as it comes).
 * Run by {@code startup.py} as a plain {@code java -cp} process on the Knative app's own libraries.
 * Arguments: port, provider base URL (e.g. http://127.0.0.1:8089/v1), API key, pool size.
 */
public final class RawChatServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        java.net.URI base = java.net.URI.create(args[1]);
        String authorization = "Bearer " + args[2];
        int poolSize = Integer.parseInt(args[3]);
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(poolSize));
        RequestOptions target = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost())
                .setPort(base.getPort()).setURI(base.getPath() + "/chat/completions")
                .putHeader("Authorization", authorization).putHeader("Content-Type", "application/json");
        vertx.createHttpServer().requestHandler(request -> {
            if (request.method() != HttpMethod.POST || !request.path().equals("/v1/chat/completions")) {
                request.response().setStatusCode(404).end();
                return;
            }
            request.body().onSuccess(body -> forward(client, target, request, body))
                    .onFailure(failure -> request.response().setStatusCode(400).end());
        }).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        System.out.println("raw chat server listening on " + port);
    }

    private static void forward(HttpClient client, RequestOptions target, HttpServerRequest request, Buffer body) {
        JsonNode in;
        try {
            in = JSON.readTree(body.getBytes());
        } catch (Exception e) {
            request.response().setStatusCode(400).end();
            return;
        }
        boolean stream = in.path("stream").asBoolean(false);
        ObjectNode out = JSON.createObjectNode();
        out.put("model", "gpt-4o-mini");
        out.set("messages", (ArrayNode) in.get("messages"));
        out.put("stream", stream);
        HttpServerResponse response = request.response();
        client.request(target).compose(call -> call.send(out.toString())).onSuccess(answer -> {
            if (!stream) {
                answer.body().onSuccess(bytes -> {
                    try {
                        JsonNode tree = JSON.readTree(bytes.getBytes());
                        response.putHeader("Content-Type", "application/json").end(tree.toString());
                    } catch (Exception e) {
                        response.setStatusCode(502).end();
                    }
                }).onFailure(failure -> response.setStatusCode(502).end());
                return;
            }
            response.setChunked(true).putHeader("Content-Type", "text/event-stream");
            StringBuilder pending = new StringBuilder();
            answer.handler(chunk -> {
                pending.append(chunk.toString());
                int end;
                while ((end = pending.indexOf("\n")) >= 0) {
                    String line = pending.substring(0, end).trim();
                    pending.delete(0, end + 1);
                    if (line.startsWith("data:")) {
                        String data = line.substring(5).trim();
                        if (data.equals("[DONE]")) {
                            response.write("data: [DONE]\n\n");
                            continue;
                        }
                        try {
                            response.write("data: " + JSON.readTree(data) + "\n\n");
                        } catch (Exception e) {
                            response.reset();
                        }
                    }
                }
            });
            answer.endHandler(done -> response.end());
            answer.exceptionHandler(failure -> response.reset());
        }).onFailure(failure -> response.setStatusCode(502).end());
    }
}
