package dev.chatmodels.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A stand-in for a provider's HTTP API in tests: an HTTP/1.1 server on 127.0.0.1 (an ephemeral port) that answers
 * each path with scripted {@link Reply replies} and records the requests. It is written on plain sockets, one thread
 * per connection, so that faults (resets, stalls, truncated streams, slow first bytes) happen at the socket level the
 * way they do on a real network. Connections are kept alive between requests; streams are sent chunked.
 *
 * <pre>
 * try (ProviderStandIn standIn = ProviderStandIn.start()) {
 *     standIn.enqueue("/v1/chat/completions", Reply.json(503, overloaded),
 *             Reply.fromFixture("openai-chat", "text.response.json"));
 *     // point the model at standIn.baseUrl() + "/v1", call it...
 *     assertEquals(2, standIn.requestCount("/v1/chat/completions"));
 * }
 * </pre>
 */
public final class ProviderStandIn implements AutoCloseable {

    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(2);
    /**
     * How long a stream's events get to reach the client before a reset: a TCP stack drops the data a reset overtakes,
     * so without this pause the client could lose events it was sent.
     */
    private static final Duration SETTLE_BEFORE_RESET = Duration.ofMillis(100);

    private final ServerSocket server;
    private final Thread acceptor;
    private final Map<String, List<Reply>> replies = new ConcurrentHashMap<>();
    private final List<Function<RecordedRequest, Reply>> checks = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger handling = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private volatile boolean closed;

