package dev.jvault.testing;

/** Shared test data. */
public final class Fixtures {

    /** For brokers in tests without IAM Identity Center: a call is a bug in the test. */
    public static final dev.jvault.sso.SsoRoleSource NO_SSO = new dev.jvault.sso.SsoRoleSource() {
        @Override
        public void ensureSignedIn(dev.jvault.config.SsoRole role) {
            throw new AssertionError("no IAM Identity Center in this test");
        }

        @Override
        public dev.jvault.keys.AwsKeys credentials(dev.jvault.config.SsoRole role) {
            throw new AssertionError("no IAM Identity Center in this test");
        }
    };


    /** The seed document's setup: keys for main, two role profiles behind the same MFA device. */
    public static final String SEED_CONFIG = """
            [profile main]
            region = us-east-1

            [profile dev-1]
            region = eu-central-1
            role_arn = arn:aws:iam::222222222222:role/dev-1-role ## The role to be assumed
            source_profile = main
            mfa_serial = arn:aws:iam::111111111111:mfa/alice

            [profile dev-2]
            region = eu-west-1
            role_arn = arn:aws:iam::333333333333:role/dev-2-role
            source_profile = main
            mfa_serial = arn:aws:iam::111111111111:mfa/alice
            """;

    private Fixtures() {
    }
}
