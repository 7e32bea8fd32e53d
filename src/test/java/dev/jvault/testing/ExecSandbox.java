package dev.jvault.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * A sandbox HOME wired to a moto server: the seed config plus a two-role chain, long-lived test
 * keys for main in a vault file, and STS at moto's address through AWS_ENDPOINT_URL_STS, the
 * way a user of a local emulator would set it.
 */
public final class ExecSandbox implements AutoCloseable {

    public static final String KEY_ID = "AKIAJVAULTTEST000001";
    public static final String SECRET = "jvaultTestSecretjvaultTestSecretjvaultTe";
    public static final String CONFIG = Fixtures.SEED_CONFIG + """

            [profile prod]
            region = eu-west-2
            role_arn = arn:aws:iam::444444444444:role/prod
            source_profile = dev-1
            external_id = partner-7
            """;

    private final SandboxHome home;

    public ExecSandbox(MotoServer moto) {
        home = new SandboxHome().config(CONFIG)
                .set("JVAULT_BACKEND", "file")
                .set("JVAULT_FILE_PASSPHRASE", "exec test passphrase")
                .set("AWS_ENDPOINT_URL_STS", moto.endpoint().toString());
        Map<String, String> env = with("AWS_ACCESS_KEY_ID", KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        JvaultProcess.Result added = JvaultProcess.run(env, "add", "main", "--env");
        if (added.exitCode() != 0) {
            throw new IllegalStateException("could not add the test keys: " + added);
        }
    }

    public SandboxHome home() {
        return home;
    }

    /** The sandbox's variables plus one more. */
    public Map<String, String> with(String name, String value) {
        Map<String, String> env = new HashMap<>(home.variables());
        env.put(name, value);
        return env;
    }

    public JvaultProcess.Result jvault(String... args) {
        return JvaultProcess.run(home.variables(), args);
    }

    @Override
    public void close() {
        home.close();
    }
}
