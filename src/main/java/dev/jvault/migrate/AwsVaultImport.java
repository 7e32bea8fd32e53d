package dev.jvault.migrate;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.keys.AwsKeys;
import dev.jvault.store.AccessKeys;
import dev.jvault.store.ItemKey;
import dev.jvault.store.StoreEdits;
import dev.jvault.store.StoreException;
import dev.jvault.store.StoredItem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Brings the long-lived keys aws-vault stored into jvault's store. Every item is opened and read
 * before anything is written, so a wrong passphrase, a damaged item or one of an unknown shape
 * imports nothing; aws-vault's store is only read. Its sessions and SSO tokens stay behind: jvault
 * makes its own.
 */
public final class AwsVaultImport {

    /** @param profile only this profile's keys; {@code replace} keys jvault already has */
    public record Options(Optional<String> profile, boolean dryRun, boolean replace) {
    }

    private final Clock clock;

    public AwsVaultImport(Clock clock) {
        this.clock = clock;
    }

    /** @return a line per profile, then one that sums up */
    public List<String> run(AwsVaultStore source, StoreEdits target, Options options) {
        Map<AwsVaultItem.Kind, Integer> skipped = new EnumMap<>(AwsVaultItem.Kind.class);
        List<String> profiles = new ArrayList<>();
        for (String key : source.keys()) {
            AwsVaultItem.byKey(key).ifPresentOrElse(item -> skipped.merge(item.kind(), 1, Integer::sum), () -> profiles.add(key));
        }
        List<String> chosen = options.profile().map(profile -> choose(source, profiles, profile)).orElse(profiles);
        List<AwsVaultItem.LongLivedKeys> found = new ArrayList<>();
        for (String profile : chosen) {
            switch (open(source, profile)) {
                case AwsVaultItem.LongLivedKeys opened -> found.add(opened);
                case AwsVaultItem.Skipped other -> skipped.merge(other.kind(), 1, Integer::sum);
            }
        }
        List<String> lines = new ArrayList<>();
        int imported = 0;
        for (AwsVaultItem.LongLivedKeys item : found) {
            String masked = AwsKeys.masked(item.accessKeyId());
            Optional<String> refused = refusal(item);
            if (refused.isPresent()) {
                lines.add(item.profile() + ": not imported: " + refused.get());
                continue;
            }
            StoredItem.LongLivedKeys keys = new StoredItem.LongLivedKeys(item.profile(), item.accessKeyId(),
                    item.secretAccessKey(), clock.instant());
            Optional<StoredItem.LongLivedKeys> existing = target.keys(keys.profile());
            if (existing.filter(keys::sameKeysAs).isPresent()) {
                lines.add(keys.profile() + ": already in jvault (" + masked + ")");
            } else if (existing.isPresent() && !options.replace()) {
                lines.add(keys.profile() + ": kept jvault's keys (" + AwsKeys.masked(existing.get().accessKeyId())
                        + "), not aws-vault's (" + masked + "): --replace to take aws-vault's");
            } else if (options.dryRun()) {
                lines.add(keys.profile() + ": would " + (existing.isPresent() ? "replace jvault's keys with " : "import ")
                        + masked);
            } else {
                target.enrol(keys);
                lines.add(keys.profile() + ": " + (existing.isPresent() ? "replaced jvault's keys with " : "imported ") + masked);
                imported++;
            }
        }
        lines.add(summary(source, target, options, found.size(), imported, skipped));
        return lines;
    }

    /**
     * Why jvault's store would not take these keys, if it would not: a name it cannot store under
     * (aws-vault's can: it percent-encodes), or keys of a shape {@code add} refuses too (aws-vault
     * stores whatever was typed).
     */
    private static Optional<String> refusal(AwsVaultItem.LongLivedKeys item) {
        try {
            ItemKey.keys(item.profile());
            AccessKeys.checkLongLived(item.accessKeyId(), item.secretAccessKey());
            return Optional.empty();
        } catch (StoreException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static List<String> choose(AwsVaultStore source, List<String> profiles, String profile) {
        if (!profiles.contains(profile)) {
            throw new JvaultException(ExitStatus.NOT_FOUND, source.describe() + " has no keys for profile '" + profile + "'"
                    + (profiles.isEmpty() ? "" : " (it has " + String.join(", ", profiles) + ")"));
        }
        return List.of(profile);
    }

    private static AwsVaultItem open(AwsVaultStore source, String key) {
        try {
            return AwsVaultItem.read(key, source.read(key));
        } catch (AwsVaultItem.UnknownFormat e) {
            throw unknownFormat(key, "aws-vault's item '" + key + "' in " + source.describe(), e.getMessage());
        }
    }

    /** An item of a shape this jvault does not read, and the way around it that needs no import. */
    static JvaultException unknownFormat(String key, String item, String detail) {
        return new JvaultException(ExitStatus.DATA, item + " is in a format this jvault does not know (" + detail
                + "): nothing imported; bring its keys over with: aws-vault exec --no-session " + key
                + " -- jvault add " + key + " --env");
    }

    private static String summary(AwsVaultStore source, StoreEdits target, Options options, int found, int imported,
            Map<AwsVaultItem.Kind, Integer> skipped) {
        String left = skipped.isEmpty() ? "" : "; left behind " + skipped.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey().noun() + (entry.getValue() == 1 ? "" : "s"))
                .collect(Collectors.joining(", "));
        if (options.dryRun()) {
            return "Dry run: nothing written. " + source.describe() + " holds long-lived keys of " + found
                    + " profile(s)" + left + ".";
        }
        return "Imported keys of " + imported + " of " + found + " profile(s) from " + source.describe() + " into "
                + target.backend().describe() + left + ". aws-vault's store is unchanged.";
    }
}
