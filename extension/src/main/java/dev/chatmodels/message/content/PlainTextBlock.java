package dev.chatmodels.message.content;

/** A plain-text document ({@code text-plain}), e.g. a {@code .txt} or {@code .md} file given as input. */
public record PlainTextBlock(String text, String mimeType, String title, String id) implements ContentBlock {

    @Override
    public String type() {
        return "text-plain";
    }
}
