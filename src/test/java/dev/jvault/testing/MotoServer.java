package dev.jvault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real moto server ({@code python3 -m moto.server}) on 127.0.0.1 at a free port, answering
 * STS with real XML to real SigV4-signed requests. Its request recorder shows what jvault sent.
 * Stopped by the handle of the process this class started, never by name.
 */
public final class MotoServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path workDir;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MotoServer(Process process, int port, Path workDir) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
        this.log = workDir.resolve("moto.log");
    }

    /** Starts moto with extra environment (e.g. INITIAL_NO_AUTH_ACTION_COUNT) and waits until it answers. */
    public static MotoServer start(Map<String, String> extraEnv) throws IOException, InterruptedException {
        IOException lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            // moto writes its log and its recording into a folder of its own, never the checkout.
            Path workDir = Files.createTempDirectory("moto-" + port + "-");
            ProcessBuilder builder = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p",
                    Integer.toString(port))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("moto.log").toFile());
            builder.environment().putAll(extraEnv);
            builder.environment().put("MOTO_RECORDER_FILEPATH", workDir.resolve("recording").toString());
            MotoServer server = new MotoServer(builder.start(), port, workDir);
            try {
                server.awaitReady();
                return server;
            } catch (IOException e) {
                server.close();
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("moto exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                if (get("/moto-api/").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("moto did not answer within " + START_TIMEOUT + " on port " + port + ": " + Files.readString(log));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public void reset() {
        post("/moto-api/reset");
    }

    public void startRecording() {
        post("/moto-api/recorder/reset-recording");
        post("/moto-api/recorder/start-recording");
    }

    /** Every request moto received since {@link #startRecording()}, oldest first. */
    public List<RecordedRequest> recording() {
        try {
            String body = get("/moto-api/recorder/download-recording").body();
            List<RecordedRequest> requests = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (!line.isBlank()) {
                    requests.add(RecordedRequest.parse(JSON.readTree(line)));
                }
            }
            return requests;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Only the requests for one STS action, e.g. "GetSessionToken". */
    public List<RecordedRequest> recorded(String action) {
        return recording().stream().filter(r -> action.equals(r.param("Action"))).toList();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(endpoint().resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void post(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint().resolve(path))
                    .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            try (var files = Files.list(workDir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(workDir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One request as moto's recorder saw it: headers and the form parameters of its body. */
    public record RecordedRequest(String method, String url, Map<String, String> headers, Map<String, String> params) {

        static RecordedRequest parse(JsonNode node) {
            Map<String, String> headers = new LinkedHashMap<>();
            node.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
            String body = node.path("body").asText("");
            if (node.path("body_encoded").asBoolean(false)) {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
            return new RecordedRequest(node.path("method").asText(), node.path("url").asText(), headers, params);
        }

        public String param(String name) {
            return params.get(name);
        }

        /** The access key id that signed the request, from its SigV4 Authorization header. */
        public String signingAccessKeyId() {
            String authorization = headers.getOrDefault("Authorization", "");
            int start = authorization.indexOf("Credential=");
            return start < 0 ? null : authorization.substring(start + "Credential=".length(), authorization.indexOf('/', start));
        }
    }
}
