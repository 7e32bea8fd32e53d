package dev.jvault.console;

import dev.jvault.config.AwsPartition;
import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS partition a console session belongs to, found as the AWS SDK's partition metadata
 * places the role's ARN or the region ({@link AwsPartition}): where its federation (sign-in)
 * endpoint is, and the console's host for a region. The metadata has no sign-in hosts, so they
 * are listed here for the partitions with a public console; another partition is refused.
 */
public record Partition(String id, URI federation, String consoleHost) {

    private static final Map<String, Partition> CONSOLES = Map.of(
            "aws", new Partition("aws", URI.create("https://signin.aws.amazon.com/federation"), "console.aws.amazon.com"),
            "aws-us-gov", new Partition("aws-us-gov", URI.create("https://signin.amazonaws-us-gov.com/federation"),
                    "console.amazonaws-us-gov.com"),
            "aws-cn", new Partition("aws-cn", URI.create("https://signin.amazonaws.cn/federation"), "console.amazonaws.cn"));

    /** From a role ARN ({@code arn:aws-cn:...}) when there is one, else from the region; aws without either. */
    public static Partition of(Optional<String> roleArn, Optional<String> region) {
        String id = roleArn.filter(arn -> arn.startsWith("arn:")).map(arn -> arn.split(":", 3)[1])
                .or(() -> region.flatMap(AwsPartition::ofRegion).map(AwsPartition::id))
                .orElse("aws");
        Partition partition = CONSOLES.get(id);
        if (partition == null) {
            throw new JvaultException(ExitStatus.USAGE, "jvault knows the console sign-in of the aws, aws-us-gov and"
                    + " aws-cn partitions, not of " + id + ": sign in to that partition's console its own way");
        }
        return partition;
    }

    /**
     * The console page to land on: the region's console home, or {@code path} (e.g.
     * {@code /s3/home}) inside it, as aws-vault builds it.
     */
    public URI destination(Optional<String> region, Optional<String> path) {
        String host = id.equals("aws") ? region.map(r -> r + "." + consoleHost).orElse(consoleHost) : consoleHost;
        String page = path.map(p -> p.startsWith("/") ? p : "/" + p).orElse(region.isPresent() ? "/console/home" : "/");
        return URI.create("https://" + host + page + region.map(r -> "?region=" + r).orElse(""));
    }
}
