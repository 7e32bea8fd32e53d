package dev.jvault.config;

import dev.jvault.log.Log;
import dev.jvault.text.Suggestions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.function.Predicate;

/**
 * Resolves a profile into the chain {@code exec} walks: the target profile, each
 * {@code source_profile} below it, down to the root profile whose credentials start the chain.
 * Only the profiles on the chain are checked, so a broken profile elsewhere does not get in the way.
 */
public final class ProfileResolver {

    /** Far longer than any real chain; a longer one is a generated or broken config, refused before it costs memory. */
    static final int MAX_CHAIN = 64;

    /** Where {@code jvault exec} records the region it gave the command, to tell it from one the user set. */
    public static final String OUTER_REGION = "JVAULT_REGION";

    private final AwsConfig config;
    private final Environment env;
    private final Predicate<String> storedKeys;

    /**
     * @param storedKeys whether jvault's store holds keys for a profile; asked only for a profile
     *        that could be a root or lead on (see {@link #holdsKeys})
     */
    public ProfileResolver(AwsConfig config, Environment env, Predicate<String> storedKeys) {
        this.config = config;
        this.env = env;
        this.storedKeys = storedKeys;
    }

    /**
     * Walks the chain as the AWS CLI does: the target's role is assumed even when the target
     * also has keys; below it, a profile with keys of its own is the root, whatever else it says;
     * a role profile may name itself as source_profile when it holds the keys for its own role.
     */
    public ResolvedProfile resolve(String profileName) {
        Profile target = effective(config.require(profileName));
        SequencedSet<String> chain = new LinkedHashSet<>();
        List<RoleHop> roles = new ArrayList<>();
        Optional<Sourced<String>> mfaSerial = Optional.empty();
        Optional<Sourced<String>> mfaProcess = Optional.empty();
        Profile next = target;
        while (true) {
            Profile current = next;
            if (!chain.add(current.name())) {
                throw sourceProfileLoop(chain, current);
            }
            if (chain.size() > MAX_CHAIN) {
                throw new ConfigException(current.origin(), "the source_profile chain from " + target.name() + " is longer"
                        + " than " + MAX_CHAIN + " profiles: shorten it");
            }
            String name = current.name();
            if (mfaSerial.isEmpty()) {
                mfaSerial = ownMfaSerial(current);
            }
            mfaProcess = mfaProcess.or(() -> current.value("mfa_process"));
            Optional<Sourced<String>> sourceProfile = current.value("source_profile")
                    .filter(source -> !isSelfReferenceWithoutRole(current, source));
            boolean leadsOn = sourceProfile.isPresent() || current.value("credential_source").isPresent();
            if (current != target && leadsOn && holdsKeys(current)) {
                return resolved(target, chain, new RootSource.StoredKeys(name, clearTextKeys(current)), roles, mfaSerial,
                        mfaProcess);
            }
            Optional<Sourced<String>> credentialSource = current.value("credential_source");
            if (sourceProfile.isPresent() && credentialSource.isPresent()) {
                throw new ConfigException(credentialSource.get().origin(), "profile " + name
                        + " has both source_profile and credential_source: keep one");
            }
            Optional<Sourced<String>> roleArn = current.value("role_arn");
            if (roleArn.isPresent()) {
                if (sourceProfile.isEmpty() && credentialSource.isEmpty()) {
                    throw new ConfigException(roleArn.get().origin(), "profile " + name + " has role_arn but no "
                            + "source_profile: name the profile whose long-lived keys assume the role");
                }
                roles.add(roleHop(current, Settings.roleArn(name, roleArn.get())));
            }
            boolean ownKeysAssumeOwnRole = sourceProfile.filter(source -> source.value().equals(name)).isPresent()
                    && holdsKeys(current);
            if (sourceProfile.isEmpty() || ownKeysAssumeOwnRole) {
                return resolved(target, chain, rootSource(current, credentialSource), roles, mfaSerial, mfaProcess);
            }
            Sourced<String> source = sourceProfile.get();
            next = effective(find(source.value(), source.origin(), "source_profile"));
        }
    }

