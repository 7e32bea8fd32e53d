package dev.jvault.migrate;

import java.util.List;

/** One of aws-vault's backends, read only: the keys of its items, and an item's JSON. */
public interface AwsVaultStore extends AutoCloseable {

    /** What it is and where, for messages: "aws-vault's file store ~/.awsvault/keys". */
    String describe();

    /** The keys of every item, sessions included; nothing is decrypted yet. */
    List<String> keys();

    /** The item's JSON, as aws-vault's keyring library wrote it, decrypted where it was encrypted. */
    String read(String key);

    @Override
    default void close() {
    }
}
