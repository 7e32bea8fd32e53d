package dev.jvault.sso;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The redirect target of the authorization code flow: a listener on 127.0.0.1, on a free port,
 * at {@code /oauth/callback}. It takes the first callback that carries the expected
 * {@code state} (a request with another state, from a page that is not the sign-in, is refused
 * and the listener waits on), answers any later one with an error, and stops.
 */
final class LoopbackCallback implements AutoCloseable {

    static final String PATH = "/oauth/callback";

    /** What the browser brought back: an authorization code, or the error the sign-in page gave. */
    record Result(Optional<String> code, Optional<String> error) {
    }

    private final HttpServer server;
    private final String state;
    private final CompletableFuture<Result> result = new CompletableFuture<>();

    LoopbackCallback(String state) throws IOException {
        this.state = state;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::handle);
        server.start();
    }

    /** The redirect URI for this listener, as registered (without the port) and sent (with it). */
    String redirectUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    static String registeredRedirectUri() {
        return "http://127.0.0.1" + PATH;
    }

    /** The callback, or empty when none came in time. */
    Optional<Result> await(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(result.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the callback listener failed", e.getCause());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (!"GET".equals(exchange.getRequestMethod()) || !state.equals(query.get("state"))) {
            answer(exchange, 400, "This is not the sign-in jvault is waiting for: the state does not match.");
            return;
        }
        Result callback = new Result(Optional.ofNullable(query.get("code")).filter(c -> !c.isEmpty()),
                Optional.ofNullable(query.get("error")));
        if (callback.code().isEmpty() && callback.error().isEmpty()) {
            answer(exchange, 400, "The sign-in came back without a code.");
            return;
        }
        if (!result.complete(callback)) {
            answer(exchange, 400, "This sign-in has been used already.");
            return;
        }
        answer(exchange, 200, callback.code().isPresent()
                ? "Signed in to IAM Identity Center: you can close this tab and return to jvault."
                : "The sign-in was not approved: jvault stops.");
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                query.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
