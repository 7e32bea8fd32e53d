package dev.jvault.migrate;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.ObjectPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.secret.Collection;
import org.freedesktop.secret.Service;
import org.freedesktop.secret.simple.SimpleCollection;

/**
 * aws-vault's "secret-service" backend (Linux): the collection labelled {@code awsvault}, one item
 * per key, its attribute {@code profile} holding the key and its secret the item's JSON. Read
 * through the Secret Service library under java-keyring, which jvault's own keychain store uses.
 */
final class AwsVaultSecretService implements AwsVaultStore, AutoCloseable {

    /** aws-vault's default; AWS_VAULT_SECRET_SERVICE_COLLECTION_NAME names another, as for aws-vault. */
    static final String COLLECTION = "awsvault";
    private static final String KEY_ATTRIBUTE = "profile";

    private final String name;
    private final SimpleCollection collection;
    /** Key to item path, so that each secret is fetched only for the items the import opens. */
    private final Map<String, String> items = new LinkedHashMap<>();

    private AwsVaultSecretService(String name, SimpleCollection collection) {
        this.name = name;
        this.collection = collection;
        for (String path : collection.getItems(Map.of())) {
            String key = collection.getAttributes(path).get(KEY_ATTRIBUTE);
            if (key != null) {
                items.put(key, path);
            }
        }
    }

    static AwsVaultSecretService open(String name) {
        if (!SimpleCollection.isAvailable()) {
            throw unavailable("no Secret Service answers on the session bus (is a keyring daemon running?)", null);
        }
        // Checked first: the library creates a collection it is asked for and does not find.
        if (!collectionExists(name)) {
            throw new JvaultException(ExitStatus.NOT_FOUND, "the Secret Service has no '" + name + "' collection:"
                    + " aws-vault stored nothing here; if it used its file store, run jvault import aws-vault"
                    + " --aws-vault-backend file");
        }
        try {
            SimpleCollection collection = new SimpleCollection(name, null);
            if (collection.isLocked()) {
                collection.unlockWithUserPermission();
            }
            return new AwsVaultSecretService(name, collection);
        } catch (IOException | RuntimeException e) {
            throw unavailable("cannot open the Secret Service collection '" + name + "' (" + e.getMessage()
                    + "): unlock it and try again", e);
        }
    }

    private static boolean collectionExists(String name) {
        try (DBusConnection connection = DBusConnectionBuilder.forSessionBus().withShared(false).build()) {
            Service service = new Service(connection);
            List<ObjectPath> collections = service.getCollections();
            return collections != null && collections.stream()
                    .anyMatch(path -> name.equals(new Collection(path, service).getLabel()));
        } catch (DBusException | IOException | RuntimeException e) {
            throw unavailable("cannot list the Secret Service's collections (" + e.getMessage() + ")", e);
        }
    }

    private static JvaultException unavailable(String message, Throwable cause) {
        return new JvaultException(ExitStatus.UNAVAILABLE, message, cause);
    }

    @Override
    public String describe() {
        return "aws-vault's Secret Service collection '" + name + "'";
    }

    @Override
    public List<String> keys() {
        return items.keySet().stream().sorted().toList();
    }

    @Override
    public String read(String key) {
        char[] secret = collection.getSecret(items.get(key));
        if (secret == null) {
            throw unavailable("the Secret Service would not return aws-vault's item '" + key + "': unlock the '"
                    + name + "' collection and try again", null);
        }
        try {
            return new String(secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    @Override
    public void close() {
        collection.close();
    }
}
