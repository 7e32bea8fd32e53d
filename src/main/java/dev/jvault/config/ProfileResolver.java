package dev.jvault.config;

import dev.jvault.keys.AwsKeys;
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

    /** The instance metadata settings the AWS CLI reads from the profile it runs for. */
    private static final List<String> INSTANCE_METADATA_KEYS = List.of("ec2_metadata_service_endpoint",
            "ec2_metadata_service_endpoint_mode", "ec2_metadata_v1_disabled");

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
        return resolve(profileName, false);
    }

    /**
     * As {@link #resolve(String)}.
     *
     * @param environmentWebIdentity whether AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN and
     *        AWS_ROLE_SESSION_NAME count for the target: the AWS CLI reads them for the profile of
     *        AWS_PROFILE or [default], and not for one named with --profile
     */
    public ResolvedProfile resolve(String profileName, boolean environmentWebIdentity) {
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
                mfaSerial = ownMfaSerial(current, current == target);
            }
            mfaProcess = mfaProcess.or(() -> current.value("mfa_process"));
            // botocore asks for a web identity before anything else a profile holds, keys included
            Optional<RootSource.WebIdentity> webIdentity = webIdentity(current, environmentWebIdentity && current == target);
            if (webIdentity.isPresent()) {
                return resolved(target, chain, webIdentity.get(), roles, mfaSerial, mfaProcess);
            }
            Optional<Sourced<String>> sourceProfile = current.value("source_profile")
                    .filter(source -> !isSelfReferenceWithoutRole(current, source));
            boolean leadsOn = sourceProfile.isPresent() || current.value("credential_source").isPresent();
            if (current != target && leadsOn && holdsKeys(current)) {
                return resolved(target, chain, keys(current), roles, mfaSerial, mfaProcess);
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
                roles.add(roleHop(current, Settings.roleArn(name, roleArn.get()), current == target));
            }
            boolean ownKeysAssumeOwnRole = sourceProfile.filter(source -> source.value().equals(name)).isPresent()
                    && holdsKeys(current);
            if (sourceProfile.isEmpty() || ownKeysAssumeOwnRole) {
                return resolved(target, chain, rootSource(current, credentialSource, target), roles, mfaSerial, mfaProcess);
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

    /**
     * The keys a profile starts a chain with: temporary keys in the files are used as they are,
     * as the AWS CLI uses them; long-lived ones are the store's (keys still in the files are
     * warned about); without keys in the files, the store's.
     */
    private static RootSource keys(Profile profile) {
        Optional<Sourced<String>> token = sessionToken(profile);
        if (token.isEmpty() || !hasStaticKeys(profile)) {
            return new RootSource.StoredKeys(profile.name(), clearTextKeys(profile));
        }
        Origin origin = profile.property("aws_access_key_id").map(IniProperty::origin).orElse(token.get().origin());
        String id = profile.value("aws_access_key_id").orElseThrow(() -> new ConfigException(token.get().origin(),
                "profile " + profile.name() + " has a session token but no aws_access_key_id: write the three values"
                        + " together, as the tool that made them printed them")).value();
        String secret = profile.value("aws_secret_access_key").orElseThrow(() -> new ConfigException(origin,
                "profile " + profile.name() + " has temporary keys but no aws_secret_access_key: write the three values"
                        + " together, as the tool that made them printed them")).value();
        Log.secret(secret);
        Log.secret(token.get().value());
        return new RootSource.TemporaryKeys(profile.name(), origin,
                new AwsKeys(id, secret, Optional.of(token.get().value()), Optional.empty()));
    }

    /** {@code aws_session_token}, or the older {@code aws_security_token} botocore still reads. */
    private static Optional<Sourced<String>> sessionToken(Profile profile) {
        return profile.value("aws_session_token").or(() -> profile.value("aws_security_token"));
    }

    /**
     * The web identity a profile starts from, as botocore finds it: its {@code web_identity_token_file}
     * and {@code role_arn}; for the target, when the environment counts, the variables win over
     * the profile's lines, and {@code AWS_WEB_IDENTITY_TOKEN_FILE} alone is enough when the profile
     * is not a role profile (one with role_arn assumes its role from its source, as in botocore).
     */
    private Optional<RootSource.WebIdentity> webIdentity(Profile profile, boolean fromEnvironment) {
        Optional<Sourced<String>> ownFile = profile.value("web_identity_token_file");
        if (ownFile.isEmpty() && (!fromEnvironment || profile.value("role_arn").isPresent())) {
            return Optional.empty();
        }
        Optional<Sourced<String>> tokenFile = variable("AWS_WEB_IDENTITY_TOKEN_FILE", fromEnvironment).or(() -> ownFile);
        if (tokenFile.isEmpty()) {
            return Optional.empty();
        }
        String name = profile.name();
        Sourced<String> roleArn = variable("AWS_ROLE_ARN", fromEnvironment).or(() -> profile.value("role_arn"))
                .map(arn -> Settings.roleArn(name, arn))
                .orElseThrow(() -> new ConfigException(tokenFile.get().origin(), "profile " + name + " has a web identity"
                        + " token file but no role_arn: add the role the token is for" + (fromEnvironment
                        ? " (or set AWS_ROLE_ARN)" : "")));
        Optional<Sourced<String>> sessionName = variable("AWS_ROLE_SESSION_NAME", fromEnvironment)
                .or(() -> profile.value("role_session_name"))
                .map(text -> Settings.sessionName("role_session_name", name, text));
        return Optional.of(new RootSource.WebIdentity(name, roleArn, tokenFile.get(), sessionName));
    }

    /**
     * A variable that counts only for the target: the web identity's (when the environment
     * counts), and those aws-vault reads for the profile it runs (its "active profile") where the
     * profile does not set the key itself. AWS_ROLE_ARN and AWS_ROLE_SESSION_NAME are read for
     * the web identity only: aws-vault gives them another meaning, and jvault follows the CLI.
     */
    private Optional<Sourced<String>> variable(String name, boolean read) {
        return read ? env.sourced(name) : Optional.empty();
    }

    private static Optional<Origin> clearTextKeys(Profile profile) {
        return profile.property("aws_access_key_id").or(() -> profile.property("aws_secret_access_key"))
                .map(IniProperty::origin);
    }

    /** The profile's mfa_serial; for the target, aws-vault's AWS_MFA_SERIAL when it has none. */
    private Optional<Sourced<String>> ownMfaSerial(Profile profile, boolean target) {
        return profile.value("mfa_serial").or(() -> variable("AWS_MFA_SERIAL", target))
                .map(serial -> Settings.mfaSerial(profile.name(), serial));
    }


    /**
     * Keys belong to the profile at the bottom of a chain, or to one whose keys end a chain when
     * it is a source (it has keys in the files, or assumes its own role with them); never to one
     * that only gets credentials from another.
     */
    public void requireRoot(String profileName) {
        Optional<Profile> profile = config.profile(profileName);
        Optional<Sourced<String>> temporary = profile.flatMap(ProfileResolver::sessionToken);
        if (temporary.isPresent()) {
            throw new ConfigException(temporary.get().origin(), "profile " + profileName + " holds temporary keys, which"
                    + " jvault uses as they are: store long-lived keys under the profile whose keys made them");
        }
        if (profile.map(ProfileResolver::hasStaticKeys).orElse(false)) {
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

    private RoleHop roleHop(Profile profile, Sourced<String> roleArn, boolean target) {
        String name = profile.name();
        var sessionTags = profile.value("session_tags").or(() -> variable("AWS_SESSION_TAGS", target))
                .map(tags -> Settings.sessionTags(name, tags));
        var transitive = profile.value("transitive_session_tags").or(() -> variable("AWS_TRANSITIVE_TAGS", target))
                .map(keys -> Settings.transitiveTags(name, keys, sessionTags.map(Sourced::value).orElse(Map.of())));
        return new RoleHop(name, roleArn, ownMfaSerial(profile, target),
                profile.value("external_id").map(id -> Settings.externalId(name, id)),
                profile.value("role_session_name").map(n -> Settings.sessionName("role_session_name", name, n)),
                profile.value("duration_seconds").map(seconds -> Settings.roleDuration(name, seconds)),
                profile.value("source_identity").or(() -> variable("AWS_SOURCE_IDENTITY", target))
                        .map(id -> Settings.sessionName("source_identity", name, id)),
                sessionTags,
                transitive);
    }

    /** Where the chain starts; keys in the files come first, as in the AWS CLI's own order; then keys in the store. */
    private RootSource rootSource(Profile root, Optional<Sourced<String>> credentialSource, Profile target) {
        String name = root.name();
        if (SsoConfig.namesRole(root)) { // before keys in the files, as botocore's profile providers run
            return new RootSource.SingleSignOn(name, SsoConfig.role(root, config, env));
        }
        if (hasStaticKeys(root)) {
            return keys(root);
        }
        if (credentialSource.isPresent()) {
            Map<String, String> instanceMetadata = new HashMap<>();
            for (String key : INSTANCE_METADATA_KEYS) {
                target.value(key).ifPresent(value -> instanceMetadata.put(key, value.value()));
            }
            return new RootSource.CredentialSource(name, Settings.credentialSource(name, credentialSource.get()),
                    instanceMetadata);
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
