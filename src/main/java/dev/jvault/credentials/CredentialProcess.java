package dev.jvault.credentials;

import dev.jvault.config.ConfigException;
import dev.jvault.config.Environment;
import dev.jvault.config.RootSource;
import dev.jvault.error.ExitStatus;
import dev.jvault.keys.AwsKeys;
import dev.jvault.log.Log;
import dev.jvault.process.HelperCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Runs a profile's {@code credential_process} through {@code sh -c} (as the Java and Go SDKs do;
 * the AWS CLI splits the line itself, docs/config.md), stderr and the terminal passed through,
 * and reads its JSON: Version 1, AccessKeyId, SecretAccessKey, and optionally SessionToken and
 * Expiration.
 *
 * <p>A credential_process that calls jvault for the same profile (aws-vault documents such a
 * line) would start jvault after jvault without end. Each run hands its helper the profiles it
 * is getting credentials for, in {@link #GUARD}; a jvault started under that guard refuses to
 * run the credential_process of a profile on it, at once.
 */
final class CredentialProcess {

    /** The profiles whose credential_process an outer jvault is running, one a line. */
    static final String GUARD = "JVAULT_CREDENTIAL_PROCESS_FOR";

    private CredentialProcess() {
    }

    static AwsKeys run(RootSource.CredentialProcess source, Duration timeout, Environment env) {
        String where = "credential_process of profile " + source.profile() + " (" + source.command().origin() + ")";
        List<String> outer = env.get(GUARD).map(value -> List.of(value.split("\n"))).orElse(List.of());
        if (outer.contains(source.profile())) {
            throw new ConfigException(source.command().origin(), "the credential_process of profile " + source.profile()
                    + " runs jvault for " + source.profile() + " itself, which would start jvault without end: store keys"
                    + " for it (jvault add " + source.profile() + "; stored keys win over credential_process), or point the"
                    + " line at another profile");
        }
        List<String> guard = new ArrayList<>(outer);
        guard.add(source.profile());
        HelperCommand.Finished finished = new HelperCommand(where, timeout, CredentialProcess::failed)
                .withVariable(GUARD, String.join("\n", guard))
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
            return new AwsKeys(id, secret, token, text(json, "Expiration").map(Instant::parse));
        } catch (RuntimeException e) {
            if (e instanceof KeySourceException) {
                throw e;
            }
            throw failed(where + " printed something that is not its JSON credentials: run the command by hand to see what it prints");
        }
    }

    private static Optional<String> text(JsonNode json, String field) {
        return json.field(field).filter(node -> !node.isNull()).map(node -> node.isNumber() ? node.asNumber() : node.asString());
    }

    private static KeySourceException failed(String message) {
        return new KeySourceException(ExitStatus.UNAVAILABLE, message);
    }
}
