package dev.chatmodels.message.content;

import java.util.Locale;
import java.util.Map;

/**
 * Image, audio, video or file content, given by URL, by base64 data with its MIME type, or by a provider file id.
 * {@code filename} is optional; some providers want it for documents sent as data.
 *
 * @param extras provider fields the block carries to the provider, e.g. {@code cache_control}
 */
public record DataBlock(Kind kind, String url, String base64, String mimeType, String fileId, String id, String filename,
        Map<String, Object> extras)
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
        extras = extras == null ? Map.of() : Map.copyOf(extras);
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

    /** A block without extras. */
    public DataBlock(Kind kind, String url, String base64, String mimeType, String fileId, String id, String filename) {
        this(kind, url, base64, mimeType, fileId, id, filename, Map.of());
    }

    /** A block without a file name. */
    public DataBlock(Kind kind, String url, String base64, String mimeType, String fileId, String id) {
        this(kind, url, base64, mimeType, fileId, id, null);
    }

    /** This block with {@code extras} added, e.g. {@code withExtras(CacheControl.EPHEMERAL)}. */
    public DataBlock withExtras(Map<String, Object> more) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(extras);
        all.putAll(more);
        return new DataBlock(kind, url, base64, mimeType, fileId, id, filename, all);
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
