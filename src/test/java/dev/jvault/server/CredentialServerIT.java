package dev.jvault.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvault.config.PlanOptions;
import dev.jvault.config.SessionPlan;
import dev.jvault.credentials.CredentialBroker;
import dev.jvault.files.PrivateFiles;
import dev.jvault.store.StoredItem;
import dev.jvault.store.file.FileStore;
import dev.jvault.sts.SdkStsGateway;
import dev.jvault.testing.Fixtures;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import dev.jvault.testing.MutableClock;
import dev.jvault.testing.SandboxHome;
import dev.jvault.testing.TestVaults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The credential endpoint in-process, renewing through the real broker against moto, on a clock
 * the test moves. moto dates credentials by the real clock, so the renewal margin is small (2 s)
 * and real time passes beyond it before the test moves its clock to just before expiry.
 */
@ExtendWith(MotoExtension.class)
class CredentialServerIT {

    static {
        // The JDK server reads this once per JVM; the endpoint's own 10 s would make the half-open test slow.
        System.setProperty("sun.net.httpserver.maxReqTime", "2");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock(Instant.now());
    private MotoServer moto;
    private SandboxHome home;
    private RenewingKeys credentials;

    @BeforeEach
    void broker(MotoServer moto) {
        this.moto = moto;
        home = new SandboxHome().config(Fixtures.SEED_CONFIG).set("AWS_ENDPOINT_URL_STS", moto.endpoint().toString());
        FileStore store = TestVaults.cheap(home);
        store.update(editor -> editor.put(new StoredItem.LongLivedKeys("main", "AKIAJVAULTTEST000001",
                "jvaultTestSecretjvaultTestSecretjvaultTe", Instant.EPOCH)));
        SessionPlan plan = home.plan("dev-1", PlanOptions.DEFAULTS);
        CredentialBroker broker = new CredentialBroker(store, p -> new SdkStsGateway(p.profile(), Duration.ofSeconds(30)),
                home.environment(), new PrivateFiles(home.environment()::display), home.path().resolve(".jvault/locks"),
                clock, MARGIN, Fixtures.NO_SSO);
        credentials = new RenewingKeys(() -> broker.credentials(plan, serial -> "123456"), clock, MARGIN);
        moto.startRecording();
    }

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theContainerEndpointServesOnlyTheTokenHolderAndRenewsNearExpiry() throws Exception {
        try (CredentialServer server = CredentialServer.start(CredentialServer.Mode.CONTAINER, credentials, "jvault-dev-1", clock)) {
            URI uri = URI.create(server.childVariables().get("AWS_CONTAINER_CREDENTIALS_FULL_URI"));
            String token = server.childVariables().get("AWS_CONTAINER_AUTHORIZATION_TOKEN");
            assertEquals("127.0.0.1", uri.getHost());
            assertEquals(43, token.length(), "256 random bits, base64url");

            HttpResponse<String> noToken = send(HttpRequest.newBuilder(uri));
            assertEquals(403, noToken.statusCode());
            assertEquals("missing or wrong authorization token", JSON.readTree(noToken.body()).get("message").asText());
            assertEquals(403, send(HttpRequest.newBuilder(uri).header("Authorization", token + "x")).statusCode());
            assertEquals(405, send(HttpRequest.newBuilder(uri).header("Authorization", token)
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
            assertEquals(404, send(HttpRequest.newBuilder(uri.resolve("/other")).header("Authorization", token)).statusCode());

            JsonNode first = JSON.readTree(send(HttpRequest.newBuilder(uri).header("Authorization", token)).body());
            assertTrue(first.get("AccessKeyId").asText().startsWith("ASIA"), first.toString());
            assertEquals(40, first.get("SecretAccessKey").asText().length());
            assertTrue(first.has("Token") && first.get("Expiration").asText().endsWith("Z"), first.toString());
            JsonNode again = JSON.readTree(send(HttpRequest.newBuilder(uri).header("Authorization", token)).body());
            assertEquals(first.get("AccessKeyId"), again.get("AccessKeyId"));
            assertEquals(1, moto.recorded("AssumeRole").size());

            // Past the margin in real time, then the test's clock to a second before expiry: forty requests
            // arrive while the credentials need renewing, and one AssumeRole renews them for all.
            Thread.sleep(MARGIN.plusSeconds(1).toMillis());
            clock.set(Instant.parse(first.get("Expiration").asText()).minusSeconds(1));
            List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                requests.add(http.sendAsync(HttpRequest.newBuilder(uri).header("Authorization", token).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<String> served = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> request : requests) {
                assertEquals(200, request.join().statusCode());
                served.add(JSON.readTree(request.join().body()).get("AccessKeyId").asText());
            }
            assertEquals(1, served.stream().distinct().count(), "all forty got the same credentials: " + served);
            assertNotEquals(first.get("AccessKeyId").asText(), served.getFirst(), "near expiry they are new ones");
            assertEquals(2, moto.recorded("AssumeRole").size(), "forty requests during a renewal: one AssumeRole");
            assertEquals(1, moto.recorded("GetSessionToken").size(), "renewed from the cached MFA session, no new code");
            server.close();
            assertThrows(ConnectException.class, () -> send(HttpRequest.newBuilder(uri)));
        }
    }

    @Test
    void theEc2EndpointSpeaksImdsV2Only() throws Exception {
        try (CredentialServer server = CredentialServer.start(CredentialServer.Mode.EC2, credentials, "jvault-dev-1", clock)) {
            URI base = URI.create(server.childVariables().get("AWS_EC2_METADATA_SERVICE_ENDPOINT") + "/");
            URI roles = base.resolve(CredentialServer.IMDS_ROLES_PATH);
            assertEquals(401, send(HttpRequest.newBuilder(roles)).statusCode(), "IMDSv1 is refused");
            URI tokenUri = base.resolve(CredentialServer.IMDS_TOKEN_PATH);
            assertEquals(400, send(HttpRequest.newBuilder(tokenUri).PUT(HttpRequest.BodyPublishers.noBody())).statusCode());
            assertEquals(405, send(HttpRequest.newBuilder(tokenUri)).statusCode());
            String session = send(HttpRequest.newBuilder(tokenUri).header("X-aws-ec2-metadata-token-ttl-seconds", "60")
                    .PUT(HttpRequest.BodyPublishers.noBody())).body();
            assertEquals("jvault-dev-1", send(HttpRequest.newBuilder(roles).header("X-aws-ec2-metadata-token", session)).body());
            JsonNode body = JSON.readTree(send(HttpRequest.newBuilder(roles.resolve("jvault-dev-1"))
                    .header("X-aws-ec2-metadata-token", session)).body());
            assertEquals("Success", body.get("Code").asText());
            assertTrue(body.get("AccessKeyId").asText().startsWith("ASIA"));
            assertEquals(404, send(HttpRequest.newBuilder(roles.resolve("other-role")).header("X-aws-ec2-metadata-token", session))
                    .statusCode());
            clock.advance(Duration.ofSeconds(61));
            assertEquals(401, send(HttpRequest.newBuilder(roles).header("X-aws-ec2-metadata-token", session)).statusCode(),
                    "an expired session token");
        }
    }

    /** The status line of a request written by hand: java.net.http will not send a Host header of our choosing. */
    private static String rawStatus(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(8000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void bothEndpointsServeOnlyRequestsAddressedToThemAndNotProxied() throws Exception {
        for (CredentialServer.Mode mode : CredentialServer.Mode.values()) {
            try (CredentialServer server = CredentialServer.start(mode, credentials, "jvault-dev-1", clock)) {
                int port = server.port();
                String put = "PUT /latest/api/token HTTP/1.1\r\nX-aws-ec2-metadata-token-ttl-seconds: 60\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n";
                String ok = mode == CredentialServer.Mode.EC2 ? "HTTP/1.1 200 OK" : "HTTP/1.1 404 Not Found";
                assertEquals(ok, rawStatus(port, put + "Host: 127.0.0.1:" + port + "\r\n\r\n"), mode + ": its own address");
                assertEquals(ok, rawStatus(port, put + "Host: localhost:" + port + "\r\n\r\n"), mode + ": localhost");
                assertEquals("HTTP/1.1 403 Forbidden", rawStatus(port, put + "Host: attacker.example:" + port + "\r\n\r\n"),
                        mode + ": a rebound DNS name");
                assertEquals("HTTP/1.1 403 Forbidden", rawStatus(port, put + "Host: 127.0.0.1:1\r\n\r\n"), mode + ": another port");
                assertEquals("HTTP/1.1 403 Forbidden", rawStatus(port, put + "Host: 127.0.0.1:" + port
                        + "\r\nX-Forwarded-For: 10.0.0.1\r\n\r\n"), mode + ": a proxied request");
            }
        }
    }

    @Test
    void imdsTokensAreSignedAndCarryTheirExpirySoNothingIsStored() throws Exception {
        try (CredentialServer server = CredentialServer.start(CredentialServer.Mode.EC2, credentials, "jvault-dev-1", clock)) {
            URI base = URI.create(server.childVariables().get("AWS_EC2_METADATA_SERVICE_ENDPOINT") + "/");
            String session = send(HttpRequest.newBuilder(base.resolve(CredentialServer.IMDS_TOKEN_PATH))
                    .header("X-aws-ec2-metadata-token-ttl-seconds", "60").PUT(HttpRequest.BodyPublishers.noBody())).body();
            byte[] token = Base64.getUrlDecoder().decode(session);
            assertEquals(40, token.length, "8 bytes of expiry and a 32-byte HMAC");
            assertEquals(clock.instant().getEpochSecond() + 60, ByteBuffer.wrap(token).getLong());
            ByteBuffer.wrap(token).putLong(0, clock.instant().getEpochSecond() + 21600);
            URI roles = base.resolve(CredentialServer.IMDS_ROLES_PATH);
            assertEquals(401, send(HttpRequest.newBuilder(roles).header("X-aws-ec2-metadata-token",
                    Base64.getUrlEncoder().withoutPadding().encodeToString(token))).statusCode(), "a lengthened token");
            assertEquals(401, send(HttpRequest.newBuilder(roles).header("X-aws-ec2-metadata-token", "not base64 !")).statusCode());
            assertEquals(200, send(HttpRequest.newBuilder(roles).header("X-aws-ec2-metadata-token", session)).statusCode());
        }
    }

    @Test
    void aRequestThatIsNeverFinishedIsCutOff() throws Exception {
        try (CredentialServer server = CredentialServer.start(CredentialServer.Mode.EC2, credentials, "jvault-dev-1", clock);
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(8000);
            socket.getOutputStream().write(("GET " + CredentialServer.IMDS_ROLES_PATH + " HTTP/1.1\r\nHost: 127.0.0.1:"
                    + server.port() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, socket.getInputStream().read(), "the server closed the half-sent request");
        }
    }
}
