package dev.chatmodels.quarkus.runtime.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * An HTTP proxy, read from {@code host:port} or {@code http://[user:password@]host:port}. The password is never
 * printed.
 */
public record ProxyAddress(String host, int port, Optional<String> user, Optional<String> password) {

    /**
     * Reads a proxy address.
     *
     * @param property the property the value comes from, named in the error
     * @throws IllegalArgumentException when the value is not a proxy address; the message leaves the value out, as it
     *         may hold a password
     */
    public static ProxyAddress parse(String value, String property) {
        String trimmed = value.trim();
        URI uri;
        try {
            uri = new URI(trimmed.contains("://") ? trimmed : "http://" + trimmed);
        } catch (URISyntaxException e) {
            throw invalid(property, "it is not a valid address");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw invalid(property, "only http proxies are supported");
        }
        if (uri.getHost() == null || uri.getPort() < 1) {
            throw invalid(property, "it needs a host and a port");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw invalid(property, "a proxy address has no path");
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? Optional.empty() : Optional.of(userInfo.substring(colon + 1));
        }
        return new ProxyAddress(uri.getHost(), uri.getPort(), user, password);
    }

    private static IllegalArgumentException invalid(String property, String reason) {
        return new IllegalArgumentException(
                property + " is not a proxy address (" + reason + "): expected host:port or http://[user:password@]host:port");
    }

    @Override
    public String toString() {
        return "ProxyAddress[" + user.map(u -> u + ":***@").orElse("") + host + ":" + port + "]";
    }
}
