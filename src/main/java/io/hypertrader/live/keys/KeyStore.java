package io.hypertrader.live.keys;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hypertrader.core.UserError;
import io.hypertrader.live.sign.Addresses;
import io.hypertrader.live.sign.SigningKey;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder of encrypted Ethereum keystore v3 files, one per signing key, named
 * {@code <lowercase address>.json}. Default folder: {@code $HYPERTRADER_HOME/keys} when that
 * variable is set, else {@code ~/.config/hypertrader/keys}. Files are written owner-only (0600,
 * folder 0700) where the file system supports POSIX permissions.
 */
public final class KeyStore {

    /** Environment variable that moves the whole user config folder (used by tests). */
    public static final String HOME_ENV = "HYPERTRADER_HOME";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path dir;
    private final boolean lightScrypt;

    /**
     * @param lightScrypt web3j's light scrypt parameters (n = 4096) instead of the standard
     *                    n = 262144; only for tests, where the standard cost (about a second and
     *                    256 MB per operation) adds up
     */
    public KeyStore(Path dir, boolean lightScrypt) {
        this.dir = dir;
        this.lightScrypt = lightScrypt;
    }

    /** The default store for this environment, with standard scrypt. */
    public static KeyStore forEnv(Map<String, String> env) {
        return new KeyStore(defaultDir(env), false);
    }

    public static Path defaultDir(Map<String, String> env) {
        return homeDir(env).resolve("keys");
    }

    /** The user config folder: {@code $HYPERTRADER_HOME} when set, else {@code ~/.config/hypertrader}. */
    public static Path homeDir(Map<String, String> env) {
        String home = env.get(HOME_ENV);
        if (home != null && !home.isBlank()) {
            return Path.of(home.trim());
        }
        return Path.of(System.getProperty("user.home"), ".config", "hypertrader");
    }

    public Path dir() {
        return dir;
    }

    /**
     * Encrypts and stores a key; returns its address.
     *
     * @throws UserError (USAGE) if a key for that address exists and {@code overwrite} is false
     */
    public String importKey(SigningKey key, String passphrase, boolean overwrite) {
        Path file = fileFor(key.address());
        if (Files.exists(file) && !overwrite) {
            throw UserError.usage("a key for " + key.address() + " is already stored in " + file
                    + " (pass --force to replace it)");
        }
        try {
            createDir();
            WalletFile wallet = key.toKeystore(passphrase, lightScrypt);
            Path tmp = Files.createTempFile(dir, ".import-", ".tmp");
            restrict(tmp, "rw-------");
            JSON.writeValue(tmp.toFile(), wallet);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return key.address();
        } catch (CipherException e) {
            throw new UserError(UserError.Kind.FAILURE, "could not encrypt the key: " + e.getMessage());
        } catch (IOException e) {
            throw new UserError(UserError.Kind.FAILURE, "could not write the key store " + dir + ": " + e.getMessage());
        }
    }

    /** Addresses of the stored keys, sorted. */
    public List<String> addresses() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5))
                    .filter(Addresses::isAddress)
                    .sorted()
                    .forEach(out::add);
        } catch (IOException e) {
            throw new UserError(UserError.Kind.FAILURE, "could not list the key store " + dir + ": " + e.getMessage());
        }
        return out;
    }

    public boolean contains(String address) {
        return Files.exists(fileFor(Addresses.normalize(address, "address")));
    }

    /**
     * Decrypts the key stored for {@code address}.
     *
     * @throws UserError DATA_MISSING when absent, USAGE when the passphrase is wrong
     */
    public SigningKey load(String address, String passphrase) {
        String addr = Addresses.normalize(address, "key address");
        Path file = fileFor(addr);
        if (!Files.exists(file)) {
            throw UserError.dataMissing("no stored key for " + addr + " in " + dir + " (run: hypertrader keys import)");
        }
        try {
            WalletFile wallet = JSON.readValue(file.toFile(), WalletFile.class);
            SigningKey key = SigningKey.fromKeystore(wallet, passphrase);
            if (!key.address().equals(addr)) {
                throw new UserError(UserError.Kind.FAILURE, "key file " + file + " holds the key of " + key.address()
                        + ", not " + addr + "; the file was renamed or altered");
            }
            return key;
        } catch (CipherException e) {
            throw UserError.usage("wrong passphrase for the key of " + addr + " (HYPERTRADER_KEY_PASSPHRASE or the prompt)");
        } catch (IOException e) {
            throw new UserError(UserError.Kind.FAILURE, "could not read key file " + file + ": " + e.getMessage());
        }
    }

    private Path fileFor(String address) {
        return dir.resolve(address + ".json");
    }

    private void createDir() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
        }
    }

    private static void restrict(Path p, String perms) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException | IOException e) {
            // Non-POSIX file system (Windows): the user's profile ACLs apply.
        }
    }
}
