package dev.leakinspector.cli;

import dev.leakinspector.session.JsonStrings;
import java.util.List;

/**
 * Builds one JSON object on one line, for the command line's {@code --json} output (JSON Lines).
 * Field order is insertion order. Not thread-safe; build one per line.
 */
final class JsonLine {
    private final StringBuilder json = new StringBuilder("{");

    JsonLine(String type) {
        field("type", type);
    }

    JsonLine field(String name, String value) {
        name(name);
        quote(value);
        return this;
    }

    JsonLine field(String name, long value) {
        name(name);
        json.append(value);
        return this;
    }

    JsonLine field(String name, boolean value) {
        name(name);
        json.append(value);
        return this;
    }

    JsonLine field(String name, List<String> values) {
        name(name);
        json.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            quote(values.get(i));
        }
        json.append(']');
        return this;
    }

    /** A field whose value is JSON already (an object, an array, {@code null}). */
    JsonLine raw(String name, String value) {
        name(name);
        json.append(value);
        return this;
    }

    /**
     * The members of {@code jsonObject} (one JSON object, {@code {…}}) as members of this line, in their order:
     * for an object built elsewhere whose fields belong at this line's top level.
     */
    JsonLine members(String jsonObject) {
        String object = jsonObject.strip();
        if (!object.startsWith("{") || !object.endsWith("}")) {
            throw new IllegalArgumentException("not a JSON object: " + jsonObject);
        }
        String members = object.substring(1, object.length() - 1).strip();
        if (!members.isEmpty()) {
            json.append(json.length() > 1 ? "," : "").append(members);
        }
        return this;
    }

    @Override
    public String toString() {
        return json + "}";
    }

    private void name(String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        quote(name);
        json.append(':');
    }

    private void quote(String value) {
        JsonStrings.appendQuoted(json, value);
    }
}
