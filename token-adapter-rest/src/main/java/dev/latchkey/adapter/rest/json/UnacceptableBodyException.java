package dev.latchkey.adapter.rest.json;

/** A native API body refused before any use case saw it; answered as a problem that names the field, if one. */
public final class UnacceptableBodyException extends RuntimeException {

    public enum Kind { NOT_JSON, MALFORMED, INVALID_FIELD }

    private final Kind kind;
    private final String field;

    UnacceptableBodyException(Kind kind, String field, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
