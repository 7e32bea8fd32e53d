package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.testing.ExecSandbox;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** exec --server and --ec2-server as users run them: real clients in the child, the endpoint gone with the child. */
@ExtendWith(MotoExtension.class)
class ServerExecIT {

    private static final String ROLE_ARN_PREFIX = "arn:aws:sts::222222222222:assumed-role/dev-1-role/";

    private ExecSandbox sandbox;

    @BeforeEach
    void setUp(MotoServer moto) {
        sandbox = new ExecSandbox(moto);
        assertEquals(0, sandbox.jvault("exec", "dev-1", "-t", "123456", "true").exitCode());
    }

    @AfterEach
    void cleanUp() {
        sandbox.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--server", "--ec2-server"})
    void theAwsCliAndAnSdkProgramGetCredentialsFromTheEndpoint(String mode) {
        JvaultProcess.Result cli = sandbox.jvault("exec", "dev-1", mode, "--", "aws", "sts", "get-caller-identity",
                "--query", "Arn", "--output", "text");
        assertEquals(0, cli.exitCode(), cli.toString());
        assertTrue(cli.stdout().startsWith(ROLE_ARN_PREFIX), cli.toString());

        JvaultProcess.Result sdk = sandbox.jvault("exec", "dev-1", mode, "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                "dev.jvault.testing.SdkCallerIdentityProgram", "--default-chain");
        assertEquals(0, sdk.exitCode(), sdk.toString());
        assertTrue(sdk.stdout().startsWith(ROLE_ARN_PREFIX), sdk.toString());
    }

    @ParameterizedTest
    @CsvSource({"--server, AWS_CONTAINER_CREDENTIALS_FULL_URI", "--ec2-server, AWS_EC2_METADATA_SERVICE_ENDPOINT"})
    void theChildGetsTheEndpointInsteadOfKeysAndItsStatusIsJvaults(String mode, String variable) throws IOException {
        JvaultProcess.Result result = sandbox.jvault("exec", "dev-1", mode, "--", "sh", "-c",
                "echo \"$" + variable + "\"; echo \"keys:${AWS_ACCESS_KEY_ID:-none}\"; env | grep -c '^AWS_SESSION_TOKEN=' ; exit 7");
        assertEquals(7, result.exitCode(), result.toString());
        List<String> lines = result.stdout().lines().toList();
        URI endpoint = URI.create(lines.get(0));
        assertEquals("127.0.0.1", endpoint.getHost());
        assertEquals("keys:none", lines.get(1));
        assertEquals("0", lines.get(2));
        assertEquals("", result.stderr(), "no note about asking for codes on a terminal there is none of");
        assertRefused(endpoint);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--server", "--ec2-server"})
    void theEndpointIsGoneAlsoWhenTheChildIsKilled(String mode) throws IOException {
        JvaultProcess.Result result = sandbox.jvault("exec", "dev-1", mode, "--", "sh", "-c",
                "echo \"${AWS_CONTAINER_CREDENTIALS_FULL_URI:-$AWS_EC2_METADATA_SERVICE_ENDPOINT}\"; kill -KILL $$");
        assertEquals(128 + 9, result.exitCode(), result.toString());
        assertRefused(URI.create(result.stdout().strip()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--server", "--ec2-server"})
    void onlyLoopbackCanReachIt(String mode) throws IOException {
        java.util.Optional<java.net.InetAddress> external = java.net.NetworkInterface.networkInterfaces()
                .flatMap(java.net.NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && address instanceof java.net.Inet4Address)
                .findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback address");
        JvaultProcess.Result result = sandbox.jvault("exec", "dev-1", mode, "--", "sh", "-c",
                "port=$(echo \"${AWS_CONTAINER_CREDENTIALS_FULL_URI:-$AWS_EC2_METADATA_SERVICE_ENDPOINT}\" | sed 's#.*:\\([0-9]*\\).*#\\1#');"
                        + " if (exec 3<>/dev/tcp/" + external.get().getHostAddress() + "/$port) 2>/dev/null; then echo reachable;"
                        + " else echo refused; fi");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("refused", result.stdout().strip(), "the endpoint answered on " + external.get());
    }

    private static void assertRefused(URI endpoint) {
        assertThrows(ConnectException.class, () -> new Socket(endpoint.getHost(), endpoint.getPort()).close(),
                "the endpoint still answers on " + endpoint);
    }
}
