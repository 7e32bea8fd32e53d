package dev.jvault.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An AWS partition (aws, aws-cn, aws-us-gov, aws-iso, aws-eusc, ...) as the AWS SDK's partition
 * metadata describes it, the same data botocore ships: its regions, its region pattern, its DNS
 * suffix and host template. The data is {@code partitions.txt} next to this class, written from
 * the SDK's metadata and checked against it by {@code AwsPartitionTest} on every build, so a new
 * SDK brings its new partitions with a failing test that prints the new file. jvault does not load
 * the SDK's own classes for it: their loader builds the metadata of some 300 services, a cost
 * every exec (and the fast path, which has no SDK at all) would pay.
 */
public record AwsPartition(String id, String dnsSuffix, String hostnameTemplate, Pattern regionPattern,
        Set<String> regions) {

    static final String DATA = "partitions.txt";

    public AwsPartition {
        regions = Set.copyOf(regions);
    }

    /**
     * The partition a region belongs to, as botocore finds it: one that lists the region, else one
     * whose region pattern it matches. Empty for a name no partition has.
     */
    public static Optional<AwsPartition> ofRegion(String region) {
        List<AwsPartition> all = Loaded.ALL;
        return all.stream().filter(partition -> partition.regions.contains(region)).findFirst()
                .or(() -> all.stream().filter(partition -> partition.regionPattern.matcher(region).matches()).findFirst());
    }

    /** A partition by its id, as a role ARN names it ({@code arn:aws-cn:...}); empty for one the SDK does not know. */
    public static Optional<AwsPartition> ofId(String id) {
        return Loaded.ALL.stream().filter(partition -> partition.id.equals(id)).findFirst();
    }

    /** A service's regional host, e.g. {@code sts.us-iso-east-1.c2s.ic.gov}. */
    public String host(String service, String region) {
        return hostnameTemplate.replace("{service}", service).replace("{region}", region).replace("{dnsSuffix}", dnsSuffix);
    }

    /** One line of the data file: id, DNS suffix, host template, region pattern, regions; tab-separated. */
    static AwsPartition parse(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 5) {
            throw new IllegalStateException(DATA + " is damaged: " + line);
        }
        return new AwsPartition(fields[0], fields[1], fields[2], Pattern.compile(fields[3]),
                fields[4].isEmpty() ? Set.of() : Set.of(fields[4].split(",")));
    }

    /** Read on first use: a profile without a region never pays for it. */
    private static final class Loaded {
        static final List<AwsPartition> ALL = read();

        private static List<AwsPartition> read() {
            try (InputStream in = AwsPartition.class.getResourceAsStream(DATA)) {
                if (in == null) {
                    throw new IllegalStateException(DATA + " is missing from the jar");
                }
                List<AwsPartition> partitions = new ArrayList<>();
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        partitions.add(parse(line));
                    }
                }
                return List.copyOf(partitions);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