    private ProviderStandIn(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::accept, "provider-stand-in-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a stand-in on 127.0.0.1 and an ephemeral port. */
    public static ProviderStandIn start() {
        return start(0);
    }

    /**
     * Starts a stand-in on 127.0.0.1 and the given port: for a {@code QuarkusUnitTest}, whose configuration names the
     * port before the test class (loaded again by the application's class loader) can start the stand-in. Port 0 picks an
     * ephemeral port.
     */
    public static ProviderStandIn start(int port) {
        try {
            return new ProviderStandIn(new ServerSocket(port, 200, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the provider stand-in on port " + port, e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /**
     * Adds replies for requests to {@code path} (without query). Replies are used in order, one per request; the last
     * one keeps answering. A path without replies answers 404 with a JSON error.
     */
    public ProviderStandIn enqueue(String path, Reply... more) {
        replies.computeIfAbsent(path, p -> new ArrayList<>()).addAll(List.of(more));
        return this;
    }

    /**
     * Checks every request before it gets a scripted reply, the way a provider checks authentication: when
     * {@code check} returns a reply (a 403, say), the request gets that reply instead and uses up no scripted one;
     * {@code null} lets it through. The request is recorded either way; checks stay after {@link #reset()}.
     */
    public ProviderStandIn check(Function<RecordedRequest, Reply> check) {
        checks.add(check);
        return this;
    }

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** How many requests were received for {@code path}. */
    public int requestCount(String path) {
        return (int) requests.stream().filter(r -> r.path().equals(path)).count();
    }

    /** The most requests that were being answered at the same time. */
    public int maxConcurrentRequests() {
        return peak.get();
    }

    /** How many requests are being answered right now: a stalled stream counts until its client closes it. */
    public int openRequests() {
        return handling.get();
    }

    /** How many connections clients opened; kept-alive connections are counted once. */
    public int connectionCount() {
        return connectionCount.get();
    }

    /** Forgets the replies, the recorded requests and the concurrency peak. */
    public void reset() {
        replies.clear();
        requests.clear();
        peak.set(handling.get());
    }

    /** Stops accepting, breaks every open connection (stalled streams included) and waits for the threads to end. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        connections.forEach(ProviderStandIn::closeQuietly);
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        for (Thread thread : List.copyOf(threads)) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            acceptor.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            connectionCount.incrementAndGet();
            connections.add(socket);
            if (closed) { // close() may have gone through the connections before this one was added
                closeQuietly(socket);
                return;
            }
            Thread thread = new Thread(() -> serve(socket),
                    "provider-stand-in-" + server.getLocalPort() + "-connection-" + connectionCount.get());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Answers the requests of one connection until either side closes it or a reply ends it. */
    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            boolean keepAlive = true;
            while (keepAlive && !closed) {
                RecordedRequest request = readRequest(in);
                if (request == null) {
                    return;
                }
                Reply reply;
                // recording and picking the reply in one step keeps requests() in the order replies were handed out
                synchronized (requests) {
                    requests.add(request);
                    reply = rejection(request);
                    reply = reply != null ? reply : nextReply(request);
                }
                peak.accumulateAndGet(handling.incrementAndGet(), Math::max);
                try {
                    keepAlive = answer(reply, socket, in, out)
                            && !"close".equalsIgnoreCase(request.header("connection"));
                } finally {
                    handling.decrementAndGet();
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the stand-in is closing: nothing left to answer
        } finally {
            connections.remove(socket);
            threads.remove(Thread.currentThread());
        }
    }

    private Reply rejection(RecordedRequest request) {
        for (Function<RecordedRequest, Reply> check : checks) {
            Reply rejection = check.apply(request);
            if (rejection != null) {
                return rejection;
            }
        }
        return null;
    }

    private Reply nextReply(RecordedRequest request) {
        List<Reply> queue = replies.get(request.path());
        if (queue == null) {
            return Reply.json(404, "{\"error\": {\"type\": \"not_found_error\", \"message\": \"The provider stand-in has "
                    + "no reply for " + request.method() + " " + request.path() + "\"}}");
        }
        synchronized (queue) {
            return queue.size() > 1 ? queue.remove(0) : queue.get(0);
        }
    }

    /** Sends one reply; {@code false} when the connection cannot be used for another request. */
    private static boolean answer(Reply reply, Socket socket, InputStream in, OutputStream out)
            throws IOException, InterruptedException {
        sleep(reply.firstByteDelay());
        if (reply.fault() == Reply.Fault.RESET_BEFORE_RESPONSE) {
            reset(socket);
            return false;
        }
        Map<String, String> headers = new LinkedHashMap<>(reply.headers());
        boolean closesAfter = reply.fault() != Reply.Fault.NONE;
        if (closesAfter) {
            headers.put("connection", "close");
        }
        if (reply.events() == null) {
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            headers.put("content-length", Integer.toString(body.length));
            writeHead(out, reply.status(), headers);
            out.write(body);
            out.flush();
            return true;
        }
        headers.put("transfer-encoding", "chunked");
        writeHead(out, reply.status(), headers);
        out.flush();
        List<byte[]> events = reply.events();
        int sent = closesAfter ? reply.faultAfterEvents() : events.size();
        for (int i = 0; i < sent; i++) {
            if (i > 0) {
                sleep(reply.eventDelay());
            }
            if (i == 1 && reply.restAfter() != null) {
                reply.restAfter().await(1, TimeUnit.MINUTES);
            }
            writeChunk(out, events.get(i));
        }
        switch (reply.fault()) {
            case RESET_AFTER_EVENTS -> {
                sleep(SETTLE_BEFORE_RESET);
                reset(socket);
            }
            case STALL_AFTER_EVENTS -> awaitClientClose(in);
            case TRUNCATE_AFTER_EVENTS -> {
                if (sent < events.size()) {
                    byte[] next = events.get(sent);
                    writeChunk(out, Arrays.copyOf(next, next.length / 2));
                }
                out.write(LAST_CHUNK);
                out.flush();
            }
            default -> {
                out.write(LAST_CHUNK);
                out.flush();
            }
        }
        return !closesAfter;
    }

    /** Reads one request; {@code null} when the client closed the connection before sending one. */
    private static RecordedRequest readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(in); // tolerated before a request line (RFC 9112, 2.2)
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
            throw new IOException("Not an HTTP request line: " + requestLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunkedBody(in);
        } else {
            String length = headers.get("content-length");
            body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
        }
        String target = parts[1];
        int query = target.indexOf('?');
        return new RecordedRequest(parts[0], query < 0 ? target : target.substring(0, query),
                query < 0 ? null : target.substring(query + 1), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] readChunkedBody(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine(in);
            if (size == null) {
                throw new IOException("The request body ended in the middle of a chunk");
            }
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (length == 0) {
                for (String trailer = readLine(in); trailer != null && !trailer.isEmpty(); trailer = readLine(in)) {
                    // trailers are not recorded
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            readLine(in);
        }
    }

    /** A line ended by CRLF (or a bare LF), without its end; {@code null} at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void writeHead(OutputStream out, int status, Map<String, String> headers) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void writeChunk(OutputStream out, byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return; // an empty chunk would end the response
        }
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Aborts the connection with a TCP RST instead of an orderly close. */
    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Blocks until the client closes the connection (or the stand-in closes the socket). */
    private static void awaitClientClose(InputStream in) throws IOException {
        while (in.read() != -1) {
            // whatever the client still sends is ignored
        }
    }

    private static void sleep(Duration delay) throws InterruptedException {
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 529 -> "Overloaded";
            default -> "Status " + status;
        };
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
