package dev.jvault.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PartitionTest {

    @Test
    void thePartitionComesFromTheRoleArnElseTheRegion() {
        assertEquals(Partition.CHINA, Partition.of(Optional.of("arn:aws-cn:iam::123456789012:role/r"), Optional.of("eu-west-1")));
        assertEquals(Partition.GOV_CLOUD, Partition.of(Optional.empty(), Optional.of("us-gov-west-1")));
        assertEquals(Partition.CHINA, Partition.of(Optional.empty(), Optional.of("cn-north-1")));
        assertEquals(Partition.AWS, Partition.of(Optional.of("arn:aws:iam::123456789012:role/r"), Optional.of("cn-north-1")));
        assertEquals(Partition.AWS, Partition.of(Optional.empty(), Optional.empty()));
        assertEquals(URI.create("https://signin.amazonaws-us-gov.com/federation"), Partition.GOV_CLOUD.federation());
        assertEquals(URI.create("https://signin.amazonaws.cn/federation"), Partition.CHINA.federation());
    }

    @Test
    void theDestinationIsTheRegionsConsoleHomeOrAPathInIt() {
        assertEquals(URI.create("https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1"),
                Partition.AWS.destination(Optional.of("eu-west-1"), Optional.empty()));
        assertEquals(URI.create("https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1"),
                Partition.AWS.destination(Optional.of("eu-west-1"), Optional.of("s3/home")));
        assertEquals(URI.create("https://console.aws.amazon.com/"), Partition.AWS.destination(Optional.empty(), Optional.empty()));
        assertEquals(URI.create("https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1"),
                Partition.GOV_CLOUD.destination(Optional.of("us-gov-west-1"), Optional.empty()));
    }
}
