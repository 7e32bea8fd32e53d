package dev.jvault.config;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Where STS calls go, in the order the AWS SDKs use: {@code AWS_ENDPOINT_URL_STS},
 * {@code AWS_ENDPOINT_URL}, the profile's {@code [services]} section, the profile's
 * {@code endpoint_url}; else the regional endpoint (or the global one for
 * {@code sts_regional_endpoints = legacy} in the regions that had it, and, as the AWS CLI
 * calls it, when no region is set at all; STS is then signed for us-east-1).
 */
final class StsEndpoints {

    static final String DEFAULT_REGION = "us-east-1";

    private static final Set<String> LEGACY_GLOBAL_REGIONS = Set.of("ap-northeast-1", "ap-south-1", "ap-southeast-1",
            "ap-southeast-2", "aws-global", "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2",
            "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2");

    private static final Sourced<URI> GLOBAL_WITHOUT_REGION = new Sourced<>(URI.create("https://sts.amazonaws.com"),
            Origin.builtIn("global endpoint (no region set, as the AWS CLI)"));

    private StsEndpoints() {
    }

    static Sourced<URI> resolve(Profile profile, AwsConfig config, Environment env, Optional<String> region) {
        Sourced<String> mode = regionalMode(profile, env); // checked even when an endpoint is set, as the CLI checks it
        return ConfiguredEndpoints.find(Optional.of(profile), config, env, "STS", "sts").map(Settings::endpoint)
                .orElseGet(() -> region.map(name -> standard(mode.value(), name)).orElse(GLOBAL_WITHOUT_REGION));
    }

    /** {@code AWS_STS_REGIONAL_ENDPOINTS}, else {@code sts_regional_endpoints}: {@code legacy} or {@code regional} (the default). */
    private static Sourced<String> regionalMode(Profile profile, Environment env) {
        Sourced<String> mode = env.sourced("AWS_STS_REGIONAL_ENDPOINTS")
                .or(() -> profile.value("sts_regional_endpoints"))
                .orElse(new Sourced<>("regional", Origin.builtIn("default")));
        if (!mode.value().equals("legacy") && !mode.value().equals("regional")) {
            throw new ConfigException(mode.origin(), "sts_regional_endpoints '" + Settings.shown(mode.value())
                    + "' is neither legacy nor regional (the AWS CLI refuses it too): write one of those");
        }
        return mode;
    }

    private static Sourced<URI> standard(String mode, String region) {
        if (mode.equals("legacy") && LEGACY_GLOBAL_REGIONS.contains(region)) {
            return new Sourced<>(URI.create("https://sts.amazonaws.com"),
                    Origin.builtIn("global endpoint (sts_regional_endpoints = legacy)"));
        }
        AwsPartition partition = AwsPartition.ofRegion(region).orElseThrow(); // Settings.region let only such names in
        return new Sourced<>(URI.create("https://" + partition.host("sts", region)),
                Origin.builtIn("regional endpoint for " + region + " in partition " + partition.id()));
    }
}
