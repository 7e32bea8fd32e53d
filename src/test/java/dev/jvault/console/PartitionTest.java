package dev.jvault.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PartitionTest {

    @Test
    void theRoleArnsPartitionWinsOverTheRegionsAndTheRegionsComesFromTheSdkMetadata() {
        assertEquals("aws-cn", Partition.of(Optional.of("arn:aws-cn:iam::123456789012:role/r"), Optional.of("eu-west-1")).id());
        assertEquals("aws-us-gov", Partition.of(Optional.empty(), Optional.of("us-gov-west-1")).id());
        assertEquals("aws-cn", Partition.of(Optional.empty(), Optional.of("cn-north-1")).id());
        assertEquals("aws", Partition.of(Optional.of("arn:aws:iam::123456789012:role/r"), Optional.of("cn-north-1")).id());
        assertEquals("aws", Partition.of(Optional.empty(), Optional.empty()).id());
        assertEquals(URI.create("https://signin.amazonaws-us-gov.com/federation"),
                Partition.of(Optional.empty(), Optional.of("us-gov-east-1")).federation());
        assertEquals(URI.create("https://signin.amazonaws.cn/federation"),
                Partition.of(Optional.empty(), Optional.of("cn-northwest-1")).federation());
        assertEquals(URI.create("https://signin.aws.amazon.com/federation"),
                Partition.of(Optional.empty(), Optional.of("ap-southeast-7")).federation());
    }

    @Test
    void aPartitionWithoutAPublicConsoleIsRefusedNotSentToTheCommercialOne() {
        for (String region : new String[] {"us-iso-east-1", "us-isob-east-1", "eusc-de-east-1", "eu-isoe-west-1"}) {
            JvaultException refused = assertThrows(JvaultException.class, () -> Partition.of(Optional.empty(), Optional.of(region)));
            assertEquals(ExitStatus.USAGE.code(), refused.exitStatus(), region);
        }
        assertEquals("jvault knows the console sign-in of the aws, aws-us-gov and aws-cn partitions, not of aws-iso-f:"
                + " sign in to that partition's console its own way",
                assertThrows(JvaultException.class, () -> Partition.of(Optional.of("arn:aws-iso-f:iam::1:role/r"),
                        Optional.empty())).getMessage());
    }

    @Test
    void theDestinationIsTheRegionsConsoleHome() {
        Partition aws = Partition.of(Optional.empty(), Optional.empty());
        assertEquals(URI.create("https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1"),
                aws.destination(Optional.of("eu-west-1"), Optional.empty()));
        assertEquals(URI.create("https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1"),
                aws.destination(Optional.of("eu-west-1"), Optional.of("s3/home")));
        assertEquals(URI.create("https://console.aws.amazon.com/"), aws.destination(Optional.empty(), Optional.empty()));
        assertEquals(URI.create("https://console.amazonaws.cn/console/home?region=cn-north-1"),
                Partition.of(Optional.empty(), Optional.of("cn-north-1")).destination(Optional.of("cn-north-1"), Optional.empty()));
    }
}
