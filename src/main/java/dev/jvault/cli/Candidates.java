package dev.jvault.cli;

import dev.jvault.credentials.ExportFormat;
import dev.jvault.migrate.AwsVaultSources;
import dev.jvault.prompt.MfaCodes;
import dev.jvault.store.select.StoreLocation;
import java.util.Iterator;
import java.util.List;

/**
 * The fixed values of options and arguments, as picocli's completion candidates: each is the list
 * the code itself checks a value against, so completion never offers what would be refused.
 */
final class Candidates {

    private Candidates() {
    }

    private abstract static class Fixed implements Iterable<String> {
        abstract List<String> values();

        @Override
        public Iterator<String> iterator() {
            return values().iterator();
        }
    }

    static final class Formats extends Fixed {
        @Override
        List<String> values() {
            return ExportFormat.optionNames();
        }
    }

    static final class Backends extends Fixed {
        @Override
        List<String> values() {
            return StoreLocation.BACKEND_NAMES;
        }
    }

    static final class PromptDrivers extends Fixed {
        @Override
        List<String> values() {
            return MfaCodes.DRIVERS;
        }
    }

    static final class AgentActions extends Fixed {
        @Override
        List<String> values() {
            return AgentCommand.ACTIONS;
        }
    }

    static final class SsoActions extends Fixed {
        @Override
        List<String> values() {
            return SsoCommand.ACTIONS;
        }
    }

    static final class Shells extends Fixed {
        @Override
        List<String> values() {
            return CompletionScripts.SHELLS;
        }
    }

    static final class ImportSources extends Fixed {
        @Override
        List<String> values() {
            return ImportCommand.SOURCES;
        }
    }

    static final class AwsVaultBackends extends Fixed {
        @Override
        List<String> values() {
            return AwsVaultSources.BACKENDS;
        }
    }
}
