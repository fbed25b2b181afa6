package dev.chatmodels.provider.bedrock;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.chatmodels.provider.CredentialSettings;
import dev.chatmodels.provider.MissingCredentialsException;
import dev.chatmodels.provider.ModelCredentials;
import dev.chatmodels.provider.ProviderAuthentication;
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
 * files, web identity, container and instance roles). The secrets are the key, or the secret key and session token.
 * <p>
 * The credentials are resolved when the model is created, which may do I/O (profile files, metadata endpoints): never
 * on an event loop.
 */
final class BedrockAuthentication implements ProviderAuthentication {

    /** The variable a Bedrock API key is read from by default. */
    static final String BEARER_TOKEN_VARIABLE = "AWS_BEARER_TOKEN_BEDROCK";
    static final String ACCESS_KEY_VARIABLE = "AWS_ACCESS_KEY_ID";
    static final String SECRET_KEY_VARIABLE = "AWS_SECRET_ACCESS_KEY";
    static final String SESSION_TOKEN_VARIABLE = "AWS_SESSION_TOKEN";

    @Override
    public ModelCredentials credentials(CredentialSettings settings) {
        if (settings.apiKey() != null) {
            return ModelCredentials.of(RequestAuthenticator.fixed(Map.of("Authorization", "Bearer " + settings.apiKey())),
                    settings.apiKey());
        }
        if (settings.region() == null) {
            throw new MissingCredentialsException(MissingCredentialsException.Setting.REGION,
                    "needs the region to sign requests for");
        }
        return signing(settings.region(), source(settings.variables()), Refresher.EXECUTOR);
    }

    /**
     * SigV4 signing with the AWS credentials of {@code source}, resolved now.
     *
     * @throws MissingCredentialsException when {@code source} finds no credentials
     */
    static ModelCredentials signing(String region, Supplier<AwsCredentialsIdentity> source, Executor refresher) {
        RefreshingCredentials credentials;
        try {
            credentials = RefreshingCredentials.resolve(source, refresher, Clock.systemUTC());
        } catch (SdkException e) {
            throw new MissingCredentialsException(MissingCredentialsException.Setting.API_KEY,
                    "needs an API key or AWS credentials, and the AWS credential chain (" + ACCESS_KEY_VARIABLE + " and "
                            + SECRET_KEY_VARIABLE + ", profile files, container or instance role) found none: "
                            + e.getMessage());
        }
        return new ModelCredentials(new SigV4Authenticator(credentials, region), secrets(credentials.get()));
    }

    /** Keys in the application's configuration win; then the SDK's default chain. */
    static Supplier<AwsCredentialsIdentity> source(Function<String, Optional<String>> variables) {
        Optional<String> accessKey = variables.apply(ACCESS_KEY_VARIABLE).filter(v -> !v.isBlank());
        Optional<String> secretKey = variables.apply(SECRET_KEY_VARIABLE).filter(v -> !v.isBlank());
        if (accessKey.isPresent() && secretKey.isPresent()) {
            Optional<String> sessionToken = variables.apply(SESSION_TOKEN_VARIABLE).filter(v -> !v.isBlank());
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

    /**
     * Where expiring credentials are fetched again: one daemon thread at most, started when a refresh is due and gone
     * after a minute idle, so that a model of static credentials costs no thread. Created on first use.
     */
    private static final class Refresher {
        static final Executor EXECUTOR = create();

        private static Executor create() {
            ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, Duration.ofMinutes(1).toMillis(),
                    TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
                        Thread thread = new Thread(task, "bedrock-credentials-refresh");
                        thread.setDaemon(true);
                        return thread;
                    });
            executor.allowCoreThreadTimeOut(true);
            return executor;
        }
    }
}
