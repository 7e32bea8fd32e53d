package dev.jvault.cli;

import dev.jvault.config.Durations;
import dev.jvault.store.ItemInfo;
import dev.jvault.store.ItemKey;
import dev.jvault.text.Columns;
import dev.jvault.text.Json;
import dev.jvault.text.TerminalText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;

/** Renders what {@code list} found: profiles from the config joined with the store's items. */
final class ListView {

    private final List<String> configProfiles;
    private final String store;
    private final List<ItemInfo> items;
    private final Instant now;

    /** @param store the backend's description, or null when the store was not read */
    ListView(List<String> configProfiles, String store, List<ItemInfo> items, Instant now) {
        this.configProfiles = configProfiles;
        this.store = store;
        this.items = items;
        this.now = now;
    }

    /** Each profile once; its further sessions on lines of their own, under the first. */
    String table() {
        Columns columns = new Columns().row("PROFILE", "CREDENTIALS", "SESSIONS");
        for (String profile : allProfiles()) {
            List<ItemInfo> sessions = sessions(profile);
            columns.row(profile, keys(profile).map(ItemInfo::description).orElse("-"),
                    sessions.isEmpty() ? "-" : sessionText(sessions.getFirst()));
            sessions.stream().skip(1).forEach(session -> columns.row("", "", sessionText(session)));
        }
        return "Store: " + TerminalText.escape(store) + "\n" + columns.render() + signIns();
    }

    /** IAM Identity Center sign-ins with their tokens' time left; never a token. */
    private String signIns() {
        List<ItemInfo> tokens = items.stream().filter(ListView::isSignIn).toList();
        if (tokens.isEmpty()) {
            return "";
        }
        Columns columns = new Columns().row("SSO SIGN-IN", "LEFT", "AT");
        tokens.forEach(token -> columns.row(token.profile(), timeLeftText(token), token.description()));
        return "\n" + columns.render();
    }

    String json() {
        List<Object> profiles = new ArrayList<>();
        for (String profile : allProfiles()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", profile);
            entry.put("inConfig", configProfiles.contains(profile));
            entry.put("credentials", keys(profile).map(ItemInfo::description).orElse(null));
            entry.put("sessions", sessions(profile).stream().map(this::sessionJson).toList());
            profiles.add(entry);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("store", store);
        root.put("profiles", profiles);
        root.put("ssoSignIns", items.stream().filter(ListView::isSignIn).map(this::sessionJson).toList());
        return Json.write(root);
    }

    String profileNames(boolean asJson) {
        return names(configProfiles, asJson);
    }

    String credentialNames(boolean asJson) {
        return names(items.stream().filter(ListView::isKeys).map(ItemInfo::profile).toList(), asJson);
    }

    String sessions(boolean asJson) {
        List<ItemInfo> sessions = items.stream().filter(ListView::isSession).toList();
        if (asJson) {
            return Json.write(sessions.stream().map(this::sessionJson).toList());
        }
        Columns columns = new Columns().row("PROFILE", "LEFT", "SESSION");
        for (String profile : allProfiles()) {
            List<ItemInfo> own = sessions(profile);
            for (int i = 0; i < own.size(); i++) {
                columns.row(i == 0 ? profile : "", timeLeftText(own.get(i)), own.get(i).description());
            }
        }
        return sessions.isEmpty() ? "" : columns.render();
    }

    private static String names(List<String> names, boolean asJson) {
        return asJson ? Json.write(names) : names.stream().map(name -> TerminalText.escape(name) + "\n").reduce("", String::concat);
    }

    /** Config profiles first, in file order, then profiles that only the store knows. */
    private SequencedSet<String> allProfiles() {
        SequencedSet<String> all = new LinkedHashSet<>(configProfiles);
        items.stream().filter(info -> !isSignIn(info)).forEach(info -> all.add(info.profile()));
        return all;
    }

    private Optional<ItemInfo> keys(String profile) {
        return items.stream().filter(ListView::isKeys).filter(info -> info.profile().equals(profile)).findFirst();
    }

    private List<ItemInfo> sessions(String profile) {
        return items.stream().filter(info -> isSession(info) && info.profile().equals(profile)).toList();
    }

    private String sessionText(ItemInfo info) {
        String left = timeLeftText(info);
        return info.description() + " (" + (left.equals("expired") || left.equals("?") ? left : left + " left") + ")";
    }

    private String timeLeftText(ItemInfo info) {
        return timeLeft(info).map(left -> left.isNegative() || left.isZero() ? "expired"
                : Durations.format(left.withSeconds(left.toMinutes() * 60).withNanos(0))).orElse("?");
    }

    private Map<String, Object> sessionJson(ItemInfo info) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("profile", info.profile());
        entry.put("from", info.key().profile());
        entry.put("description", info.description());
        entry.put("expiration", info.expiration().map(Instant::toString).orElse(null));
        entry.put("secondsLeft", timeLeft(info).map(left -> Math.max(0, left.toSeconds())).orElse(null));
        return entry;
    }

    private Optional<Duration> timeLeft(ItemInfo info) {
        return info.expiration().map(expiration -> Duration.between(now, expiration));
    }

    private static boolean isKeys(ItemInfo info) {
        return info.key().kind() == ItemKey.Kind.KEYS;
    }

    private static boolean isSession(ItemInfo info) {
        return info.key().kind() == ItemKey.Kind.SESSION;
    }

    private static boolean isSignIn(ItemInfo info) {
        return info.key().kind() == ItemKey.Kind.SSO_TOKEN;
    }
}
