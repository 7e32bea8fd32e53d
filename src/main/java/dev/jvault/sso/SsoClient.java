package dev.jvault.sso;

import dev.jvault.config.SsoSession;
import dev.jvault.error.NetworkFailures;
import dev.jvault.keys.AwsKeys;
import dev.jvault.log.Log;
import dev.jvault.store.StoredItem;
import dev.jvault.text.JsonReader;
import dev.jvault.text.TerminalText;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * IAM Identity Center's two services over HTTPS, as botocore's models describe them (rest-json,
 * unsigned): sso-oidc (RegisterClient, StartDeviceAuthorization, CreateToken) and the portal
 * (GetRoleCredentials, ListAccounts, ListAccountRoles, Logout). Throttling (429) and server
 * errors (5xx) are retried a few times with growing pauses; anything else is an
 * {@link SsoFailure} with the service's error type as its reason.
 */
public final class SsoClient {

    static final String CLIENT_NAME = "jvault";
    private static final int ATTEMPTS = 4;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);

    private final SsoSession session;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    public SsoClient(SsoSession session, Duration timeout, Clock clock) {
        this.session = session;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The answer of StartDeviceAuthorization. */
    record DeviceAuthorization(String deviceCode, String userCode, URI verificationUri, URI verificationUriComplete,
            Duration expiresIn, Duration interval) {
    }

    /** The answer of CreateToken. */
    record Grant(String accessToken, Instant expiresAt, Optional<String> refreshToken) {
        Grant {
            Log.secret(accessToken);
            refreshToken.ifPresent(Log::secret);
        }
    }

    record Page<T>(List<T> items, Optional<String> nextToken) {
    }

    record Account(String accountId, String accountName) {
    }

    StoredItem.Registration register(String flow, List<String> grantTypes, Optional<String> redirectUri) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientName", CLIENT_NAME);
        body.put("clientType", "public");
        if (!session.scopes().isEmpty()) {
            body.put("scopes", session.scopes());
        }
        if (!grantTypes.isEmpty()) {
            body.put("grantTypes", grantTypes);
            body.put("issuerUrl", session.startUrl().value());
        }
        redirectUri.ifPresent(uri -> body.put("redirectUris", List.of(uri)));
        Map<String, Object> answer = post(session.oidc().value(), "/client/register", body, "RegisterClient");
        String secret = text(answer, "clientSecret");
        Log.secret(secret);
        return new StoredItem.Registration(text(answer, "clientId"), secret,
                Instant.ofEpochSecond(number(answer, "clientSecretExpiresAt").longValue()), flow);
    }

    DeviceAuthorization startDeviceAuthorization(StoredItem.Registration client) {
        Map<String, Object> answer = post(session.oidc().value(), "/device_authorization", Map.of("clientId",
                client.clientId(), "clientSecret", client.clientSecret(), "startUrl", session.startUrl().value()),
                "StartDeviceAuthorization");
        String deviceCode = text(answer, "deviceCode");
        Log.secret(deviceCode);
        URI verification = uri(answer, "verificationUri");
        return new DeviceAuthorization(deviceCode, text(answer, "userCode"), verification,
                Optional.ofNullable(answer.get("verificationUriComplete")).map(v -> uri(answer, "verificationUriComplete"))
                        .orElse(verification),
                Duration.ofSeconds(number(answer, "expiresIn").longValue()),
                Duration.ofSeconds(Optional.ofNullable((BigDecimal) answer.get("interval")).orElse(BigDecimal.valueOf(5))
                        .longValue()));
    }

    /** CreateToken with {@code grant} (grantType and its fields) for {@code client}. */
    Grant createToken(StoredItem.Registration client, Map<String, String> grant) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", client.clientId());
        body.put("clientSecret", client.clientSecret());
        body.putAll(grant);
        Instant asked = clock.instant();
        Map<String, Object> answer = post(session.oidc().value(), "/token", body, "CreateToken");
        return new Grant(text(answer, "accessToken"), asked.plusSeconds(number(answer, "expiresIn").longValue()),
                Optional.ofNullable(answer.get("refreshToken")).map(String::valueOf));
    }

    /** The URL of the browser step of the authorization code flow (the authorize endpoint, next to CreateToken's). */
    URI authorizeUrl(StoredItem.Registration client, String redirectUri, String state, String codeChallenge) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", client.clientId());
        query.put("redirect_uri", redirectUri);
        query.put("state", state);
        query.put("code_challenge_method", "S256");
        query.put("scopes", String.join(" ", session.scopes()));
        query.put("code_challenge", codeChallenge);
        return resolve(session.oidc().value(), "/authorize", query);
    }

    AwsKeys roleCredentials(String accessToken, String accountId, String roleName) {
        Map<String, Object> answer = get("/federation/credentials", Map.of("role_name", roleName, "account_id", accountId),
                accessToken, "GetRoleCredentials");
        if (!(answer.get("roleCredentials") instanceof Map<?, ?> credentials)) {
            throw malformed("GetRoleCredentials", "no roleCredentials");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) credentials;
        AwsKeys keys = AwsKeys.temporary(text(fields, "accessKeyId"), text(fields, "secretAccessKey"),
                text(fields, "sessionToken"), Instant.ofEpochMilli(number(fields, "expiration").longValue()));
        Log.secret(keys.secretAccessKey());
        Log.secret(keys.sessionToken().orElseThrow());
        return keys;
    }

    Page<Account> accounts(String accessToken, Optional<String> nextToken) {
        Map<String, String> query = new LinkedHashMap<>();
        nextToken.ifPresent(token -> query.put("next_token", token));
        Map<String, Object> answer = get("/assignment/accounts", query, accessToken, "ListAccounts");
        List<Account> accounts = new ArrayList<>();
        for (Map<String, Object> account : list(answer, "accountList")) {
            accounts.add(new Account(text(account, "accountId"), String.valueOf(account.getOrDefault("accountName", ""))));
        }
        return new Page<>(accounts, Optional.ofNullable(answer.get("nextToken")).map(String::valueOf));
    }

    Page<String> roles(String accessToken, String accountId, Optional<String> nextToken) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("account_id", accountId);
        nextToken.ifPresent(token -> query.put("next_token", token));
        Map<String, Object> answer = get("/assignment/roles", query, accessToken, "ListAccountRoles");
        List<String> roles = new ArrayList<>();
        for (Map<String, Object> role : list(answer, "roleList")) {
            roles.add(text(role, "roleName"));
        }
        return new Page<>(roles, Optional.ofNullable(answer.get("nextToken")).map(String::valueOf));
    }

    void logout(String accessToken) {
        send(HttpRequest.newBuilder(resolve(session.portal().value(), "/logout", Map.of()))
                .header("x-amz-sso_bearer_token", accessToken)
                .POST(HttpRequest.BodyPublishers.noBody()), "Logout");
    }

    private Map<String, Object> post(URI endpoint, String path, Map<String, ?> body, String operation) {
        return send(HttpRequest.newBuilder(resolve(endpoint, path, Map.of()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(dev.jvault.text.Json.write(body))), operation);
    }

    private Map<String, Object> get(String path, Map<String, String> query, String accessToken, String operation) {
        return send(HttpRequest.newBuilder(resolve(session.portal().value(), path, query))
                .header("x-amz-sso_bearer_token", accessToken).GET(), operation);
    }

    private Map<String, Object> send(HttpRequest.Builder request, String operation) {
        HttpRequest built = request.timeout(timeout).build();
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            Log.debug("IAM Identity Center " + operation + ": " + built.method() + " " + built.uri().getScheme() + "://"
                    + built.uri().getAuthority() + built.uri().getPath());
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return response.body().isBlank() ? Map.of() : JsonReader.object(response.body());
                }
                SsoFailure failure = failure(operation, response);
                boolean retried = failure.reason() == SsoFailure.Reason.TOO_MANY_REQUESTS || status == 429 || status >= 500;
                if (!retried || attempt == ATTEMPTS) {
                    throw failure;
                }
                Log.debug(operation + " answered " + status + ": trying again in " + pause.toMillis() + " ms");
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw new SsoFailure(SsoFailure.Reason.UNREACHABLE, dev.jvault.error.ExitStatus.STS,
                            "cannot reach IAM Identity Center at " + built.uri().getAuthority() + " (" + NetworkFailures.reason(e)
                                    + "): check the network, sso_region and any endpoint you set", e);
                }
                Log.debug(operation + " failed (" + e + "): trying again in " + pause.toMillis() + " ms");
            } catch (IllegalArgumentException e) {
                throw malformed(operation, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SsoFailure(SsoFailure.Reason.UNREACHABLE, "interrupted while calling IAM Identity Center");
            }
            sleep(pause.plusMillis((long) (Math.random() * pause.toMillis())));
            pause = pause.multipliedBy(2);
        }
    }

    private static SsoFailure failure(String operation, HttpResponse<String> response) {
        String type = response.headers().firstValue("x-amzn-ErrorType").map(t -> t.split(":")[0]).orElse("");
        String description = "";
        try {
            Map<String, Object> body = JsonReader.object(response.body());
            Object text = body.getOrDefault("error_description", body.getOrDefault("message", body.get("error")));
            description = text == null ? "" : String.valueOf(text);
            if (type.isEmpty() && body.get("error") != null) {
                type = oauthErrorType(String.valueOf(body.get("error")));
            }
        } catch (IllegalArgumentException notJson) {
            // the status says enough
        }
        SsoFailure.Reason reason = SsoFailure.ofErrorType(type);
        if (reason == SsoFailure.Reason.OTHER && response.statusCode() == 429) {
            reason = SsoFailure.Reason.TOO_MANY_REQUESTS;
        } else if (reason == SsoFailure.Reason.OTHER && response.statusCode() >= 500) {
            reason = SsoFailure.Reason.SERVER_ERROR;
        }
        return new SsoFailure(reason, "IAM Identity Center refused " + operation + " (" + response.statusCode()
                + (type.isEmpty() ? "" : " " + type) + (description.isEmpty() ? "" : ": " + TerminalText.escape(description))
                + ")" + advice(reason));
    }

    private static String advice(SsoFailure.Reason reason) {
        return switch (reason) {
            case UNAUTHORIZED, INVALID_GRANT, EXPIRED_TOKEN -> ": sign in again with jvault sso login";
            case TOO_MANY_REQUESTS, SERVER_ERROR -> ": try again in a minute";
            default -> ": check sso_start_url, sso_region, the account and the role";
        };
    }

    /** OAuth's error codes, for an answer without the header. */
    private static String oauthErrorType(String error) {
        return switch (error) {
            case "authorization_pending" -> "AuthorizationPendingException";
            case "slow_down" -> "SlowDownException";
            case "expired_token" -> "ExpiredTokenException";
            case "access_denied" -> "AccessDeniedException";
            case "invalid_grant" -> "InvalidGrantException";
            case "invalid_client", "unauthorized_client" -> "InvalidClientException";
            default -> "";
        };
    }

    private static URI resolve(URI endpoint, String path, Map<String, String> query) {
        String base = endpoint.toString().replaceAll("/+$", "");
        StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> parameters.add(encode(name) + "=" + encode(value)));
        return URI.create(base + path + parameters);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SsoFailure(SsoFailure.Reason.UNREACHABLE, "interrupted while calling IAM Identity Center");
        }
    }

    private static SsoFailure malformed(String operation, String what) {
        return new SsoFailure(SsoFailure.Reason.OTHER, "IAM Identity Center's answer to " + operation
                + " is malformed (" + what + "): try again, and report it if it persists");
    }

    private static String text(Map<String, Object> map, String name) {
        if (map.get(name) instanceof String text && !text.isEmpty()) {
            return text;
        }
        throw malformed("a call", "no " + name);
    }

    private static BigDecimal number(Map<String, Object> map, String name) {
        if (map.get(name) instanceof BigDecimal number) {
            return number;
        }
        throw malformed("a call", "no number " + name);
    }

    private static URI uri(Map<String, Object> map, String name) {
        try {
            return URI.create(text(map, name));
        } catch (IllegalArgumentException e) {
            throw malformed("a call", "a bad " + name);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String name) {
        Object value = map.getOrDefault(name, List.of());
        if (!(value instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
            throw malformed("a call", "no list " + name);
        }
        return (List<Map<String, Object>>) list;
    }
}
