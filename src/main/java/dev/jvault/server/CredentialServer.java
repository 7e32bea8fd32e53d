package dev.jvault.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jvault.keys.AwsKeys;
import dev.jvault.log.Log;
import dev.jvault.text.Json;
import dev.jvault.text.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A credential endpoint for one long-running command, on 127.0.0.1 at a free port, serving
 * {@link RenewingKeys} in one of two shapes the AWS SDKs and CLI read:
 * <ul>
 * <li>{@link Mode#CONTAINER}: the container-credentials endpoint; every request must carry the
 * random 256-bit token (compared in constant time) in its Authorization header;</li>
 * <li>{@link Mode#EC2}: the instance-metadata service, IMDSv2 only (a session token from
 * {@code PUT /latest/api/token} on every request).</li>
 * </ul>
 * Only loopback peers, only requests addressed to this endpoint's own host and port (a web page
 * that rebinds its DNS name to 127.0.0.1 sends its own name), no proxied requests (an
 * {@code X-Forwarded-For} header, refused as IMDSv2 refuses it) and only the methods of each
 * path are served. IMDS session tokens are stateless (expiry and HMAC), so no number of token
 * requests grows memory, and a request that is not read in full within {@link #REQUEST_SECONDS}
 * is dropped. The endpoint lives as long as the command: {@link #close()} stops it.
 */
public final class CredentialServer implements AutoCloseable {

    public enum Mode { CONTAINER, EC2 }

    static final String CREDENTIALS_PATH = "/credentials";
    static final String IMDS_TOKEN_PATH = "/latest/api/token";
    static final String IMDS_ROLES_PATH = "/latest/meta-data/iam/security-credentials/";
    private static final int MAX_IMDS_TOKEN_TTL = 21600;
    static final int REQUEST_SECONDS = 10;
    private static final int TOKEN_MAC_BYTES = 32;

    private final Mode mode;
    private final RenewingKeys credentials;
    private final String roleName;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final byte[] token;
    private final SecretKeySpec imdsTokenKey;
    private final HttpServer http;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private CredentialServer(Mode mode, RenewingKeys credentials, String roleName, Clock clock) throws IOException {
        this.mode = mode;
        this.credentials = credentials;
        this.roleName = roleName;
        this.clock = clock;
        this.token = randomToken().getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[32];
        random.nextBytes(key);
        this.imdsTokenKey = new SecretKeySpec(key, "HmacSHA256");
        limitRequestTime();
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        http.createContext("/", this::handle);
        http.setExecutor(threads);
    }

    /**
     * The JDK's HTTP server reads its time limits once, when it is first used: a client that
     * sends its request slowly, or never finishes it, is cut off instead of holding a thread.
     */
    private static void limitRequestTime() {
        for (String limit : List.of("sun.net.httpserver.maxReqTime", "sun.net.httpserver.maxRspTime")) {
            if (System.getProperty(limit) == null) {
                System.setProperty(limit, Integer.toString(REQUEST_SECONDS));
            }
        }
    }

    /** @param roleName the name EC2 mode lists under security-credentials */
    public static CredentialServer start(Mode mode, RenewingKeys credentials, String roleName, Clock clock)
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
            if (!addressedHere(exchange.getRequestHeaders().getFirst("Host"))) {
                reply(exchange, 403, error("the Host header must name this endpoint"));
                return;
            }
            if (exchange.getRequestHeaders().containsKey("X-Forwarded-For")) {
                reply(exchange, 403, error("proxied requests are refused"));
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
            AwsKeys current = credentials.current();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("AccessKeyId", current.accessKeyId());
            body.put("SecretAccessKey", current.secretAccessKey());
            current.sessionToken().ifPresent(sessionToken -> body.put("Token", sessionToken));
            current.expiration().ifPresent(expiration -> body.put("Expiration", Timestamps.iso8601(expiration)));
            reply(exchange, 200, Json.write(body));
        }
    }

    /** The Host a local client sends for this endpoint; anything else is another site's name for 127.0.0.1. */
    private boolean addressedHere(String host) {
        String port = ":" + port();
        return host != null && (host.equals("127.0.0.1" + port) || host.equals("localhost" + port));
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
            AwsKeys current = credentials.current();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Code", "Success");
            body.put("LastUpdated", Timestamps.iso8601(clock.instant()));
            body.put("Type", "AWS-HMAC");
            body.put("AccessKeyId", current.accessKeyId());
            body.put("SecretAccessKey", current.secretAccessKey());
            body.put("Token", current.sessionToken().orElse(""));
            current.expiration().ifPresent(expiration -> body.put("Expiration", Timestamps.iso8601(expiration)));
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
        String session = imdsToken(clock.instant().getEpochSecond() + ttl);
        exchange.getResponseHeaders().set("X-aws-ec2-metadata-token-ttl-seconds", Integer.toString(ttl));
        reply(exchange, 200, session);
    }

    /** A session token that carries its own expiry, signed with this endpoint's key: nothing to remember. */
    private String imdsToken(long expiresAtSecond) {
        byte[] expiry = ByteBuffer.allocate(Long.BYTES).putLong(expiresAtSecond).array();
        byte[] signed = ByteBuffer.allocate(Long.BYTES + TOKEN_MAC_BYTES).put(expiry).put(mac(expiry)).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
    }

    private boolean validImdsToken(String presented) {
        byte[] signed;
        try {
            signed = presented == null ? new byte[0] : Base64.getUrlDecoder().decode(presented);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (signed.length != Long.BYTES + TOKEN_MAC_BYTES) {
            return false;
        }
        byte[] expiry = Arrays.copyOf(signed, Long.BYTES);
        return MessageDigest.isEqual(mac(expiry), Arrays.copyOfRange(signed, Long.BYTES, signed.length))
                && ByteBuffer.wrap(expiry).getLong() > clock.instant().getEpochSecond();
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(imdsTokenKey);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
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
