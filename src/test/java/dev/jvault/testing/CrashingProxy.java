package dev.jvault.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback proxy in front of moto that kills a process (SIGKILL) at a chosen AWS call, as a
 * crash at that moment would: just after IAM made a key (before the caller hears of it), or just
 * before a call leaves. Production code carries no hook for this; the test points
 * {@code AWS_ENDPOINT_URL_IAM} and {@code AWS_ENDPOINT_URL_STS} here instead of at moto.
 */
public final class CrashingProxy implements AutoCloseable {

    /** Where the process dies: at the {@code nth} call of {@code action}, before or after moto answers it. */
    public record Crash(String action, int nth, boolean afterTheAnswer) {
    }

    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z]+)");
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    private final HttpServer server;
    private final URI target;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> actions = new ArrayList<>();
    private Crash crash;
    private ProcessHandle victim;

    private CrashingProxy(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static CrashingProxy in(URI moto) {
        try {
            return new CrashingProxy(moto);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Runs the command with the given environment, killed at the crash; its exit status. */
    public int run(List<String> command, Map<String, String> env, Crash at) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(env);
        synchronized (this) {
            actions.clear();
            crash = at;
        }
        Process process = builder.start();
        synchronized (this) {
            victim = process.toHandle();
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end");
        }
        return process.exitValue();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Matcher action = ACTION.matcher(new String(body, StandardCharsets.UTF_8));
            boolean crashBefore;
            boolean crashAfter;
            synchronized (this) {
                String name = action.find() ? action.group(1) : "";
                actions.add(name);
                boolean here = crash != null && name.equals(crash.action())
                        && actions.stream().filter(name::equals).count() == crash.nth();
                crashBefore = here && !crash.afterTheAnswer();
                crashAfter = here && crash.afterTheAnswer();
            }
            if (crashBefore) {
                kill();
                return;
            }
            HttpResponse<byte[]> answer = forward(exchange, body);
            if (crashAfter) {
                kill();
                return;
            }
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** SIGKILL, and wait until the process is gone, so nothing it does after this moment happens. */
    private void kill() {
        ProcessHandle process;
        synchronized (this) {
            process = victim;
        }
        process.destroyForcibly();
        process.onExit().join();
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
    }
}
