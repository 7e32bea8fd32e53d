package dev.jvault.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoopbackCallbackTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> visit(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void takesTheFirstCallbackWithItsStateAndRefusesAnyOther() throws Exception {
        try (LoopbackCallback callback = new LoopbackCallback("expected-state")) {
            assertTrue(callback.redirectUri().matches("http://127\\.0\\.0\\.1:\\d+/oauth/callback"), callback.redirectUri());
            HttpResponse<String> forged = visit(callback.redirectUri() + "?code=attacker&state=other");
            assertEquals(400, forged.statusCode(), "a callback with another state is refused");
            assertEquals(Optional.empty(), callback.await(Duration.ofMillis(200)), "and the listener waits on");
            assertEquals(200, visit(callback.redirectUri() + "?code=the-code&state=expected-state").statusCode());
            assertEquals(Optional.of("the-code"), callback.await(Duration.ofSeconds(5)).orElseThrow().code());
            HttpResponse<String> second = visit(callback.redirectUri() + "?code=another&state=expected-state");
            assertEquals(400, second.statusCode());
            assertEquals(Optional.of("the-code"), callback.await(Duration.ofSeconds(5)).orElseThrow().code(),
                    "the first callback stands");
        }
    }

    @Test
    void bringsBackTheSignInPagesErrorAndTimesOutWithoutOne() throws Exception {
        try (LoopbackCallback callback = new LoopbackCallback("s")) {
            assertEquals(Optional.empty(), callback.await(Duration.ofMillis(300)), "no callback in time");
            visit(callback.redirectUri() + "?error=access_denied&state=s");
            LoopbackCallback.Result result = callback.await(Duration.ofSeconds(5)).orElseThrow();
            assertEquals(Optional.empty(), result.code());
            assertEquals(Optional.of("access_denied"), result.error());
        }
    }

    @Test
    void pkceChallengeIsTheVerifiersSha256InBase64Url() {
        // python3: base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b'=')
        assertEquals("P0F-Ph0n43CnnJK1vzchwPcEG2xM34E3X95jfdF8Jtk",
                SignIn.challenge("dBjftJeZ4CVP-mB92K9uhvz8pudFIXxOuFYG2QfYWhA"));
    }
}
