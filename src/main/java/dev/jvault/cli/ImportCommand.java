package dev.jvault.cli;

import dev.jvault.error.ExitStatus;
import dev.jvault.migrate.AwsVaultImport;
import dev.jvault.migrate.AwsVaultSources;
import dev.jvault.migrate.AwsVaultStore;
import dev.jvault.prompt.Passphrases;
import dev.jvault.store.select.StoreSelection;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import",
        header = "Bring over the long-lived keys aws-vault stored, into the keychain or the vault file.",
        footer = {"", "Examples:", "  jvault import aws-vault --dry-run", "  jvault import aws-vault",
            "  jvault import aws-vault --profile main --replace",
            "  AWS_VAULT_FILE_PASSPHRASE=... jvault import aws-vault --aws-vault-backend file --dir ~/old/keys"},
        mixinStandardHelpOptions = true,
        description = {
            "Reads aws-vault's store (its file store, or its Secret Service collection on",
            "Linux) and stores each profile's long-lived keys in jvault's store, one line a",
            "profile. Everything is read before anything is written: a wrong passphrase or a",
            "damaged item imports nothing. aws-vault's cached sessions and SSO tokens stay",
            "behind, and nothing in aws-vault's store is changed or removed."})
final class ImportCommand extends StoreCommand implements Callable<Integer> {

    static final List<String> SOURCES = List.of("aws-vault");

    @Parameters(paramLabel = "aws-vault", description = "The tool to import from: aws-vault (the only one so far).",
            completionCandidates = Candidates.ImportSources.class)
    String from;

    @Option(names = "--aws-vault-backend", paramLabel = "BACKEND", completionCandidates = Candidates.AwsVaultBackends.class,
            description = "aws-vault's backend to read: file or secret-service (default: $AWS_VAULT_BACKEND, else file"
                    + " when its folder exists, else the OS's keychain).")
    String backend;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "The folder of aws-vault's file store (default: $AWS_VAULT_FILE_DIR, else ~/.awsvault/keys)."
                    + " Its passphrase comes from $AWS_VAULT_FILE_PASSPHRASE or the terminal.")
    Path dir;

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE", description = "Import this profile's keys only.")
    String profile;

    @Option(names = {"-n", "--dry-run"}, description = "Say what would come over; write nothing.")
    boolean dryRun;

    @Option(names = "--replace", description = "Replace keys jvault already holds for a profile (kept otherwise).")
    boolean replace;

    @Override
    public Integer call() {
        if (!SOURCES.contains(from)) {
            throw usage("jvault imports from aws-vault only, not '" + from + "'");
        }
        if (backend != null && !AwsVaultSources.BACKENDS.contains(backend)) {
            throw usage("--aws-vault-backend is file or secret-service, not '" + backend + "'");
        }
        Passphrases passphrases = new Passphrases(root.env(), root.prompter());
        try (AwsVaultStore source = AwsVaultSources.open(root.env(), Optional.ofNullable(backend), Optional.ofNullable(dir),
                () -> passphrases.awsVaultFileStore("aws-vault's file store"))) {
            StoreSelection selection = selection();
            var choice = selection.choose();
            List<String> lines = new AwsVaultImport(Clock.systemUTC()).run(source, store(selection, choice),
                    new AwsVaultImport.Options(Optional.ofNullable(profile), dryRun, replace));
            if (!dryRun) {
                selection.remember(choice);
            }
            lines.forEach(this::show);
        }
        return ExitStatus.OK.code();
    }
}
