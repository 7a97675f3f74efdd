package dev.freeport.json;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

import java.util.Arrays;

/**
 * The top-level members of one JSON object where they sit in its bytes, found by one pass that skips every value
 * (no parser, no tree, no strings decoded): how a codec sends a caller's body on as it came with a few members
 * changed, cut or added, written once ({@link Edit}) instead of copying a tree and serialising it again. The bytes
 * must be one JSON object the tree parse already accepted: this pass only finds boundaries, it does not validate.
 * Hand-written rather than Jackson's parser: a parser, its context and a location object per token cost more than
 * the whole pass.
 */
public final class JsonMembers {
    /**
     * Up to this size an edited body is copied once into a buffer of its exact size; above it, it goes out as a
     * composite of the received bytes around the changes (no copy of the kept bytes): for a small body the
     * composite's objects (about 600 bytes) cost more than the copy, for a coding agent's prompt of many KB the copy
     * is that many bytes of garbage per request (the socket copies the bytes to a direct buffer either way).
     */
    public static final int COPY_UP_TO = 2048;
    /** the boundaries of a scan in progress, per thread; each scan keeps an array of its exact size */
    private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[64]);
    private static final int KEEP_INTS = 4 * 256;

    private final JsonBytes json;
    /** per member: where its name's opening quote is, where its name ends, where its value starts, where it ends */
    private int[] at;
    private int count;

    private JsonMembers(JsonBytes json, int[] scratch) {
        this.json = json;
        this.at = scratch;
    }

    /** Keeps an exact-size copy of the boundaries found; gives the scratch array back to the thread. */
    private JsonMembers done() {
        int[] scratch = at;
        at = Arrays.copyOf(scratch, 4 * count);
        if (scratch.length <= KEEP_INTS) { // grown past that by a body of many members: not kept
            SCRATCH.set(scratch);
        }
        return this;
    }

    /**
     * The members of the object in {@code json} as a reader that read it found them: {@code at} holds, per member,
     * where its name's opening quote is, where its name ends, where its value starts and where it ends (indices in
     * {@code json}'s array), for the first {@code count} members; kept as a copy. The names hold no escapes.
     */
    public static JsonMembers of(JsonBytes json, int[] at, int count) {
        JsonMembers m = new JsonMembers(json, Arrays.copyOf(at, 4 * count));
        m.count = count;
        return m;
    }

    /**
     * The members of the object in {@code json}; null when it is not one object, or a member's name holds an escape
     * (a name is then matched as its bytes, so {@code "stre\u0061m"} must not pass for an unknown member).
     */
    public static JsonMembers scan(JsonBytes json) {
        byte[] a = json.array();
        int to = json.to();
        int i = skipSpace(a, json.from(), to);
        if (i >= to || a[i] != '{') {
            return null;
        }
        JsonMembers m = new JsonMembers(json, SCRATCH.get()); // a scan runs to its end before the next one starts
        i = skipSpace(a, i + 1, to);
        if (i < to && a[i] == '}') {
            return m.done();
        }
        while (i < to && a[i] == '"') {
            int nameEnd = skipString(a, i, to);
            if (nameEnd < 0 || indexOf(a, i, nameEnd, (byte) '\\') >= 0) {
                return null;
            }
            int colon = skipSpace(a, nameEnd, to);
            if (colon >= to || a[colon] != ':') {
                return null;
            }
            int valueStart = skipSpace(a, colon + 1, to);
            int valueEnd = skipValue(a, valueStart, to);
            if (valueEnd < 0) {
                return null;
            }
            m.add(i, nameEnd, valueStart, valueEnd);
            i = skipSpace(a, valueEnd, to);
            if (i < to && a[i] == '}') {
                return m.done();
            }
            if (i >= to || a[i] != ',') {
                return null;
            }
            i = skipSpace(a, i + 1, to);
        }
        return null;
    }

    private static int skipSpace(byte[] a, int i, int to) {
        return WordScan.skipSpace(a, i, to);
    }

    /**
     * Past the string starting at {@code i} (its opening quote); -1 when it does not end. Its plain runs are passed
     * eight bytes at a time ({@link WordScan#stringStop}; a control character it also stops at is passed over, as
     * ever here: the grammar is the caller's reader's to check).
     */
    private static int skipString(byte[] a, int i, int to) {
        for (i++; (i = WordScan.stringStop(a, i, to)) < to; i++) {
            if (a[i] == '\\') {
                i++;
            } else if (a[i] == '"') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Past the value starting at {@code i}; -1 when it does not end. */
    private static int skipValue(byte[] a, int i, int to) {
        if (i >= to) {
            return -1;
        }
        byte b = a[i];
        if (b == '"') {
            return skipString(a, i, to);
        }
        if (b == '{' || b == '[') {
            int depth = 0;
            while (i < to) {
                byte c = a[i];
                if (c == '"') {
                    i = skipString(a, i, to);
                    if (i < 0) {
                        return -1;
                    }
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    return i + 1;
                }
                i++;
            }
            return -1;
        }
        while (i < to && a[i] != ',' && a[i] != '}' && a[i] != ']' && !isSpace(a[i])) {
            i++;
        }
        return i;
    }

    private static int indexOf(byte[] a, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private void add(int start, int nameEnd, int valueStart, int end) {
        if (4 * count == at.length) {
            at = Arrays.copyOf(at, at.length * 2);
        }
        at[4 * count] = start;
        at[4 * count + 1] = nameEnd;
        at[4 * count + 2] = valueStart;
        at[4 * count + 3] = end;
        count++;
    }

    public JsonBytes json() {
        return json;
    }

    public int count() {
        return count;
    }

    /** The index of the member named {@code name}; -1 when there is none, -2 when there is more than one. */
    public int find(String name) {
        int found = -1;
        byte[] a = json.array();
        for (int i = 0; i < count; i++) {
            if (named(a, i, name)) {
                if (found >= 0) {
                    return -2;
                }
                found = i;
            }
        }
        return found;
    }

    /** Whether member {@code i}'s name (no escapes in it: see {@link #scan}) is {@code name} (ASCII). */
    private boolean named(byte[] a, int i, String name) {
        int from = at[4 * i] + 1;
        int n = at[4 * i + 1] - 1 - from;
        if (n != name.length()) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (a[from + k] != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Whether member {@code i}'s value is exactly {@code literal}'s bytes (e.g. {@code true}, {@code null}). */
    public boolean valueIs(int i, byte[] literal) {
        return Arrays.equals(json.array(), at[4 * i + 2], at[4 * i + 3], literal, 0, literal.length);
    }

    /** A change of these members, written once. */
    public Edit edit() {
        return new Edit();
    }

    /** Values replaced, members renamed or cut, members added at the end; then {@link #write}. */
    public final class Edit extends SplicedBytes implements WrittenBody {
        private static final byte[] CUT = new byte[0];
        private static final byte[] COMMA = {','};
        private static final byte[] COLON = {':'};
        /** per member: its new value, or null to keep it */
        private byte[][] values;
        /** per member: its new text ({@code "name":value}), or {@link #CUT}, or null to keep it */
        private byte[][] members;
        /** per member: its new name (a JSON string), or null to keep it */
        private byte[][] names;
        private byte[] added;
        private int extra;

        private Edit() {
        }

        /** Member {@code i} with {@code value} (JSON) for its value. */
        public Edit value(int i, byte[] value) {
            if (values == null) {
                values = new byte[count][];
            }
            values[i] = value;
            extra += value.length;
            return this;
        }

        /** Member {@code i} written as {@code member} ({@code "name":value}) instead. */
        public Edit member(int i, byte[] member) {
            members()[i] = member;
            extra += member.length;
            return this;
        }

        /** Member {@code i} under another name ({@code name}: a JSON string, quotes included), its value kept. */
        public Edit rename(int i, byte[] name) {
            if (names == null) {
                names = new byte[count][];
            }
            names[i] = name;
            extra += name.length + 1;
            return this;
        }

        /** Member {@code i} left out. */
        public Edit cut(int i) {
            members()[i] = CUT;
            return this;
        }

        /** {@code members} ({@code "name":value} pairs, comma-separated) added after the last member. */
        public Edit add(byte[] members) {
            added = members;
            extra += members.length + 1;
            return this;
        }

        private byte[][] members() {
            if (members == null) {
                members = new byte[count][];
            }
            return members;
        }

        /**
         * The object with the changes: each kept member's bytes and the separators between them as they came; a
         * copy up to {@link #COPY_UP_TO} bytes, above it a composite of the received bytes around the changes.
         */
        public Buffer write() {
            return write(COPY_UP_TO);
        }

        @Override
        public Buffer buffer() {
            return write(COPY_UP_TO);
        }

        /** As {@link #write()}, copied up to {@code copyUpTo} bytes (a test writes a body both ways). */
        Buffer write(int copyUpTo) {
            open(json.array(), json.length() + extra, json.length() > copyUpTo);
            walk();
            return done();
        }

        @Override
        byte[] source() {
            return json.array();
        }

        @Override
        int bound() {
            return json.length() + extra;
        }

        /** Each piece of the object with the changes, in order, to {@link #kept} or {@link #bytes}. */
        @Override
        void walk() {
            byte[] a = json.array();
            if (count == 0) {
                int close = json.to() - 1;
                while (a[close] != '}') {
                    close--;
                }
                kept(json.from(), close);
                if (added != null) {
                    bytes(added);
                }
                kept(close, json.to());
                return;
            }
            kept(json.from(), at[0]);
            boolean wrote = false;
            boolean previousKept = false;
            for (int i = 0; i < count; i++) {
                byte[] member = members == null ? null : members[i];
                if (member == CUT) {
                    previousKept = false;
                    continue;
                }
                if (wrote) {
                    if (previousKept) {
                        kept(at[4 * i - 1], at[4 * i]);
                    } else {
                        bytes(COMMA);
                    }
                }
                if (member != null) {
                    bytes(member);
                } else {
                    writeMember(i);
                }
                wrote = true;
                previousKept = true;
            }
            if (added != null) {
                if (wrote) {
                    bytes(COMMA);
                }
                bytes(added);
            }
            kept(at[4 * count - 1], json.to());
        }

        private void writeMember(int i) {
            int start = at[4 * i];
            int valueStart = at[4 * i + 2];
            int end = at[4 * i + 3];
            byte[] value = values == null ? null : values[i];
            byte[] name = names == null ? null : names[i];
            if (name != null) {
                bytes(name);
                bytes(COLON);
            } else {
                kept(start, valueStart);
            }
            if (value == null) {
                kept(valueStart, end);
            } else {
                bytes(value);
            }
        }
    }
}
