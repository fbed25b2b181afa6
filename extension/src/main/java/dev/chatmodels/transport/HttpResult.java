package dev.chatmodels.transport;

import java.util.List;
import java.util.Map;

/** A successful HTTP answer: status, headers (names in lower case) and body. */
public record HttpResult(int status, Map<String, List<String>> headers, String body) {
}
