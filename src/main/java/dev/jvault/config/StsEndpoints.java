package dev.jvault.config;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Where STS calls go, in the order the AWS SDKs use: {@code AWS_ENDPOINT_URL_STS},
 * {@code AWS_ENDPOINT_URL}, the profile's {@code [services]} section, the profile's
 * {@code endpoint_url}; else the regional endpoint (or the global one for
 * {@code sts_regional_endpoints = legacy} in the regions that had it).
 */
final class StsEndpoints {

    static final String DEFAULT_REGION = "us-east-1";

    private static final Set<String> LEGACY_GLOBAL_REGIONS = Set.of("ap-northeast-1", "ap-south-1", "ap-southeast-1",
            "ap-southeast-2", "aws-global", "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2",
            "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2");

    private StsEndpoints() {
    }

    static Sourced<URI> resolve(Profile profile, AwsConfig config, Environment env, String region) {
        return ConfiguredEndpoints.find(Optional.of(profile), config, env, "STS", "sts").map(Settings::endpoint).orElseGet(() -> standard(profile, env, region));
    }

    private static Sourced<URI> standard(Profile profile, Environment env, String region) {
        String mode = env.get("AWS_STS_REGIONAL_ENDPOINTS")
                .or(() -> profile.value("sts_regional_endpoints").map(Sourced::value))
                .orElse("regional");
        if (mode.equals("legacy") && LEGACY_GLOBAL_REGIONS.contains(region)) {
            return new Sourced<>(URI.create("https://sts.amazonaws.com"),
                    Origin.builtIn("global endpoint (sts_regional_endpoints = legacy)"));
        }
        String suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return new Sourced<>(URI.create("https://sts." + region + "." + suffix),
                Origin.builtIn("regional endpoint for " + region));
    }
}
