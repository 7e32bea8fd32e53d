package dev.jvault.cli;

import dev.jvault.config.Durations;
import dev.jvault.config.ResolvedProfile;
import dev.jvault.config.RoleHop;
import dev.jvault.config.RootSource;
import dev.jvault.config.SessionPlan;
import dev.jvault.config.Sourced;
import dev.jvault.config.SsoSession;
import dev.jvault.keys.AwsKeys;
import dev.jvault.text.Columns;
import dev.jvault.text.Json;
import dev.jvault.text.TerminalText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders a credential plan for {@code describe}: aligned text for people, JSON for scripts. */
final class PlanView {

    private static final String DEFAULT_SESSION_NAME = "jvault-<user>-<time> (default)";

    private PlanView() {
    }

    /** @param minimumTtl what cached credentials must have left to be used: the last row, as it applies to every step */
    static String text(SessionPlan plan, Sourced<Duration> minimumTtl) {
        ResolvedProfile profile = plan.profile();
        Table table = new Table();
        table.row("profile", profile.name(), "");
        table.row("chain", String.join(" -> ", profile.chain()), "");
        table.row("source", sourceText(profile.source()), sourceOrigin(profile.source()));
        table.row("mfa", profile.mfaSerial());
        profile.mfaProcess().ifPresent(process -> table.row("mfa_process", Optional.of(process)));
        table.row("region", profile.region());
        table.row("sts", Optional.of(profile.stsEndpoint().map(Object::toString)));
        int step = 1;
        if (profile.source() instanceof RootSource.SingleSignOn sso) {
            SsoSession session = sso.role().session();
            table.row("sso start url", Optional.of(session.startUrl()));
            table.row("sso region", Optional.of(session.region()));
            table.row("sso oidc", Optional.of(session.oidc().map(Object::toString)));
            table.row("sso portal", Optional.of(session.portal().map(Object::toString)));
            table.row("step " + step++, "GetRoleCredentials " + sso.role().accountId().value() + "/"
                    + sso.role().roleName().value(), sso.role().roleName().origin().toString());
        }
        if (profile.source() instanceof RootSource.WebIdentity web) {
            table.row("step " + step++, "AssumeRoleWithWebIdentity " + web.roleArn().value(), web.roleArn().origin().toString());
            table.row("  session name", web.sessionName().map(Sourced::value).orElse(DEFAULT_SESSION_NAME),
                    web.sessionName().map(s -> s.origin().toString()).orElse(""));
        }
        if (plan.session().isPresent()) {
            SessionPlan.SessionStep session = plan.session().get();
            table.row("step " + step++, "GetSessionToken" + (session.mfaSerial().isPresent() ? " with MFA" : " (no MFA serial)"), "");
            table.row("  duration", Optional.of(session.duration().map(Durations::format)));
        }
        for (SessionPlan.RoleStep role : plan.roles()) {
            RoleHop hop = role.hop();
            // A second device in the chain is named: its code is asked separately.
            String device = role.mfaSerial().map(serial -> serial.value().equals(profile.mfaSerial().map(Sourced::value)
                    .orElse(null)) ? " with MFA" : " with MFA " + serial.value()).orElse("");
            table.row("step " + step++, "AssumeRole " + hop.roleArn().value() + device, hop.roleArn().origin().toString());
            table.row("  duration", Optional.of(role.duration().map(Durations::format)));
            table.row("  session name", hop.sessionName().map(Sourced::value).orElse(DEFAULT_SESSION_NAME),
                    hop.sessionName().map(s -> s.origin().toString()).orElse(""));
            hop.externalId().ifPresent(id -> table.row("  external id", Optional.of(id)));
            hop.sourceIdentity().ifPresent(id -> table.row("  source identity", Optional.of(id)));
            hop.sessionTags().ifPresent(tags -> table.row("  session tags", Optional.of(tags.map(Object::toString))));
            hop.transitiveTags().ifPresent(keys -> table.row("  transitive tags",
                    Optional.of(keys.map(list -> String.join(",", list)))));
        }
        table.row("min ttl", Optional.of(minimumTtl.map(Durations::format)));
        StringBuilder out = new StringBuilder(table.render());
        for (String note : plan.notes()) {
            out.append("note: ").append(TerminalText.escape(note)).append('\n');
        }
        if (profile.source() instanceof RootSource.StoredKeys keys && keys.clearTextKeys().isPresent()) {
            out.append(TerminalText.escape("warning: " + keys.clearTextKeys().get() + " holds clear-text keys for profile "
                    + keys.profile() + ": move them into jvault's store")).append('\n');
        }
        return out.toString();
    }

