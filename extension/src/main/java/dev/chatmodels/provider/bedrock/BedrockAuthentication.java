package dev.chatmodels.provider.bedrock;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.chatmodels.transport.RequestAuthenticator;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * How a Bedrock model authenticates: a Bedrock API key (the {@code api-key} setting, by default
 * {@value #BEARER_TOKEN_VARIABLE}) sent as a bearer token, or else AWS credentials and a SigV4 signature. The
 * credentials are {@value #ACCESS_KEY_VARIABLE}, {@value #SECRET_KEY_VARIABLE} and {@value #SESSION_TOKEN_VARIABLE}
 * as the application's configuration sees them, else the standard AWS chain (system properties, environment, profile
 * files, web identity, container and instance roles).
 *
 * @param authenticator what signs or authenticates each request
 * @param secrets what nothing logged or answered may contain: the key, or the secret key and session token
 */
public record BedrockAuthentication(RequestAuthenticator authenticator, List<String> secrets) {

    /** The variable a Bedrock API key is read from by default. */
    public static final String BEARER_TOKEN_VARIABLE = "AWS_BEARER_TOKEN_BEDROCK";
    static final String ACCESS_KEY_VARIABLE = "AWS_ACCESS_KEY_ID";
    static final String SECRET_KEY_VARIABLE = "AWS_SECRET_ACCESS_KEY";
    static final String SESSION_TOKEN_VARIABLE = "AWS_SESSION_TOKEN";

    public BedrockAuthentication {
        secrets = List.copyOf(secrets);
    }

    /**
     * Resolves a model's authentication, at start-up: the AWS chain may do I/O (profile files, metadata endpoints), so
     * this must not run on an event loop.
     *
     * @param apiKey the configured Bedrock API key, if any
     * @param region the AWS region requests are signed for
     * @param environment reads a variable the way the application's configuration does
     * @param refresher runs the background refresh of expiring credentials (a worker pool)
     * @throws IllegalArgumentException when there is no key and the AWS chain finds no credentials
     */
    public static BedrockAuthentication resolve(Optional<String> apiKey, String region,
            Function<String, Optional<String>> environment, Executor refresher) {
        Optional<String> key = apiKey.filter(k -> !k.isBlank());
        if (key.isPresent()) {
            return new BedrockAuthentication(RequestAuthenticator.fixed(Map.of("Authorization", "Bearer " + key.get())),
                    List.of(key.get()));
        }
        return signing(region, source(environment), refresher);
    }

    /**
     * SigV4 signing with the AWS credentials of {@code source}, resolved now.
     *
     * @throws IllegalArgumentException when {@code source} finds no credentials
     */
    static BedrockAuthentication signing(String region, Supplier<AwsCredentialsIdentity> source, Executor refresher) {
        RefreshingCredentials credentials;
        try {
            credentials = RefreshingCredentials.resolve(source, refresher, Clock.systemUTC());
        } catch (SdkException e) {
            throw new IllegalArgumentException("Bedrock needs credentials: an API key (" + BEARER_TOKEN_VARIABLE
                    + ") or AWS credentials, but the AWS credential chain found none (" + e.getMessage() + ")");
        }
        return new BedrockAuthentication(new SigV4Authenticator(credentials, region), secrets(credentials.get()));
    }

    /** Keys in the application's configuration win; then the SDK's default chain. */
    static Supplier<AwsCredentialsIdentity> source(Function<String, Optional<String>> environment) {
        Optional<String> accessKey = environment.apply(ACCESS_KEY_VARIABLE).filter(v -> !v.isBlank());
        Optional<String> secretKey = environment.apply(SECRET_KEY_VARIABLE).filter(v -> !v.isBlank());
        if (accessKey.isPresent() && secretKey.isPresent()) {
            Optional<String> sessionToken = environment.apply(SESSION_TOKEN_VARIABLE).filter(v -> !v.isBlank());
            AwsCredentialsIdentity fixed = sessionToken.isPresent()
                    ? AwsSessionCredentialsIdentity.create(accessKey.get(), secretKey.get(), sessionToken.get())
                    : AwsCredentialsIdentity.create(accessKey.get(), secretKey.get());
            return () -> fixed;
        }
        DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        return chain::resolveCredentials;
    }

    private static List<String> secrets(AwsCredentialsIdentity credentials) {
        List<String> secrets = new ArrayList<>();
        secrets.add(credentials.secretAccessKey());
        if (credentials instanceof AwsSessionCredentialsIdentity session) {
            secrets.add(session.sessionToken());
        }
        return secrets;
    }
}