    private ResolvedProfile resolved(Profile target, SequencedSet<String> chain, RootSource source, List<RoleHop> roles,
            Optional<Sourced<String>> mfaSerial, Optional<Sourced<String>> mfaProcess) {
        List<RoleHop> rootFirst = new ArrayList<>(roles);
        Collections.reverse(rootFirst);
        Optional<Sourced<String>> region = region(target);
        String stsRegion = region.map(Sourced::value).orElse(StsEndpoints.DEFAULT_REGION);
        Sourced<java.net.URI> endpoint = StsEndpoints.resolve(target, config, env, region.map(Sourced::value));
        if (Log.enabled()) { // built only for --debug: this runs on every exec, the fast path's too
            Log.debug("profile " + target.name() + ": chain " + String.join(" -> ", chain) + "; region "
                    + region.map(r -> r.value() + " (from " + r.origin() + ")").orElse("none") + "; STS " + endpoint.value()
                    + " (from " + endpoint.origin() + ")" + mfaSerial.map(s -> "; MFA device " + s.value() + " (from "
                    + s.origin() + ")").orElse(""));
        }
        return new ResolvedProfile(target.name(), List.copyOf(chain), source, rootFirst, mfaSerial, mfaProcess,
                region, endpoint, stsRegion);
    }

    /**
     * Whether the profile has long-lived keys: in either file, as the AWS CLI counts them (either
     * half of the pair is enough), or in jvault's store, as aws-vault counts them (keys imported
     * from the credentials file are no longer in it). The store is asked only here, that is, only
     * for a profile that names another source and has no keys in the files.
     */
    private boolean holdsKeys(Profile profile) {
        return hasStaticKeys(profile) || storedKeys.test(profile.name());
    }

    /** Keys in either file, as the AWS CLI counts them: either half of the pair is enough. */
    private static boolean hasStaticKeys(Profile profile) {
        return profile.value("aws_access_key_id").isPresent() || profile.value("aws_secret_access_key").isPresent();
    }

    private static Optional<Origin> clearTextKeys(Profile profile) {
        return profile.property("aws_access_key_id").or(() -> profile.property("aws_secret_access_key"))
                .map(IniProperty::origin);
    }

    private static Optional<Sourced<String>> ownMfaSerial(Profile profile) {
        return profile.value("mfa_serial").map(serial -> Settings.mfaSerial(profile.name(), serial));
    }

    /**
     * Keys belong to the profile at the bottom of a chain, or to one whose keys end a chain when
     * it is a source (it has keys in the files, or assumes its own role with them); never to one
     * that only gets credentials from another.
     */
    public void requireRoot(String profileName) {
        if (config.profile(profileName).map(ProfileResolver::hasStaticKeys).orElse(false)) {
            return;
        }
        ResolvedProfile resolved = resolve(profileName);
        boolean ownRoot = resolved.chain().size() == 1 && (resolved.roles().isEmpty()
                || resolved.source() instanceof RootSource.StoredKeys keys && keys.profile().equals(profileName));
        if (!ownRoot) {
            throw new ConfigException("profile " + profileName + " gets its credentials from profile "
                    + resolved.source().profile() + " (" + String.join(" -> ", resolved.chain()) + "): store the keys"
                    + " under " + resolved.source().profile() + " instead");
        }
    }

    /** The IAM Identity Center sign-in a profile uses ({@code jvault sso login PROFILE}). */
    public SsoSession ssoSession(String profileName) {
        return SsoConfig.session(effective(config.require(profileName)), config, env);
    }

    /** An {@code [sso-session NAME]}, its endpoints as the default profile (if any) and the environment set them. */
    public SsoSession ssoSessionNamed(String name) {
        return SsoConfig.named(name, config.profile("default").map(this::effective), config, env);
    }

    /** aws-vault's include_profile "mixin" style lets a profile inherit source_profile = itself: that means none. */
    private static boolean isSelfReferenceWithoutRole(Profile profile, Sourced<String> source) {
        return source.value().equals(profile.name()) && profile.value("role_arn").isEmpty();
    }

    private Profile find(String name, Origin reference, String key) {
        return config.profile(name).orElseThrow(() -> new ConfigException(reference, key + " names " + config.notFound(name)
                + Suggestions.didYouMean(name, config.profileNames()).orElse("")));
    }

