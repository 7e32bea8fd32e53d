package dev.jvault.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

class AwsPartitionTest {

    /** Each partition's STS host for one of its regions, as botocore 1.43 (the AWS CLI here) builds it. */
    private static final Map<String, String> STS_HOSTS = Map.of(
            "eu-west-1", "sts.eu-west-1.amazonaws.com",
            "cn-north-1", "sts.cn-north-1.amazonaws.com.cn",
            "us-gov-west-1", "sts.us-gov-west-1.amazonaws.com",
            "us-iso-east-1", "sts.us-iso-east-1.c2s.ic.gov",
            "us-isob-east-1", "sts.us-isob-east-1.sc2s.sgov.gov",
            "eu-isoe-west-1", "sts.eu-isoe-west-1.cloud.adc-e.uk",
            "us-isof-south-1", "sts.us-isof-south-1.csp.hci.ic.gov",
            "eusc-de-east-1", "sts.eusc-de-east-1.amazonaws.eu");

    /** What {@code partitions.txt} must hold: the SDK's partition metadata, every partition with its regions. */
    private static String fromTheSdk() {
        Map<String, PartitionMetadata> partitions = new TreeMap<>();
        Map<String, Set<String>> regions = new TreeMap<>();
        for (Region region : Region.regions()) {
            RegionMetadata metadata = RegionMetadata.of(region);
            if (metadata != null) {
                partitions.put(metadata.partition().id(), metadata.partition());
                regions.computeIfAbsent(metadata.partition().id(), id -> new TreeSet<>()).add(region.id());
            }
        }
        StringBuilder text = new StringBuilder("# Written from the AWS SDK's partition metadata; AwsPartitionTest checks it.\n"
                + "# id\tDNS suffix\thost template\tregion pattern\tregions\n");
        partitions.forEach((id, partition) -> text.append(String.join("\t", id, partition.dnsSuffix(), partition.hostname(),
                partition.regionRegex(), String.join(",", regions.get(id)))).append('\n'));
        return text.toString();
    }

    @Test
    void theDataFileIsTheSdksPartitionMetadata() throws IOException {
        String expected = fromTheSdk();
        String actual;
        try (InputStream in = AwsPartition.class.getResourceAsStream(AwsPartition.DATA)) {
            actual = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!expected.equals(actual)) {
            Path written = Path.of("target", AwsPartition.DATA);
            Files.createDirectories(written.getParent());
            Files.writeString(written, expected);
            assertEquals(expected, actual, "the SDK's partitions changed: copy " + written.toAbsolutePath()
                    + " to src/main/resources/dev/jvault/config/" + AwsPartition.DATA);
        }
    }

    @Test
    void eachPartitionsRegionGetsItsStsHost() {
        STS_HOSTS.forEach((region, host) -> assertEquals(Optional.of(host),
                AwsPartition.ofRegion(region).map(partition -> partition.host("sts", region)), region));
    }

    @Test
    void everyRegionTheSdkKnowsBelongsToItsPartitionAndEveryPartitionIsCovered() {
        Set<String> partitions = new TreeSet<>();
        for (Region region : Region.regions()) {
            RegionMetadata metadata = RegionMetadata.of(region);
            if (metadata == null) {
                continue;
            }
            Optional<AwsPartition> partition = AwsPartition.ofRegion(region.id());
            assertEquals(Optional.of(metadata.partition().id()), partition.map(AwsPartition::id), region.id());
            partitions.add(partition.get().id());
        }
        Set<String> covered = new TreeSet<>();
        STS_HOSTS.keySet().forEach(region -> covered.add(AwsPartition.ofRegion(region).orElseThrow().id()));
        assertEquals(partitions, covered, "the table above has a region of every partition the SDK knows");
    }

    @Test
    void aRegionOfTheShapeOfAPartitionIsAcceptedBeforeTheSdkListsIt() {
        assertEquals(Optional.of("aws-iso"), AwsPartition.ofRegion("us-iso-north-9").map(AwsPartition::id));
        assertEquals(Optional.of("aws-eusc"), AwsPartition.ofRegion("eusc-de-west-3").map(AwsPartition::id));
        assertEquals(Optional.of("aws"), AwsPartition.ofRegion("ap-southeast-42").map(AwsPartition::id));
    }

    @Test
    void aNameNoPartitionHasIsNotARegion() {
        for (String name : new String[] {"Europe", "eu-west", "moon-base-1", "euwest1", "eusc-fr-east-1"}) {
            assertTrue(AwsPartition.ofRegion(name).isEmpty(), name);
        }
    }

    @Test
    void partitionsAreFoundByTheirIdAsRoleArnsNameThem() {
        assertEquals(Optional.of("c2s.ic.gov"), AwsPartition.ofId("aws-iso").map(AwsPartition::dnsSuffix));
        assertEquals(Optional.empty(), AwsPartition.ofId("aws-moon"));
    }
}
