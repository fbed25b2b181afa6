package dev.chatmodels.functions.chat;

import java.util.Set;

import dev.chatmodels.model.ChatModel;

/** The models a client may name: only configured ones, so a request can never pick a provider, URL or key. */
public interface ModelCatalog {

    /** The configured model names, {@code default} first when the default model is configured. */
    Set<String> names();

    /** The configured model {@code name}, one of {@link #names()}. */
    ChatModel get(String name);
}
