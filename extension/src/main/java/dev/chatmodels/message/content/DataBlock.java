package dev.chatmodels.message.content;

import java.util.Locale;

/**
 * Image, audio, video or file content, given by URL, by base64 data with its MIME type, or by a provider file id.
 * {@code filename} is optional; some providers want it for documents sent as data.
 */
public record DataBlock(Kind kind, String url, String base64, String mimeType, String fileId, String id, String filename)
        implements
            ContentBlock {

    /** The four standard data block types. */
    public enum Kind {
        IMAGE,
        AUDIO,
        VIDEO,
        FILE;

        public String type() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromType(String type) {
            return valueOf(type.toUpperCase(Locale.ROOT));
        }
    }

    public DataBlock {
        if (kind == null) {
            throw new IllegalArgumentException("A data block needs a kind (image, audio, video or file)");
        }
        if (url == null && base64 == null && fileId == null) {
            throw new IllegalArgumentException("A " + kind.type() + " block needs one of url, base64 or file_id");
        }
        if (base64 != null && (mimeType == null || mimeType.isBlank())) {
            throw new IllegalArgumentException(
                    "A " + kind.type() + " block with base64 data needs its mime_type (e.g. image/png)");
        }
    }

    /** A block without a file name. */
    public DataBlock(Kind kind, String url, String base64, String mimeType, String fileId, String id) {
        this(kind, url, base64, mimeType, fileId, id, null);
    }

    public static DataBlock imageUrl(String url) {
        return new DataBlock(Kind.IMAGE, url, null, null, null, null, null);
    }

    public static DataBlock base64(Kind kind, String base64, String mimeType) {
        return new DataBlock(kind, null, base64, mimeType, null, null, null);
    }

    @Override
    public String type() {
        return kind.type();
    }
}
