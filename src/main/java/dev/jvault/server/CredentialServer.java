package dev.jvault.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jvault.exec.ChildEnvironment;
import dev.jvault.log.Log;
import dev.jvault.sts.IssuedCredentials;
import dev.jvault.text.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A credential endpoint for one long-running command, on 127.0.0.1 at a free port, serving
 * {@link RefreshingCredentials} in one of two shapes the AWS SDKs and CLI read:
 * <ul>
 * <li>{@link Mode#CONTAINER}: the container-credentials endpoint; every request must carry the
 * random 256-bit token (compared in constant time) in its Authorization header;</li>
 * <li>{@link Mode#EC2}: the instance-metadata service, IMDSv2 only (a session token from
 * {@code PUT /latest/api/token} on every request).</li>
 * </ul>
 * Only loopback peers and only the methods of each path are served. The endpoint lives as long
 * as the command: {@link #close()} stops it.
 */
public final class CredentialServer implements AutoCloseable {

    public enum Mode { CONTAINER, EC2 }

    static final String CREDENTIALS_PATH = "/credentials";
    static final String IMDS_TOKEN_PATH = "/latest/api/token";
    static final String IMDS_ROLES_PATH = "/latest/meta-data/iam/security-credentials/";
    private static final int MAX_IMDS_TOKEN_TTL = 21600;

    private final Mode mode;
    private final RefreshingCredentials credentials;
    private final String roleName;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final byte[] token;
    private final Map<String, Instant> imdsTokens = new ConcurrentHashMap<>();
    private final HttpServer http;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private CredentialServer(Mode mode, RefreshingCredentials credentials, String roleName, Clock clock) throws IOException {
        this.mode = mode;
        this.credentials = credentials;
        this.roleName = roleName;
        this.clock = clock;
        this.token = randomToken().getBytes(StandardCharsets.US_ASCII);
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        http.createContext("/", this::handle);
        http.setExecutor(threads);
    }

    /** @param roleName the name EC2 mode lists under security-credentials */
    public static CredentialServer start(Mode mode, RefreshingCredentials credentials, String roleName, Clock clock)
            throws IOException {
        CredentialServer server = new CredentialServer(mode, credentials, roleName, clock);
        server.http.start();
        Log.debug("credential server (" + mode + ") on 127.0.0.1:" + server.port());
        return server;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** What the command gets in its environment to find this endpoint. */
    public Map<String, String> childVariables() {
        Map<String, String> variables = new LinkedHashMap<>();
        if (mode == Mode.CONTAINER) {
            variables.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + port() + CREDENTIALS_PATH);
            variables.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", new String(token, StandardCharsets.US_ASCII));
        } else {
            variables.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + port());
        }
        return variables;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
                reply(exchange, 403, error("only this machine may ask"));
                return;
            }
            if (mode == Mode.CONTAINER) {
                container(exchange);
            } else {
                ec2(exchange);
            }
        } catch (RuntimeException e) {
            Log.debug("credential server: could not serve credentials", e);
            reply(exchange, 500, error("jvault could not renew the credentials: " + e.getMessage()));
        }
    }

    private void container(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(CREDENTIALS_PATH)) {
            reply(exchange, 404, error("not found"));
        } else if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            reply(exchange, 405, error("only GET"));
        } else if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 403, error("missing or wrong authorization token"));
        } else {
            IssuedCredentials current = credentials.current();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("AccessKeyId", current.accessKeyId());
            body.put("SecretAccessKey", current.secretAccessKey());
            current.sessionToken().ifPresent(sessionToken -> body.put("Token", sessionToken));
            current.expiration().ifPresent(expiration -> body.put("Expiration", ChildEnvironment.iso8601(expiration)));
            reply(exchange, 200, Json.write(body));
        }
    }

    private boolean authorized(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.US_ASCII));
    }

    private void ec2(HttpExchange exchange) throws IOException {
        // Clients join the endpoint and the path differently; "//latest/..." means "/latest/...".
        String path = exchange.getRequestURI().getPath().replaceAll("/{2,}", "/");
        String method = exchange.getRequestMethod();
        if (path.equals(IMDS_TOKEN_PATH)) {
            if (!method.equals("PUT")) {
                exchange.getResponseHeaders().set("Allow", "PUT");
                reply(exchange, 405, "");
                return;
            }
            issueImdsToken(exchange);
            return;
        }
        if (!method.equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            reply(exchange, 405, "");
        } else if (!validImdsToken(exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token"))) {
            reply(exchange, 401, "");
        } else if (path.equals(IMDS_ROLES_PATH) || path.equals(IMDS_ROLES_PATH.substring(0, IMDS_ROLES_PATH.length() - 1))) {
            reply(exchange, 200, roleName);
        } else if (path.equals(IMDS_ROLES_PATH + roleName)) {
            IssuedCredentials current = credentials.current();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Code", "Success");
            body.put("LastUpdated", ChildEnvironment.iso8601(clock.instant()));
            body.put("Type", "AWS-HMAC");
            body.put("AccessKeyId", current.accessKeyId());
            body.put("SecretAccessKey", current.secretAccessKey());
            body.put("Token", current.sessionToken().orElse(""));
            current.expiration().ifPresent(expiration -> body.put("Expiration", ChildEnvironment.iso8601(expiration)));
            reply(exchange, 200, Json.write(body));
        } else {
            reply(exchange, 404, "");
        }
    }

    private void issueImdsToken(HttpExchange exchange) throws IOException {
        String ttlHeader = exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds");
        int ttl;
        try {
            ttl = Integer.parseInt(ttlHeader == null ? "" : ttlHeader.strip());
        } catch (NumberFormatException e) {
            ttl = -1;
        }
        if (ttl < 1 || ttl > MAX_IMDS_TOKEN_TTL) {
            reply(exchange, 400, "");
            return;
        }
        String session = randomToken();
        imdsTokens.put(session, clock.instant().plusSeconds(ttl));
        exchange.getResponseHeaders().set("X-aws-ec2-metadata-token-ttl-seconds", Integer.toString(ttl));
        reply(exchange, 200, session);
    }

    private boolean validImdsToken(String presented) {
        Instant now = clock.instant();
        imdsTokens.values().removeIf(expiry -> expiry.isBefore(now));
        return presented != null && imdsTokens.containsKey(presented);
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String error(String message) {
        return Json.write(Map.of("message", message));
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
