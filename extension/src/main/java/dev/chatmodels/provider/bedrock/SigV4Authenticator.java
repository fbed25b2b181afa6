package dev.chatmodels.provider.bedrock;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.chatmodels.transport.OutgoingRequest;
import dev.chatmodels.transport.RequestAuthenticator;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs each request with AWS Signature Version 4 (the AWS SDK's signer) over exactly what is sent: method, URI with
 * host and encoded path, the request's headers and the body's hash. The signature headers ({@code Authorization},
 * {@code X-Amz-Date}, {@code X-Amz-Security-Token} for temporary credentials) are what it adds; {@code Host} is signed
 * as the transport sends it, from the URI. Signing is CPU work on the request's bytes only: the credentials come from
 * a supplier that never blocks ({@link RefreshingCredentials}).
 */
final class SigV4Authenticator implements RequestAuthenticator {

    static final String SERVICE = "bedrock";

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final Supplier<AwsCredentialsIdentity> credentials;
    private final String region;
    private final String service;
    private final Clock clock;

    SigV4Authenticator(Supplier<AwsCredentialsIdentity> credentials, String region) {
        this(credentials, region, SERVICE, Clock.systemUTC());
    }

    /** An authenticator for another service name and clock: the AWS signature test suite signs for {@code service}. */
    SigV4Authenticator(Supplier<AwsCredentialsIdentity> credentials, String region, String service, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.service = service;
        this.clock = clock;
    }

    @Override
    public Map<String, String> headers(OutgoingRequest request) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .uri(request.uri());
        request.headers().forEach(unsigned::putHeader);
        SignedRequest signed = signer.sign(sign -> sign
                .identity(credentials.get())
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(request.body() == null ? new byte[0] : request.body()))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        Map<String, String> added = new LinkedHashMap<>();
        signed.request().forEachHeader((name, values) -> {
            if (!"host".equalsIgnoreCase(name) && !containsIgnoringCase(request.headers(), name)) {
                added.put(name, String.join(",", values));
            }
        });
        return added;
    }

    private static boolean containsIgnoringCase(Map<String, String> headers, String name) {
        return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
    }
}
