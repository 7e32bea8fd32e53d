package dev.jvault.config;

import java.util.Optional;

/** Where the first credentials of a chain come from: the profile at the bottom of it. */
public sealed interface RootSource {

    String profile();

    /**
     * Long-lived keys that jvault keeps in its store for this profile. {@code clearTextKeys}
     * points at keys still lying in the credentials file, which jvault warns about.
     */
    record StoredKeys(String profile, Optional<Origin> clearTextKeys) implements RootSource {
    }

    /** {@code credential_process}: an external command prints the credentials. */
    record CredentialProcess(String profile, Sourced<String> command) implements RootSource {
    }

    /** {@code credential_source}: Environment, Ec2InstanceMetadata or EcsContainer. */
    record CredentialSource(String profile, Sourced<String> kind) implements RootSource {
    }

    /** IAM Identity Center: the role's credentials, with the token of its sign-in. */
    record SingleSignOn(String profile, SsoRole role) implements RootSource {
    }
}
