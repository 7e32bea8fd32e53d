package dev.jvault.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A profile resolved the way {@code exec} uses it.
 *
 * @param chain      profile names from the target down to the root, e.g. {@code [dev-2, dev-1, main]}
 * @param roles      the roles to assume, in the order they are assumed (nearest the root first)
 * @param mfaSerial  the MFA device that applies: the nearest {@code mfa_serial} from the target down
 * @param stsRegion  the region STS is called in (the profile's region, else us-east-1)
 */
public record ResolvedProfile(
        String name,
        List<String> chain,
        RootSource source,
        List<RoleHop> roles,
        Optional<Sourced<String>> mfaSerial,
        Optional<Sourced<String>> mfaProcess,
        Optional<Sourced<String>> region,
        Sourced<URI> stsEndpoint,
        String stsRegion) {

    public ResolvedProfile {
        chain = List.copyOf(chain);
        roles = List.copyOf(roles);
    }
}
