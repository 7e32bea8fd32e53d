package dev.jvault.console;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.error.NetworkFailures;
import dev.jvault.keys.AwsKeys;
import dev.jvault.log.Log;
import dev.jvault.text.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console sign-in flow: trades session credentials for a SigninToken at the federation
 * endpoint, then builds the {@code Action=login} URL that opens the console with it. The URL is
 * a bearer credential for its lifetime (15 minutes): whoever has it is signed in.
 */
public final class ConsoleSignIn {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SIGNIN_TOKEN = Pattern.compile("\"SigninToken\"\\s*:\\s*\"([^\"]+)\"");

    private final URI federation;
    private final String federationOrigin;

    /** @param federationOrigin where the endpoint came from, for errors (the partition, or JVAULT_SIGNIN_ENDPOINT) */
    public ConsoleSignIn(URI federation, String federationOrigin) {
        this.federation = federation;
        this.federationOrigin = federationOrigin;
    }

    /**
     * @param sessionDuration how long the console session lasts; only for role credentials (the
     *        federation endpoint refuses it with a federation token's)
     */
    public URI loginUrl(AwsKeys credentials, Optional<Duration> sessionDuration, URI destination) {
        String token = signinToken(credentials, sessionDuration);
        return URI.create(federation + "?Action=login&Issuer=jvault&Destination=" + encode(destination.toString())
                + "&SigninToken=" + encode(token));
    }

    private String signinToken(AwsKeys credentials, Optional<Duration> sessionDuration) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("sessionId", credentials.accessKeyId());
        session.put("sessionKey", credentials.secretAccessKey());
        session.put("sessionToken", credentials.sessionToken().orElseThrow(() -> new IllegalArgumentException(
                "the console takes session credentials only")));
        String query = "?Action=getSigninToken" + sessionDuration.map(d -> "&SessionDuration=" + d.toSeconds()).orElse("")
                + "&Session=" + encode(Json.write(session));
        Log.debug("getSigninToken at " + federation + sessionDuration.map(d -> ", session " + d.toSeconds() + "s").orElse(""));
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            response = http.send(HttpRequest.newBuilder(URI.create(federation + query)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw failure("cannot reach the AWS sign-in endpoint " + federation + " (" + NetworkFailures.reason(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for " + federation);
        }
        Matcher token = SIGNIN_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw failure("the AWS sign-in endpoint " + federation + " answered " + response.statusCode()
                    + " without a SigninToken");
        }
        Log.secret(token.group(1));
        return token.group(1);
    }

    private JvaultException failure(String what) {
        return new JvaultException(ExitStatus.STS, what + " (endpoint from " + federationOrigin + "): check the network,"
                + " or JVAULT_SIGNIN_ENDPOINT if you set it");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
