package dev.jvault.config;

import java.util.Optional;

/**
 * An endpoint the user set for one AWS service, in the order the AWS SDKs read them:
 * {@code AWS_ENDPOINT_URL_<SERVICE>}, {@code AWS_ENDPOINT_URL}, the profile's {@code [services]}
 * section, the profile's {@code endpoint_url}; none at all with
 * {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} / {@code ignore_configured_endpoint_urls}.
 */
final class ConfiguredEndpoints {

    private ConfiguredEndpoints() {
    }

    /**
     * @param variable    the service's part of the variable name, e.g. {@code STS}, {@code SSO_OIDC}
     * @param servicesKey the service's key in a {@code [services]} section, e.g. {@code sts}, {@code sso_oidc}
     */
    static Optional<Sourced<String>> find(Optional<Profile> profile, AwsConfig config, Environment env, String variable,
            String servicesKey) {
        boolean ignored = env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
                .or(() -> profile.flatMap(p -> p.value("ignore_configured_endpoint_urls")).map(Sourced::value))
                .map("true"::equalsIgnoreCase)
                .orElse(false);
        if (ignored) {
            return Optional.empty();
        }
        return env.sourced("AWS_ENDPOINT_URL_" + variable)
                .or(() -> env.sourced("AWS_ENDPOINT_URL"))
                .or(() -> profile.flatMap(p -> fromServicesSection(p, config, servicesKey)))
                .or(() -> profile.flatMap(p -> p.value("endpoint_url")));
    }

    private static Optional<Sourced<String>> fromServicesSection(Profile profile, AwsConfig config, String servicesKey) {
        return profile.value("services").flatMap(name -> {
            IniSection section = config.services().get(name.value());
            if (section == null) {
                throw new ConfigException(name.origin(), "profile " + profile.name() + " names services '"
                        + name.value() + "', but there is no [services " + name.value() + "] section");
            }
            return section.property(servicesKey).flatMap(service -> service.sub("endpoint_url")).map(IniProperty::sourced);
        });
    }
}