    /** The profile with its include_profile mixins applied: its own lines win over included ones. */
    private Profile effective(Profile profile) {
        Map<String, IniProperty> merged = new HashMap<>();
        SequencedSet<String> included = new LinkedHashSet<>();
        Profile current = profile;
        while (current != null) {
            if (included.size() >= MAX_CHAIN) {
                throw new ConfigException(profile.origin(), "the include_profile chain from " + profile.name()
                        + " is longer than " + MAX_CHAIN + " profiles: shorten it");
            }
            if (!included.add(current.name())) {
                throw new ConfigException(profile.origin(), "include_profile loop: "
                        + String.join(" -> ", included) + " -> " + current.name() + ": remove one of the include_profile lines");
            }
            current.properties().forEach(merged::putIfAbsent);
            Optional<Sourced<String>> include = current.value("include_profile");
            current = include.map(ref -> find(ref.value(), ref.origin(), "include_profile")).orElse(null);
        }
        return new Profile(profile.name(), profile.origins(), merged);
    }

    private static ConfigException sourceProfileLoop(SequencedSet<String> chain, Profile repeated) {
        List<String> names = new ArrayList<>(chain);
        List<String> loop = new ArrayList<>(names.subList(names.indexOf(repeated.name()), names.size()));
        loop.add(repeated.name());
        return new ConfigException(repeated.origin(), "source_profile loop: " + String.join(" -> ", loop)
                + ": one of these profiles must hold the long-lived keys and have no source_profile");
    }

    private static RoleHop roleHop(Profile profile, Sourced<String> roleArn) {
        String name = profile.name();
        var sessionTags = profile.value("session_tags").map(tags -> Settings.sessionTags(name, tags));
        var transitive = profile.value("transitive_session_tags").map(keys -> Settings.transitiveTags(name, keys,
                sessionTags.map(Sourced::value).orElse(Map.of())));
        return new RoleHop(name, roleArn, ownMfaSerial(profile),
                profile.value("external_id").map(id -> Settings.externalId(name, id)),
                profile.value("role_session_name").map(n -> Settings.sessionName("role_session_name", name, n)),
                profile.value("duration_seconds").map(seconds -> Settings.roleDuration(name, seconds)),
                profile.value("source_identity").map(id -> Settings.sessionName("source_identity", name, id)),
                sessionTags,
                transitive);
    }

    /** Where the chain starts; keys in the files come first, as in the AWS CLI's own order; then keys in the store. */
    private RootSource rootSource(Profile root, Optional<Sourced<String>> credentialSource) {
        String name = root.name();
        if (SsoConfig.namesRole(root)) { // before keys in the files, as botocore's profile providers run
            return new RootSource.SingleSignOn(name, SsoConfig.role(root, config, env));
        }
        if (hasStaticKeys(root)) {
            return new RootSource.StoredKeys(name, clearTextKeys(root));
        }
        if (credentialSource.isPresent()) {
            return new RootSource.CredentialSource(name, Settings.credentialSource(name, credentialSource.get()));
        }
        Optional<Sourced<String>> process = root.value("credential_process");
        if (process.isPresent()) {
            // As in aws-vault: keys stored for the profile win, so that a credential_process that
            // runs jvault for this very profile (for the AWS CLI's sake) works for jvault too.
            return storedKeys.test(name) ? new RootSource.StoredKeys(name, Optional.empty())
                    : new RootSource.CredentialProcess(name, process.get());
        }
        if (SsoConfig.namesSession(root) && !storedKeys.test(name)) {
            throw new ConfigException(root.origin(), "profile " + name + " names an IAM Identity Center sign-in but no"
                    + " role in it: add sso_account_id and sso_role_name (jvault sso profiles lists yours)");
        }
        return new RootSource.StoredKeys(name, Optional.empty());
    }

    /**
     * As in the AWS CLI and SDKs, the environment's region wins over the profile's, and
     * AWS_REGION over AWS_DEFAULT_REGION; then the profile's, then [default]'s (the one a command
     * run without AWS_PROFILE reads anyway). A variable that still holds the region an outer
     * {@code jvault exec} set (it records it in JVAULT_REGION) does not count: a nested
     * {@code exec dev-2} gets dev-2's region, not dev-1's.
     */
    private Optional<Sourced<String>> region(Profile target) {
        Optional<String> outer = env.get(OUTER_REGION);
        Predicate<Sourced<String>> notOuter = region -> !outer.equals(Optional.of(region.value()));
        return env.sourced("AWS_REGION").filter(notOuter)
                .or(() -> env.sourced("AWS_DEFAULT_REGION").filter(notOuter))
                .or(() -> target.value("region"))
                .or(() -> config.profile("default").filter(p -> !target.name().equals("default"))
                        .flatMap(p -> p.value("region")))
                .map(Settings::region);
    }
}
