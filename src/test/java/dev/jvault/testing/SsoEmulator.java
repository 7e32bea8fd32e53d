package dev.jvault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A local IAM Identity Center for tests: sso-oidc (RegisterClient, StartDeviceAuthorization,
 * CreateToken with the device_code, refresh_token and authorization_code + PKCE grants, and the
 * browser's /authorize and device pages) and the portal (GetRoleCredentials, ListAccounts,
 * ListAccountRoles, Logout), with the request and response shapes, HTTP statuses and error
 * shapes of botocore's models {@code sso-oidc/2019-06-10} and {@code sso/2019-06-10}: the error
 * type in {@code x-amzn-ErrorType}, OAuth's {@code error}/{@code error_description} (oidc) or
 * {@code message} (portal) in the body. One server on 127.0.0.1 serves both; its paths differ.
 * <p>
 * The person is played by {@link #decision}: a visit to the sign-in page (what the browser
 * opens) approves, denies or is left pending. Tests count calls ({@link #calls}), force expiry
 * ({@link #expireAccessTokens}, {@link #revokeTokens}) and inject faults ({@link #fail}).
 * Role credentials come from {@code issuer}: in the ITs, moto's AssumeRole, so STS accepts them.
 */
public final class SsoEmulator implements AutoCloseable {

    public enum Decision { APPROVE, DENY, IGNORE }

    public record Account(String accountId, String accountName, List<String> roles) {
    }

    /** Role credentials as GetRoleCredentials returns them. */
    public record RoleKeys(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
    }

    private record Client(String id, String secret, List<String> scopes, List<String> grantTypes, List<String> redirectUris,
            Instant expiresAt) {
    }

    private static final class DeviceGrant {
        final String clientId;
        final String userCode;
        final Instant expiresAt;
        volatile String state = "pending";

        DeviceGrant(String clientId, String userCode, Instant expiresAt) {
            this.clientId = clientId;
            this.userCode = userCode;
            this.expiresAt = expiresAt;
        }
    }

    private record AuthCode(String clientId, String redirectUri, String challenge) {
    }

    private record Fault(int status, String errorType) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final BiFunction<String, String, RoleKeys> issuer;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, DeviceGrant> deviceGrants = new ConcurrentHashMap<>();
    private final Map<String, AuthCode> authCodes = new ConcurrentHashMap<>();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Fault>> faults = new ConcurrentHashMap<>();
    private final List<Account> accounts = new ArrayList<>();
    private final List<String> issued = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Decision decision = Decision.APPROVE;
    private volatile Duration accessTokenLifetime = Duration.ofHours(8);
    private volatile Duration registrationLifetime = Duration.ofDays(90);
    private volatile int pendingPolls;

    public SsoEmulator(BiFunction<String, String, RoleKeys> issuer) throws IOException {
        this.issuer = issuer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.createContext("/", this::route);
        server.start();
        accounts.add(new Account("111111111111", "Dev", List.of("Admin", "ReadOnly")));
        accounts.add(new Account("222222222222", "Prod", List.of("ReadOnly")));
        accounts.add(new Account("333333333333", "Sandbox", List.of("Admin")));
    }

    /** An emulator whose role credentials are moto's AssumeRole of the account's role: STS recognises them. */
    public static SsoEmulator issuingFrom(MotoServer moto) throws IOException {
        return new SsoEmulator((account, role) -> {
            try (software.amazon.awssdk.services.sts.StsClient sts = software.amazon.awssdk.services.sts.StsClient.builder()
                    .endpointOverride(moto.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIASSOEMULATOR00001",
                                    "ssoEmulatorSecretssoEmulatorSecretssoEm"))).build()) {
                var keys = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/" + role)
                        .roleSessionName("sso-user").durationSeconds(3600)).credentials();
                return new RoleKeys(keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken(), keys.expiration());
            }
        });
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** What the person does when the browser shows the sign-in page. */
    public void decision(Decision decision) {
        this.decision = decision;
    }

    /** Device flow: how many CreateToken polls answer AuthorizationPending after approval (to test the wait). */
    public void pendingPolls(int polls) {
        this.pendingPolls = polls;
    }

    public void accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = lifetime;
    }

    public void registrationLifetime(Duration lifetime) {
        this.registrationLifetime = lifetime;
    }

    /** Calls by operation name (RegisterClient, CreateToken, GetRoleCredentials, ...) and browser visits (Authorize, DevicePage). */
    public int calls(String operation) {
        return calls.getOrDefault(operation, new AtomicInteger()).get();
    }

    /** Every access token, refresh token and client secret issued so far: what must never lie on disk in clear text. */
    public List<String> issuedSecrets() {
        return List.copyOf(issued);
    }

    /** Every access token now expires: the portal answers 401 to it. */
    public void expireAccessTokens() {
        accessTokens.replaceAll((token, expiry) -> clock.instant().minusSeconds(1));
    }

    /** Every access and refresh token is revoked, as when the user's session is ended by an administrator. */
    public void revokeTokens() {
        accessTokens.clear();
        refreshTokens.clear();
    }

    /** The next {@code times} calls of {@code operation} fail with this status and error type. */
    public void fail(String operation, int times, int status, String errorType) {
        ConcurrentLinkedQueue<Fault> queue = faults.computeIfAbsent(operation, key -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(new Fault(status, errorType));
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (method + " " + path) {
                case "POST /client/register" -> op(exchange, "RegisterClient", this::registerClient);
                case "POST /device_authorization" -> op(exchange, "StartDeviceAuthorization", this::startDeviceAuthorization);
                case "POST /token" -> op(exchange, "CreateToken", this::createToken);
                case "GET /authorize" -> authorize(exchange);
                case "GET /device" -> devicePage(exchange);
                case "GET /federation/credentials" -> op(exchange, "GetRoleCredentials", this::getRoleCredentials);
                case "GET /assignment/accounts" -> op(exchange, "ListAccounts", this::listAccounts);
                case "GET /assignment/roles" -> op(exchange, "ListAccountRoles", this::listAccountRoles);
                case "POST /logout" -> op(exchange, "Logout", this::logout);
                default -> send(exchange, 404, Map.of(), "{\"message\":\"no such operation\"}");
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
    }

    /** An answer of an operation, or the error that ends it. */
    private static final class Failure extends RuntimeException {
        final int status;
        final String type;
        final boolean oidc;

        Failure(int status, String type, String message, boolean oidc) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
            this.oidc = oidc;
        }
    }

    private interface Operation {
        Object run(HttpExchange exchange, JsonNode body) throws IOException;
    }

    private void op(HttpExchange exchange, String name, Operation operation) throws IOException {
        calls.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
        boolean oidc = !exchange.getRequestURI().getPath().startsWith("/federation")
                && !exchange.getRequestURI().getPath().startsWith("/assignment") && !exchange.getRequestURI().getPath().equals("/logout");
        try {
            Fault fault = Optional.ofNullable(faults.get(name)).map(ConcurrentLinkedQueue::poll).orElse(null);
            if (fault != null) {
                throw new Failure(fault.status(), fault.errorType(), "injected fault", oidc);
            }
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            Object answer = operation.run(exchange, body);
            send(exchange, 200, Map.of(), answer == null ? "{}" : JSON.writeValueAsString(answer));
        } catch (Failure f) {
            ObjectNode error = JSON.createObjectNode();
            if (f.oidc) {
                error.put("error", oauthCode(f.type));
                error.put("error_description", f.getMessage());
            } else {
                error.put("message", f.getMessage());
            }
            send(exchange, f.status, Map.of("x-amzn-ErrorType", f.type), JSON.writeValueAsString(error));
        }
    }

    private static String oauthCode(String type) {
        return switch (type) {
            case "AuthorizationPendingException" -> "authorization_pending";
            case "SlowDownException" -> "slow_down";
            case "ExpiredTokenException" -> "expired_token";
            case "AccessDeniedException" -> "access_denied";
            case "InvalidGrantException" -> "invalid_grant";
            case "InvalidClientException" -> "invalid_client";
            case "InvalidRequestException" -> "invalid_request";
            default -> "server_error";
        };
    }

    private static Failure oidcError(String type, String message) {
        int status = type.equals("InvalidClientException") ? 401 : type.equals("InternalServerException") ? 500 : 400;
        return new Failure(status, type, message, true);
    }

    private static Failure portalError(int status, String type, String message) {
        return new Failure(status, type, message, false);
    }

    private Object registerClient(HttpExchange exchange, JsonNode body) {
        require(body, true, "clientName", "clientType");
        String id = "client-" + UUID.randomUUID();
        Instant expiresAt = clock.instant().plus(registrationLifetime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String secret = "secret-" + UUID.randomUUID() + UUID.randomUUID();
        issued.add(secret);
        clients.put(id, new Client(id, secret, strings(body.get("scopes")),
                strings(body.get("grantTypes")), strings(body.get("redirectUris")), expiresAt));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("clientId", id);
        answer.put("clientSecret", clients.get(id).secret());
        answer.put("clientIdIssuedAt", clock.instant().getEpochSecond());
        answer.put("clientSecretExpiresAt", expiresAt.getEpochSecond());
        return answer;
    }

    private Object startDeviceAuthorization(HttpExchange exchange, JsonNode body) {
        require(body, true, "clientId", "clientSecret", "startUrl");
        Client client = client(body);
        String deviceCode = "device-" + UUID.randomUUID();
        String userCode = (UUID.randomUUID().toString().substring(0, 4) + "-" + UUID.randomUUID().toString().substring(0, 4))
                .toUpperCase();
        deviceGrants.put(deviceCode, new DeviceGrant(client.id(), userCode, clock.instant().plusSeconds(600)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deviceCode", deviceCode);
        answer.put("userCode", userCode);
        answer.put("verificationUri", endpoint() + "/device");
        answer.put("verificationUriComplete", endpoint() + "/device?user_code=" + userCode);
        answer.put("expiresIn", 600);
        answer.put("interval", 1);
        return answer;
    }

    private Object createToken(HttpExchange exchange, JsonNode body) {
        require(body, true, "clientId", "clientSecret", "grantType");
        Client client = client(body);
        if (client.expiresAt().isBefore(clock.instant())) {
            throw oidcError("InvalidClientException", "the client registration expired");
        }
        String grantType = body.get("grantType").asText();
        switch (grantType) {
            case "urn:ietf:params:oauth:grant-type:device_code" -> {
                require(body, true, "deviceCode");
                DeviceGrant grant = deviceGrants.get(body.get("deviceCode").asText());
                if (grant == null || !grant.clientId.equals(client.id())) {
                    throw oidcError("InvalidGrantException", "unknown device code");
                }
                if (grant.expiresAt.isBefore(clock.instant())) {
                    throw oidcError("ExpiredTokenException", "the device code expired");
                }
                switch (grant.state) {
                    case "denied" -> throw oidcError("AccessDeniedException", "the user denied the sign-in");
                    case "used" -> throw oidcError("InvalidGrantException", "the device code was used");
                    case "approved" -> {
                        if (pendingPolls > 0) {
                            pendingPolls--;
                            throw oidcError("AuthorizationPendingException", "still pending");
                        }
                        grant.state = "used";
                    }
                    default -> throw oidcError("AuthorizationPendingException", "the user has not signed in yet");
                }
            }
            case "authorization_code" -> {
                require(body, true, "code", "redirectUri", "codeVerifier");
                AuthCode code = authCodes.remove(body.get("code").asText());
                if (code == null || !code.clientId().equals(client.id())
                        || !code.redirectUri().equals(body.get("redirectUri").asText())
                        || !code.challenge().equals(challenge(body.get("codeVerifier").asText()))) {
                    throw oidcError("InvalidGrantException", "the code, redirect URI or verifier does not match");
                }
            }
            case "refresh_token" -> {
                require(body, true, "refreshToken");
                String owner = refreshTokens.remove(body.get("refreshToken").asText()); // it rotates: used once
                if (owner == null || !owner.equals(client.id())) {
                    throw oidcError("InvalidGrantException", "the refresh token is not valid");
                }
            }
            default -> throw oidcError("UnsupportedGrantTypeException", "grant type " + grantType);
        }
        return token(client);
    }

    private Map<String, Object> token(Client client) {
        String access = "access-" + UUID.randomUUID() + UUID.randomUUID();
        issued.add(access);
        accessTokens.put(access, clock.instant().plus(accessTokenLifetime));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accessToken", access);
        answer.put("tokenType", "Bearer");
        answer.put("expiresIn", accessTokenLifetime.toSeconds());
        if (client.scopes().contains("sso:account:access")) {
            String refresh = "refresh-" + UUID.randomUUID() + UUID.randomUUID();
            issued.add(refresh);
            refreshTokens.put(refresh, client.id());
            answer.put("refreshToken", refresh);
        }
        return answer;
    }

    /** The browser's sign-in page of the authorization code flow: the person decides, the browser is redirected. */
    private void authorize(HttpExchange exchange) throws IOException {
        calls.computeIfAbsent("Authorize", key -> new AtomicInteger()).incrementAndGet();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Client client = clients.get(query.getOrDefault("client_id", ""));
        String redirect = query.getOrDefault("redirect_uri", "");
        boolean loopback = redirect.matches("http://127\\.0\\.0\\.1:\\d+/oauth/callback");
        if (client == null || !client.grantTypes().contains("authorization_code") || !loopback
                || !"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null) {
            send(exchange, 400, Map.of(), "bad authorization request");
            return;
        }
        String state = query.getOrDefault("state", "");
        switch (decision) {
            case IGNORE -> send(exchange, 200, Map.of(), "sign in here");
            case DENY -> redirect(exchange, redirect + "?error=access_denied&state=" + encode(state));
            case APPROVE -> {
                String code = "code-" + UUID.randomUUID();
                authCodes.put(code, new AuthCode(client.id(), redirect, query.get("code_challenge")));
                redirect(exchange, redirect + "?code=" + encode(code) + "&state=" + encode(state));
            }
        }
    }

    /** The device flow's page: visiting it with the code approves (or denies) as the person decides. */
    private void devicePage(HttpExchange exchange) throws IOException {
        calls.computeIfAbsent("DevicePage", key -> new AtomicInteger()).incrementAndGet();
        String userCode = query(exchange.getRequestURI().getRawQuery()).getOrDefault("user_code", "");
        deviceGrants.values().stream().filter(grant -> grant.userCode.equals(userCode) && grant.state.equals("pending"))
                .forEach(grant -> {
                    switch (decision) {
                        case APPROVE -> grant.state = "approved";
                        case DENY -> grant.state = "denied";
                        case IGNORE -> { }
                    }
                });
        send(exchange, 200, Map.of(), "device sign-in page");
    }

    private Object getRoleCredentials(HttpExchange exchange, JsonNode body) {
        requireToken(exchange);
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String accountId = query.get("account_id");
        String roleName = query.get("role_name");
        if (accountId == null || roleName == null) {
            throw portalError(400, "InvalidRequestException", "role_name and account_id are required");
        }
        boolean assigned = accounts.stream().anyMatch(a -> a.accountId().equals(accountId) && a.roles().contains(roleName));
        if (!assigned) {
            throw portalError(404, "ResourceNotFoundException", "No access");
        }
        RoleKeys keys = issuer.apply(accountId, roleName);
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("accessKeyId", keys.accessKeyId());
        credentials.put("secretAccessKey", keys.secretAccessKey());
        credentials.put("sessionToken", keys.sessionToken());
        credentials.put("expiration", keys.expiration().toEpochMilli());
        return Map.of("roleCredentials", credentials);
    }

    private Object listAccounts(HttpExchange exchange, JsonNode body) {
        requireToken(exchange);
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        return page(query, accounts.stream().map(a -> (Object) Map.of("accountId", a.accountId(), "accountName",
                a.accountName(), "emailAddress", a.accountName().toLowerCase() + "@example.com")).toList(), "accountList");
    }

    private Object listAccountRoles(HttpExchange exchange, JsonNode body) {
        requireToken(exchange);
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Account account = accounts.stream().filter(a -> a.accountId().equals(query.get("account_id"))).findFirst()
                .orElseThrow(() -> portalError(404, "ResourceNotFoundException", "no such account"));
        return page(query, account.roles().stream().map(role -> (Object) Map.of("roleName", role, "accountId",
                account.accountId())).toList(), "roleList");
    }

    /** One item a page, so every client must follow nextToken. */
    private static Map<String, Object> page(Map<String, String> query, List<Object> items, String listName) {
        int from = Integer.parseInt(query.getOrDefault("next_token", "0"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(listName, items.subList(Math.min(from, items.size()), Math.min(from + 1, items.size())));
        if (from + 1 < items.size()) {
            answer.put("nextToken", Integer.toString(from + 1));
        }
        return answer;
    }

    private Object logout(HttpExchange exchange, JsonNode body) {
        String token = requireToken(exchange);
        accessTokens.remove(token);
        return null;
    }

    private String requireToken(HttpExchange exchange) {
        String token = exchange.getRequestHeaders().getFirst("x-amz-sso_bearer_token");
        Instant expiry = token == null ? null : accessTokens.get(token);
        if (expiry == null || expiry.isBefore(clock.instant())) {
            throw portalError(401, "UnauthorizedException", "Session token not found or invalid");
        }
        return token;
    }

    private Client client(JsonNode body) {
        Client client = clients.get(body.get("clientId").asText());
        if (client == null || !client.secret().equals(body.get("clientSecret").asText())) {
            throw oidcError("InvalidClientException", "unknown client or wrong secret");
        }
        return client;
    }

    private static void require(JsonNode body, boolean oidc, String... names) {
        for (String name : names) {
            if (!body.hasNonNull(name) || body.get(name).asText().isEmpty()) {
                throw oidc ? oidcError("InvalidRequestException", name + " is required")
                        : portalError(400, "InvalidRequestException", name + " is required");
            }
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> list = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(item -> list.add(item.asText()));
        }
        return list;
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        send(exchange, 302, Map.of("Location", location), "");
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (!headers.containsKey("Location")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
