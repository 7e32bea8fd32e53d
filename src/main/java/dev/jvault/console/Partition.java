package dev.jvault.console;

import java.net.URI;
import java.util.Optional;

/**
 * The AWS partition a console session belongs to: where its federation (sign-in) endpoint is,
 * and the console's host for a region.
 */
public enum Partition {
    AWS("aws", "https://signin.aws.amazon.com/federation", "console.aws.amazon.com"),
    GOV_CLOUD("aws-us-gov", "https://signin.amazonaws-us-gov.com/federation", "console.amazonaws-us-gov.com"),
    CHINA("aws-cn", "https://signin.amazonaws.cn/federation", "console.amazonaws.cn");

    private final String id;
    private final URI federation;
    private final String consoleHost;

    Partition(String id, String federation, String consoleHost) {
        this.id = id;
        this.federation = URI.create(federation);
        this.consoleHost = consoleHost;
    }

    /** From a role ARN ({@code arn:aws-cn:...}) when there is one, else from the region's prefix. */
    public static Partition of(Optional<String> roleArn, Optional<String> region) {
        Optional<String> fromArn = roleArn.filter(arn -> arn.startsWith("arn:")).map(arn -> arn.split(":", 3)[1]);
        for (Partition partition : values()) {
            if (fromArn.map(partition.id::equals).orElse(false)) {
                return partition;
            }
        }
        String name = region.orElse("");
        return name.startsWith("cn-") ? CHINA : name.startsWith("us-gov-") ? GOV_CLOUD : AWS;
    }

    public URI federation() {
        return federation;
    }

    /**
     * The console page to land on: the region's console home, or {@code path} (e.g.
     * {@code /s3/home}) inside it, as aws-vault builds it.
     */
    public URI destination(Optional<String> region, Optional<String> path) {
        String host = this == AWS ? region.map(r -> r + "." + consoleHost).orElse(consoleHost) : consoleHost;
        String page = path.map(p -> p.startsWith("/") ? p : "/" + p).orElse(region.isPresent() ? "/console/home" : "/");
        return URI.create("https://" + host + page + region.map(r -> "?region=" + r).orElse(""));
    }
}
