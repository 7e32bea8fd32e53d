package dev.jvault.sts;

import dev.jvault.config.RootSource;
import dev.jvault.log.Log;
import dev.jvault.store.StoreException;
import dev.jvault.store.StoreException.Reason;
import dev.jvault.process.HelperCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Runs a profile's {@code credential_process} as the AWS CLI does ({@code sh -c}, stderr and the
 * terminal passed through) and reads its JSON: Version 1, AccessKeyId, SecretAccessKey, and
 * optionally SessionToken and Expiration.
 */
final class CredentialProcess {

    private CredentialProcess() {
    }

    static IssuedCredentials run(RootSource.CredentialProcess source, Duration timeout) {
        String where = "credential_process of profile " + source.profile() + " (" + source.command().origin() + ")";
        HelperCommand.Finished finished = new HelperCommand(where, timeout, CredentialProcess::failed)
                .runShell(source.command().value());
        if (finished.status() != 0) {
            throw failed(where + " exited with status " + finished.status());
        }
        String output = new String(finished.stdout(), StandardCharsets.UTF_8);
        try {
            JsonNode json = JsonNode.parser().parse(output);
            if (!"1".equals(text(json, "Version").orElse(""))) {
                throw failed(where + " printed no \"Version\": 1");
            }
            String id = text(json, "AccessKeyId").orElseThrow(() -> failed(where + " printed no AccessKeyId"));
            String secret = text(json, "SecretAccessKey").orElseThrow(() -> failed(where + " printed no SecretAccessKey"));
            Optional<String> token = text(json, "SessionToken");
            Log.secret(secret);
            token.ifPresent(Log::secret);
            return new IssuedCredentials(id, secret, token, text(json, "Expiration").map(Instant::parse));
        } catch (RuntimeException e) {
            if (e instanceof StoreException) {
                throw e;
            }
            throw failed(where + " printed something that is not its JSON credentials: run the command by hand to see what it prints");
        }
    }

    private static Optional<String> text(JsonNode json, String field) {
        return json.field(field).filter(node -> !node.isNull()).map(node -> node.isNumber() ? node.asNumber() : node.asString());
    }

    private static StoreException failed(String message) {
        return new StoreException(Reason.UNAVAILABLE, message);
    }
}
