package dev.chatmodels.transport;

/** A successful HTTP answer: status, headers (a lookup view, not a copy) and body. */
public record HttpResult(int status, HeaderView headers, String body) {
}
