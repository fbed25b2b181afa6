package dev.chatmodels.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.chatmodels.json.Jackson;

/**
 * Recomputes an AWS Signature Version 4 from a received request, written from the specification independently of the
 * AWS SDK that signs, so that a test catches what a wrong use of the signer would break (the double-encoded path of
 * non-S3 services, a Host that is not the one sent). Only header-signed requests without a query are handled: what
 * Bedrock clients send.
 *
 * @param accessKeyId the access key the signature must name
 * @param secretAccessKey the secret it must be made with
 * @param region the region it must be scoped to
 * @param service the service it must be scoped to, e.g. {@code bedrock}
 */
public record SigV4Verifier(String accessKeyId, String secretAccessKey, String region, String service) {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /**
     * A {@link ProviderStandIn#check} that answers requests under {@code pathPrefix} whose signature is wrong the way
     * AWS does: 403 {@code InvalidSignatureException}, with what is wrong as the message.
     */
    public Function<RecordedRequest, Reply> standInCheck(String pathPrefix) {
        return request -> {
            if (!request.path().startsWith(pathPrefix)) {
                return null;
            }
            String problem = problem(request.method(), request.path(), request.headers(),
                    request.body().getBytes(StandardCharsets.UTF_8));
            return problem == null ? null
                    : Reply.json(403, Jackson.MAPPER.createObjectNode().put("message", problem).toString())
                            .header("x-amzn-errortype", "InvalidSignatureException");
        };
    }

    /**
     * Why the request's signature is wrong, or {@code null} when it is right.
     *
     * @param rawPath the request path as sent, percent-encoding included
     * @param headers the received headers, names in lower case
     */
    public String problem(String method, String rawPath, Map<String, String> headers, byte[] body) {
        String authorization = headers.get("authorization");
        if (authorization == null || !authorization.startsWith(ALGORITHM + " ")) {
            return "no " + ALGORITHM + " Authorization header";
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
            String[] pair = part.strip().split("=", 2);
            parts.put(pair[0], pair.length == 2 ? pair[1] : "");
        }
        String[] scope = parts.getOrDefault("Credential", "").split("/");
        String amzDate = headers.get("x-amz-date");
        if (scope.length != 5 || amzDate == null) {
            return "no credential scope or x-amz-date";
        }
        if (!scope[0].equals(accessKeyId) || !scope[2].equals(region) || !scope[3].equals(service)
                || !scope[1].equals(amzDate.substring(0, 8))) {
            return "credential scope " + String.join("/", scope) + " is not " + accessKeyId + "/" + amzDate.substring(0, 8)
                    + "/" + region + "/" + service;
        }
        String signedHeaders = parts.getOrDefault("SignedHeaders", "");
        if (!Arrays.asList(signedHeaders.split(";")).contains("host")) {
            return "the Host header is not signed";
        }
        String canonicalHeaders = Arrays.stream(signedHeaders.split(";"))
                .map(name -> name + ":" + (headers.get(name) == null ? "" : headers.get(name).strip().replaceAll(" +", " "))
                        + "\n")
                .collect(Collectors.joining());
        String canonicalRequest = method + "\n" + canonicalUri(rawPath) + "\n\n" + canonicalHeaders + "\n" + signedHeaders
                + "\n" + hex(sha256(body));
        String scopeText = scope[1] + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scopeText + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), scope[1]);
        key = hmac(hmac(hmac(key, region), service), "aws4_request");
        String expected = hex(hmac(key, stringToSign));
        return expected.equals(parts.get("Signature")) ? null
                : "signature mismatch: expected " + expected + " for canonical request\n" + canonicalRequest;
    }

    /** The request path as AWS canonicalises it for services other than S3: each segment encoded once more. */
    private static String canonicalUri(String rawPath) {
        String path = rawPath.isEmpty() ? "/" : URI.create(rawPath).getRawPath();
        return Arrays.stream(path.split("/", -1)).map(SigV4Verifier::encode).collect(Collectors.joining("/"));
    }

    private static String encode(String segment) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
