package dev.jvault;

import dev.jvault.cli.JvaultCommand;
import dev.jvault.config.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run for the AOT cache ({@code JVAULT_AOT_TRAIN=1 bin/jvault}, done by
 * scripts/install.sh): runs the light commands in-process against a throwaway config, so the
 * classes they load and link are in the cache. Makes no network call and touches no file
 * outside its own temporary folder.
 *
 * <p>Only light paths are trained, on purpose: the JVM loads every class of the cache at start-up.
 * Measured with scripts/bench.sh: training the store (Bouncy Castle's Argon2id, the keychain's
 * D-Bus client) added 1000+ classes and about 100 ms to every command while saving nothing on
 * the store commands, whose time goes to Argon2id and D-Bus round trips; training exec's cached
 * path saved about 70 ms on the vault file but cost about 60 ms on the keychain (the default)
 * and 100 ms on describe and --version.
 */
public final class AotTraining {

    static final String CONFIG = """
            [profile main]
            region = eu-west-1

            [profile dev-1]
            region = eu-central-1
            role_arn = arn:aws:iam::222222222222:role/dev
            source_profile = main
            mfa_serial = arn:aws:iam::111111111111:mfa/alice

            [profile broken]
            role_arn = not-an-arn
            source_profile = main

            [profile sso-dev]
            sso_session = corp
            sso_account_id = 111111111111
            sso_role_name = Admin

            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = eu-west-1
            """;

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path home = Files.createTempDirectory("jvault-aot-");
        try {
            Files.createDirectories(home.resolve(".aws"));
            Files.writeString(home.resolve(".aws/config"), CONFIG);
            Environment env = new Environment(Map.of("HOME", home.toString()));
            run(env, "--version");
            run(env, "--help");
            run(env, "describe", "dev-1");
            run(env, "describe", "--json", "dev-1");
            run(env, "describe", "broken");
            run(env, "describe", "sso-dev");
        } finally {
            deleteTree(home);
        }
    }

    private static void run(Environment env, String... args) {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        JvaultCommand.execute(JvaultCommand.commandLine(env, discard, discard, args), args);
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
