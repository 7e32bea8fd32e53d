package dev.jvault.sso;

import dev.jvault.config.Environment;
import dev.jvault.config.SsoSession;
import dev.jvault.files.FileException;
import dev.jvault.files.PrivateFiles;
import dev.jvault.log.Log;
import dev.jvault.store.StoredItem;
import dev.jvault.text.Json;
import dev.jvault.text.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS CLI's token cache, {@code ~/.aws/sso/cache/<sha1>.json}: what {@code aws sso login}
 * writes and botocore reads and refreshes. jvault reads a token there when its own store has
 * none, writes a refresh of such a token back (refresh tokens rotate: the old one is spent), and
 * writes its own sign-ins there only when asked ({@code --write-aws-cache}). A file or folder
 * that another user owns or could write is refused, as is anything but a regular file.
 */
public final class AwsCliTokenCache {

    private static final long MAX_BYTES = 1 << 20;
    private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private final Path dir;
    private final PrivateFiles files;
    private final Environment env;

    public AwsCliTokenCache(Environment env, PrivateFiles files) {
        this.env = env;
        this.dir = env.home().resolve(".aws/sso/cache");
        this.files = files;
    }

    Path file(SsoSession session) {
        return dir.resolve(session.cacheDigest() + ".json");
    }

    /** The token the AWS CLI keeps for the session, if there is a readable one. */
    public Optional<StoredItem.SsoToken> read(SsoSession session) {
        Path file = file(session);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        requireTrusted(dir);
        requireTrusted(file);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileException(FileException.Reason.BAD_INPUT, env.display(file) + " is not a regular file: move it aside");
        }
        files.requireOwnerOnly(file, "600");
        Map<String, Object> json;
        try {
            json = JsonReader.object(files.readText(file, MAX_BYTES));
        } catch (IllegalArgumentException e) {
            Log.notice("warning: " + env.display(file) + " is " + e.getMessage() + ": ignored (aws sso login rewrites it)");
            return Optional.empty();
        }
        Optional<String> accessToken = text(json, "accessToken");
        Optional<Instant> expiresAt = text(json, "expiresAt").flatMap(AwsCliTokenCache::instant);
        if (accessToken.isEmpty() || expiresAt.isEmpty()) {
            Log.debug(env.display(file) + " holds no access token with an expiry: ignored");
            return Optional.empty();
        }
        Optional<StoredItem.Registration> registration = text(json, "clientId").flatMap(id -> text(json, "clientSecret")
                .flatMap(secret -> text(json, "registrationExpiresAt").flatMap(AwsCliTokenCache::instant)
                        .map(until -> new StoredItem.Registration(id, secret, until, ""))));
        Log.debug("read the AWS CLI's token for " + session.label() + " from " + env.display(file));
        return Optional.of(new StoredItem.SsoToken(session.cacheName(), session.cacheDigest(),
                text(json, "startUrl").orElse(session.startUrl().value()), text(json, "region").orElse(session.region().value()),
                accessToken.get(), expiresAt.get(), text(json, "refreshToken"), registration));
    }

    /** Writes the token as the AWS CLI does: every field, 0600, atomically; the folder is made 0700 when missing. */
    public void write(StoredItem.SsoToken token) {
        if (Files.isDirectory(dir)) {
            requireTrusted(dir);
        } else {
            files.ensureDirectory(dir);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("startUrl", token.startUrl());
        json.put("region", token.region());
        json.put("accessToken", token.accessToken());
        json.put("expiresAt", timestamp(token.expiresAt()));
        token.registration().ifPresent(registration -> {
            json.put("clientId", registration.clientId());
            json.put("clientSecret", registration.clientSecret());
            json.put("registrationExpiresAt", timestamp(registration.expiresAt()));
        });
        token.refreshToken().ifPresent(refresh -> json.put("refreshToken", refresh));
        Path file = dir.resolve(token.cacheDigest() + ".json");
        requireTrusted(file);
        files.writeAtomically(file, Json.write(json).getBytes(StandardCharsets.UTF_8));
        Log.debug("wrote the token for " + token.cacheName() + " to " + env.display(file) + " for the AWS CLI");
    }

    /** Removes the AWS CLI's file for the session (logout); true when there was one. */
    public boolean remove(SsoSession session) {
        try {
            return Files.deleteIfExists(file(session));
        } catch (IOException e) {
            throw new FileException(FileException.Reason.IO, "cannot remove " + env.display(file(session)) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Ours, and writable by no one else: another user could otherwise plant a token of theirs. */
    private void requireTrusted(Path path) {
        files.requireOwnedByUser(path);
        try {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && Files.getFileAttributeView(path,
                    java.nio.file.attribute.PosixFileAttributeView.class) != null
                    && Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).stream().anyMatch(OTHERS_WRITE::contains)) {
                throw new FileException(FileException.Reason.INSECURE, env.display(path) + " can be written by other users:"
                        + " run chmod go-w " + env.display(path));
            }
        } catch (IOException e) {
            throw new FileException(FileException.Reason.IO, "cannot check " + env.display(path) + ": " + e.getMessage(), e);
        }
    }

    /** As botocore writes them: {@code 2026-12-06T10:00:00Z}. */
    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text.replace("UTC", "Z")).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(Map<String, Object> json, String name) {
        return json.get(name) instanceof String text && !text.isEmpty() ? Optional.of(text) : Optional.empty();
    }
}