    static String json(SessionPlan plan, Sourced<Duration> minimumTtl) {
        ResolvedProfile profile = plan.profile();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("profile", profile.name());
        root.put("chain", profile.chain());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("profile", profile.source().profile());
        source.put("type", sourceType(profile.source()));
        source.put("detail", sourceText(profile.source()));
        source.put("origin", sourceOrigin(profile.source()));
        root.put("source", source);
        root.put("mfaSerial", sourced(profile.mfaSerial()));
        root.put("mfaProcess", sourced(profile.mfaProcess()));
        root.put("region", sourced(profile.region()));
        root.put("stsEndpoint", sourced(Optional.of(profile.stsEndpoint().map(Object::toString))));
        List<Object> steps = new ArrayList<>();
        if (profile.source() instanceof RootSource.SingleSignOn sso) {
            SsoSession session = sso.role().session();
            Map<String, Object> signOn = new LinkedHashMap<>();
            signOn.put("session", session.name().orElse(null));
            signOn.put("startUrl", sourced(Optional.of(session.startUrl())));
            signOn.put("region", sourced(Optional.of(session.region())));
            signOn.put("oidcEndpoint", sourced(Optional.of(session.oidc().map(Object::toString))));
            signOn.put("portalEndpoint", sourced(Optional.of(session.portal().map(Object::toString))));
            signOn.put("scopes", session.scopes());
            root.put("sso", signOn);
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("call", "GetRoleCredentials");
            step.put("accountId", sourced(Optional.of(sso.role().accountId())));
            step.put("roleName", sourced(Optional.of(sso.role().roleName())));
            steps.add(step);
        }
        if (profile.source() instanceof RootSource.WebIdentity web) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("call", "AssumeRoleWithWebIdentity");
            step.put("roleArn", sourced(Optional.of(web.roleArn())));
            step.put("tokenFile", sourced(Optional.of(web.tokenFile())));
            step.put("roleSessionName", sourced(web.sessionName()));
            steps.add(step);
        }
        plan.session().ifPresent(session -> {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("call", "GetSessionToken");
            step.put("mfaSerial", sourced(session.mfaSerial()));
            step.put("durationSeconds", seconds(session.duration()));
            steps.add(step);
        });
        for (SessionPlan.RoleStep role : plan.roles()) {
            RoleHop hop = role.hop();
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("call", "AssumeRole");
            step.put("profile", hop.profile());
            step.put("roleArn", sourced(Optional.of(hop.roleArn())));
            step.put("mfaSerial", sourced(role.mfaSerial()));
            step.put("durationSeconds", seconds(role.duration()));
            step.put("roleSessionName", sourced(hop.sessionName()));
            step.put("externalId", sourced(hop.externalId()));
            step.put("sourceIdentity", sourced(hop.sourceIdentity()));
            step.put("sessionTags", sourced(hop.sessionTags()));
            step.put("transitiveSessionTags", sourced(hop.transitiveTags()));
            steps.add(step);
        }
        root.put("steps", steps);
        root.put("minimumTtlSeconds", seconds(minimumTtl));
        root.put("notes", plan.notes());
        return Json.write(root);
    }

    private static Map<String, Object> seconds(Sourced<Duration> duration) {
        return sourced(Optional.of(duration.map(Duration::toSeconds)));
    }

    private static Map<String, Object> sourced(Optional<? extends Sourced<?>> value) {
        if (value.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", value.get().value());
        out.put("origin", value.get().origin().toString());
        return out;
    }

    private static String sourceType(RootSource source) {
        return switch (source) {
            case RootSource.StoredKeys k -> "stored-keys";
            case RootSource.TemporaryKeys k -> "temporary-keys";
            case RootSource.WebIdentity w -> "web-identity";
            case RootSource.CredentialProcess p -> "credential_process";
            case RootSource.CredentialSource s -> "credential_source";
            case RootSource.SingleSignOn s -> "sso";
        };
    }

    private static String sourceText(RootSource source) {
        return switch (source) {
            case RootSource.StoredKeys k -> k.profile() + ": long-lived keys from jvault's store";
            case RootSource.TemporaryKeys k -> k.profile() + ": temporary keys " + AwsKeys.masked(k.keys().accessKeyId())
                    + " from the file, used as they are";
            case RootSource.WebIdentity w -> w.profile() + ": web identity token " + w.tokenFile().value() + " ("
                    + w.tokenFile().origin() + ")";
            case RootSource.CredentialProcess p -> p.profile() + ": credential_process " + p.command().value();
            case RootSource.CredentialSource s -> s.profile() + ": credential_source " + s.kind().value();
            case RootSource.SingleSignOn s -> s.profile() + ": IAM Identity Center (" + s.role().session().label() + ")";
        };
    }

    private static String sourceOrigin(RootSource source) {
        return switch (source) {
            case RootSource.StoredKeys k -> "";
            case RootSource.TemporaryKeys k -> k.origin().toString();
            case RootSource.WebIdentity w -> w.roleArn().origin().toString();
            case RootSource.CredentialProcess p -> p.command().origin().toString();
            case RootSource.CredentialSource s -> s.kind().origin().toString();
            case RootSource.SingleSignOn s -> s.role().accountId().origin().toString();
        };
    }

    /** Three columns: label, value, origin; the value column is padded so origins line up. */
    private static final class Table {
        private final Columns columns = new Columns();

        void row(String label, String value, String origin) {
            columns.row(label, value, origin);
        }

        void row(String label, Optional<Sourced<String>> value) {
            row(label, value.map(Sourced::value).orElse("-"), value.map(v -> v.origin().toString()).orElse(""));
        }

        String render() {
            return columns.render();
        }
    }
}
