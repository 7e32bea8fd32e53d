package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.jvault.testing.ExecSandbox;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * jvault login against moto for STS and a stand-in federation endpoint on loopback (there is no
 * network here), which checks the Session JSON as AWS's would and answers a SigninToken.
 */
@ExtendWith(MotoExtension.class)
class LoginIT {

    private MotoServer moto;
    private ExecSandbox sandbox;
    private HttpServer federation;
    private final List<Map<String, String>> signinRequests = new CopyOnWriteArrayList<>();
    private volatile String answer = "{\"SigninToken\":\"test-signin-token\"}";

    @BeforeEach
    void setUp(MotoServer moto) throws IOException {
        this.moto = moto;
        sandbox = new ExecSandbox(moto);
        federation = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        federation.createContext("/federation", exchange -> {
            signinRequests.add(query(exchange.getRequestURI()));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        federation.start();
        sandbox.home().set("JVAULT_SIGNIN_ENDPOINT", "http://127.0.0.1:" + federation.getAddress().getPort() + "/federation");
        moto.startRecording();
    }

    @AfterEach
    void cleanUp() {
        federation.stop(0);
        sandbox.close();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            params.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void aRoleProfileSignsInAsTheRoleForAtMostAnHourWhenChained() throws IOException {
        JvaultProcess.Result result = sandbox.jvault("login", "dev-1", "--stdout", "-t", "123456");
        assertEquals(0, result.exitCode(), result.toString());
        Map<String, String> url = query(URI.create(result.stdout().strip()));
        assertEquals("login", url.get("Action"));
        assertEquals("jvault", url.get("Issuer"));
        assertEquals("test-signin-token", url.get("SigninToken"));
        assertEquals("https://eu-central-1.console.aws.amazon.com/console/home?region=eu-central-1", url.get("Destination"));
        assertTrue(result.stdout().startsWith("http://127.0.0.1:" + federation.getAddress().getPort() + "/federation?"));

        Map<String, String> signin = signinRequests.getFirst();
        assertEquals("getSigninToken", signin.get("Action"));
        JsonNode session = new ObjectMapper().readTree(signin.get("Session"));
        assertTrue(session.get("sessionId").asText().startsWith("ASIA"), session.toString());
        assertEquals(40, session.get("sessionKey").asText().length());
        assertFalse(session.get("sessionToken").asText().isEmpty());
        assertTrue(Integer.parseInt(signin.get("SessionDuration")) <= 3600, "a role chained from the MFA session: 1h");
        assertEquals(1, moto.recorded("AssumeRole").size(), "the same path as exec: MFA session, then the role");
        assertFalse(signin.toString().contains(ExecSandbox.SECRET), "the long-lived secret never leaves for the sign-in");

        JvaultProcess.Result chained = sandbox.jvault("login", "prod", "--stdout", "-d", "2h");
        assertEquals(0, chained.exitCode(), chained.toString());
        assertTrue(chained.stderr().contains("jvault: note: role prod asks for 2h, but a role assumed from temporary"
                + " credentials lasts at most 1h: capped at 1h"), "capped, and said: " + chained.stderr());
        assertTrue(Integer.parseInt(signinRequests.getLast().get("SessionDuration")) <= 3600);
    }

    @Test
    void aSingleRoleAssumedFromTheKeysGetsItsLongerSession() {
        JvaultProcess.Result result = sandbox.jvault("login", "dev-1", "--stdout", "-t", "123456", "-d", "2h");
        assertEquals(0, result.exitCode(), result.toString());
        int seconds = Integer.parseInt(signinRequests.getFirst().get("SessionDuration"));
        assertTrue(seconds > 3600 && seconds <= 7200, "the role's own 2h: " + seconds);
    }

    @Test
    void aProfileWithoutARoleSignsInWithAFederationToken() {
        JvaultProcess.Result result = sandbox.jvault("login", "main", "--stdout", "--path", "/s3/home");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("jvault: note: profile main has no role: the console session is a federation"
                + " token"), result.stderr());
        MotoServer.RecordedRequest token = moto.recorded("GetFederationToken").getFirst();
        assertEquals(ExecSandbox.KEY_ID, token.signingAccessKeyId(), "made from the long-lived keys");
        assertTrue(token.param("Name").startsWith("jvault-"), token.params().toString());
        assertTrue(token.param("Policy").contains("\"Action\":\"*\""), token.params().toString());
        assertFalse(moto.recording().toString().contains(ExecSandbox.SECRET), "the secret only signs");
        Map<String, String> signin = signinRequests.getFirst();
        assertNull(signin.get("SessionDuration"), "the endpoint takes none with a federation token");
        assertEquals("https://us-east-1.console.aws.amazon.com/s3/home?region=us-east-1",
                query(URI.create(result.stdout().strip())).get("Destination"));
    }

    @Test
    void awsVaultsFederationTokenTtlSetsTheFederationTokensDurationUnlessJvaultsOwnIsSet() {
        sandbox.home().set("AWS_FEDERATION_TOKEN_TTL", "3h").set("AWS_SESSION_TOKEN_TTL", "5h");
        assertEquals(0, sandbox.jvault("login", "main", "--stdout").exitCode());
        assertEquals("10800", moto.recorded("GetFederationToken").getLast().param("DurationSeconds"));
        sandbox.home().set("JVAULT_SESSION_TTL", "2h");
        JvaultProcess.Result shortOption = sandbox.jvault("login", "main", "-s"); // aws-vault's short name for --stdout
        assertEquals(0, shortOption.exitCode(), shortOption.toString());
        assertTrue(shortOption.stdout().startsWith("http://127.0.0.1:"), shortOption.stdout());
        assertEquals("7200", moto.recorded("GetFederationToken").getLast().param("DurationSeconds"));
        sandbox.home().set("JVAULT_SESSION_TTL", "").set("AWS_FEDERATION_TOKEN_TTL", "37h");
        JvaultProcess.Result tooLong = sandbox.jvault("login", "main", "--stdout");
        assertEquals(78, tooLong.exitCode(), tooLong.toString());
        assertEquals("jvault: $AWS_FEDERATION_TOKEN_TTL: a federation token duration of 37h is outside what AWS allows"
                + " (15m to 36h)\n", tooLong.stderr());
    }

    @Test
    void opensTheBrowserWithTheUrlAndSaysWhenThereIsNone() throws IOException {
        sandbox.jvault("exec", "dev-1", "-t", "123456", "true");
        Path opened = sandbox.home().path().resolve("opened");
        Path opener = Files.writeString(sandbox.home().path().resolve("open-url"), "#!/bin/sh\nprintf '%s' \"$1\" > " + opened + "\n");
        opener.toFile().setExecutable(true);
        JvaultProcess.Result browser = sandbox.jvault("login", "dev-1", "--browser", opener.toString());
        assertEquals(0, browser.exitCode(), browser.toString());
        assertEquals("", browser.stdout(), "the URL goes to the browser, not the terminal");
        assertEquals("test-signin-token", query(URI.create(Files.readString(opened))).get("SigninToken"));

        JvaultProcess.Result failing = sandbox.jvault("login", "dev-1", "--browser", "false");
        assertEquals(69, failing.exitCode(), failing.toString());
        assertTrue(failing.stdout().contains("SigninToken=test-signin-token"), "the URL is printed instead: " + failing);
        assertEquals("jvault: the browser command false failed: open the URL above yourself\n", failing.stderr());

        JvaultProcess.Result none = JvaultProcess.run(withoutOpeners(), "login", "dev-1");
        assertEquals(69, none.exitCode(), none.toString());
        assertTrue(none.stdout().contains("SigninToken=test-signin-token"), "the URL is printed instead: " + none);
        assertTrue(none.stderr().startsWith("jvault: no browser found"), none.stderr());

        // Debian's "open" is run-mailcap: sensible-browser comes before it, after xdg-open.
        Map<String, String> debian = withoutOpeners();
        Path bin = Path.of(debian.get("PATH"));
        Path ranOpen = sandbox.home().path().resolve("ran-open");
        Files.writeString(bin.resolve("open"), "#!/bin/sh\ntouch " + ranOpen + "\nexit 1\n").toFile().setExecutable(true);
        Files.writeString(bin.resolve("sensible-browser"), "#!/bin/sh\nprintf '%s' \"$1\" > " + opened + "\n").toFile()
                .setExecutable(true);
        Files.delete(opened);
        JvaultProcess.Result sensible = JvaultProcess.run(debian, "login", "dev-1");
        assertEquals(0, sensible.exitCode(), sensible.toString());
        assertEquals("test-signin-token", query(URI.create(Files.readString(opened))).get("SigninToken"));
        assertTrue(Files.notExists(ranOpen), "open was not tried");
    }

    /** The sandbox's variables with PATH holding only what jvault needs, and no xdg-open or open. */
    private Map<String, String> withoutOpeners() throws IOException {
        Path bin = Files.createDirectories(sandbox.home().path().resolve("bin"));
        for (String tool : List.of("sh", "readlink")) {
            Path real = Path.of("/bin", tool);
            if (Files.exists(real) && !Files.exists(bin.resolve(tool))) {
                Files.createSymbolicLink(bin.resolve(tool), real);
            }
        }
        Map<String, String> env = sandbox.with("PATH", bin.toString());
        env.remove("BROWSER");
        return env;
    }

    @Test
    void stdoutOnATerminalWarnsThatTheUrlIsABearerCredential() {
        sandbox.jvault("exec", "dev-1", "-t", "123456", "true");
        String pty = Path.of("src/test/resources/pty_run.py").toAbsolutePath().toString();
        JvaultProcess.Result onTerminal = JvaultProcess.runCommand(List.of("python3", pty, "60", "--",
                JvaultProcess.launcher().toString(), "login", "dev-1", "--stdout"), sandbox.home().variables(), "",
                java.time.Duration.ofSeconds(60));
        assertEquals(0, onTerminal.exitCode(), onTerminal.toString());
        assertTrue(onTerminal.stdout().contains("jvault: warning: this URL signs whoever has it in to the console for 15"
                + " minutes"), onTerminal.stdout());
        JvaultProcess.Result piped = sandbox.jvault("login", "dev-1", "--stdout");
        assertFalse(piped.stderr().contains("warning"), "no warning when the URL goes to a pipe: " + piped.stderr());
    }

    @Test
    void aMalformedSigninEndpointIsAConfigErrorNamingTheVariable() {
        sandbox.jvault("exec", "dev-1", "-t", "123456", "true");
        JvaultProcess.Result result = JvaultProcess.run(sandbox.with("JVAULT_SIGNIN_ENDPOINT", "signin.example"), "login",
                "dev-1", "--stdout");
        assertEquals(78, result.exitCode(), result.toString());
        assertEquals("jvault: $JVAULT_SIGNIN_ENDPOINT: endpoint 'signin.example' is not an http(s) URL with a host (and a"
                + " port up to 65535): correct it or unset it\n", result.stderr());
        assertEquals("", result.stdout());
    }

    @Test
    void anEndpointThatAnswersWithoutASigninTokenIsOneLine() {
        answer = "{\"error\":\"nope\"}";
        JvaultProcess.Result result = sandbox.jvault("login", "dev-1", "--stdout", "-t", "123456");
        assertEquals(76, result.exitCode(), result.toString());
        assertTrue(result.stderr().matches("jvault: the AWS sign-in endpoint http://127.0.0.1:\\d+/federation answered 200"
                + " without a SigninToken \\(endpoint from \\$JVAULT_SIGNIN_ENDPOINT\\): check the network, or"
                + " JVAULT_SIGNIN_ENDPOINT if you set it\n"), result.stderr());
        assertEquals("", result.stdout());
    }
}
