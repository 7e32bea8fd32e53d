package dev.jvault.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void anEndpointVariableIsTheFirstSetAndAMalformedOneIsAConfigErrorNamingIt() {
        Environment env = new Environment(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4566")),
                env.endpoint("AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL").map(Sourced::value));
        assertEquals(Optional.empty(), new Environment(Map.of()).endpoint("AWS_ENDPOINT_URL_IAM"));
        for (String bad : new String[] {"not a url", "localhost:4566", "http://localhost:99999", "ftp://host/"}) {
            ConfigException error = assertThrows(ConfigException.class,
                    () -> new Environment(Map.of("AWS_ENDPOINT_URL_IAM", bad)).endpoint("AWS_ENDPOINT_URL_IAM"), bad);
            assertEquals("$AWS_ENDPOINT_URL_IAM: endpoint '" + bad + "' is not an http(s) URL with a host (and a port up to"
                    + " 65535): correct it or unset it", error.getMessage());
        }
    }
}
