package dev.jvault.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvault.error.JvaultException;
import dev.jvault.keys.AwsKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleSignInTest {

    @Test
    void anUnreachableEndpointSaysWhyInWordsNotNull() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI federation = URI.create("http://127.0.0.1:" + closedPort + "/federation");
        AwsKeys session = AwsKeys.temporary("ASIAEXAMPLEEXAMPLE01", "s".repeat(40), "session-token-value",
                Instant.now().plusSeconds(3600));
        JvaultException failure = assertThrows(JvaultException.class, () -> new ConsoleSignIn(federation, "test")
                .loginUrl(session, Optional.empty(), URI.create("https://console.aws.amazon.com/")));
        assertEquals("cannot reach the AWS sign-in endpoint " + federation + " (connection refused) (endpoint from test): check the network, or JVAULT_SIGNIN_ENDPOINT if you set it",
                failure.getMessage());
    }
}
