package dev.leakinspector.heap;

import java.util.Arrays;

/**
 * Which objects to explain: by the agent's watch id, by object id, or all instances of a class. Immutable.
 * {@link #select} runs on the calling thread.
 */
public final class ObjectSelector {
    /** The agent's weak reference class; its {@code long id} field is the watch id. */
    public static final String WATCHED_REFERENCE_CLASS = "dev.leakinspector.agent.WatchedReference";

    private enum Mode { WATCH_ID, OBJECT_ID, CLASS_NAME }

    private final Mode mode;
    private final long number;
    private final String className;

    private ObjectSelector(Mode mode, long number, String className) {
        this.mode = mode;
        this.number = number;
        this.className = className;
    }

    /** The referent of the agent's {@code WatchedReference} whose {@code id} field is {@code watchId}. */
    public static ObjectSelector byWatchId(long watchId) {
        return byWatchId(watchId, WATCHED_REFERENCE_CLASS);
    }

    /** Like {@link #byWatchId(long)} with another weak-reference class that has a {@code long id} field. */
    public static ObjectSelector byWatchId(long watchId, String referenceClassName) {
        return new ObjectSelector(Mode.WATCH_ID, watchId, referenceClassName);
    }

    public static ObjectSelector byObjectId(long objectId) {
        return new ObjectSelector(Mode.OBJECT_ID, objectId, null);
    }

    /** All instances of exactly this class (Java name, e.g. {@code com.acme.Window$Listener}). */
    public static ObjectSelector byClass(String className) {
        return new ObjectSelector(Mode.CLASS_NAME, 0, className);
    }

    /**
     * Dense indexes of the chosen objects, ascending.
     *
     * @throws IllegalArgumentException with a one-line reason when nothing matches
     */
    public int[] select(HprofIndex index, CancelToken cancel) {
        return select(index, null, cancel);
    }

    /**
     * Like {@link #select(HprofIndex, CancelToken)} with the dump's agent watches already found (as
     * {@link #watchedReferents(HprofIndex, CancelToken)} returns them, or null), so a caller that has them spares a
     * pass over the heap.
     */
    int[] select(HprofIndex index, long[][] agentWatches, CancelToken cancel) {
        switch (mode) {
            case OBJECT_ID: {
                int d = index.indexOf(number);
                if (d < 0) {
                    throw new IllegalArgumentException("no object with id 0x" + Long.toHexString(number) + " in the dump");
                }
                return new int[] {d};
            }
            case CLASS_NAME: {
                HeapClass c = index.findClass(className);
                if (c == null) {
                    throw new IllegalArgumentException("no class named " + className + " in the dump");
                }
                IntList out = new IntList(16);
                index.forEachInstanceOf(c, out::add, cancel);
                if (out.size() == 0) {
                    throw new IllegalArgumentException("no instance of " + className + " in the dump");
                }
                return out.toArray();
            }
            default: {
                long[][] watches = agentWatches != null && className.equals(WATCHED_REFERENCE_CLASS)
                        ? agentWatches : watchedReferents(index, className, cancel);
                return new int[] {referentOf(index, watches, number)};
            }
        }
    }

    /**
     * Dense index of the live referent of the watch {@code watchId} among {@code watches} (as {@link #watchedReferents}
     * returns them), for a caller that already has the watches.
     *
     * @throws IllegalArgumentException with a one-line reason when there is no such watch, its reference is cleared
     *                                  or its object is not in the dump
     */
    public static int referentOf(HprofIndex index, long[][] watches, long watchId) {
        int referent = referentOrMissing(index, watches, watchId);
        if (referent < 0) {
            throw new IllegalArgumentException(whyNoReferent(index, watches, watchId));
        }
        return referent;
    }

    /** Dense index of the live referent of the watch {@code watchId}, or -1 ({@link #whyNoReferent} says why). */
    static int referentOrMissing(HprofIndex index, long[][] watches, long watchId) {
        long[] watch = find(watches, watchId);
        return watch == null || watch[1] == 0 ? -1 : index.indexOf(watch[1]);
    }

    /** Whether the dump has the watch {@code watchId} with its reference cleared: the object was collected. */
    static boolean isCleared(long[][] watches, long watchId) {
        long[] watch = find(watches, watchId);
        return watch != null && watch[1] == 0;
    }

    /** Why the watch {@code watchId} has no referent in the dump, in one line; "" when it has one. */
    static String whyNoReferent(HprofIndex index, long[][] watches, long watchId) {
        long[] watch = find(watches, watchId);
        if (watch == null) {
            return "no watched reference with id " + watchId + " in the dump";
        }
        if (watch[1] == 0) {
            return "watch id " + watchId + ": the object was collected (its reference is cleared)";
        }
        if (index.indexOf(watch[1]) < 0) {
            return "watch id " + watchId + ": its object 0x" + Long.toHexString(watch[1]) + " is not in the dump";
        }
        return "";
    }

    private static long[] find(long[][] watches, long watchId) {
        for (long[] w : watches) {
            if (w[0] == watchId) {
                return w;
            }
        }
        return null;
    }

    /** Every agent watch in the dump as {watch id, referent object id (0 if cleared)}. */
    public static long[][] watchedReferents(HprofIndex index, CancelToken cancel) {
        return watchedReferents(index, WATCHED_REFERENCE_CLASS, cancel);
    }

    /** Every watch in the dump made with this weak-reference class (and its subclasses). */
    public static long[][] watchedReferents(HprofIndex index, String referenceClassName, CancelToken cancel) {
        HeapClass base = index.findClass(referenceClassName);
        if (base == null) {
            return new long[0][];
        }
        LongList pairs = new LongList(16);
        for (HeapClass c : index.classes()) {
            if (c.isSubclassOf(base)) {
                index.forEachInstanceOf(c, d -> {
                    pairs.add(index.fieldValue(d, "id", -1));
                    pairs.add(index.fieldValue(d, "referent", 0));
                }, cancel);
            }
        }
        long[][] out = new long[pairs.size() / 2][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new long[] {pairs.get(2 * i), pairs.get(2 * i + 1)};
        }
        Arrays.sort(out, (x, y) -> Long.compare(x[0], y[0]));
        return out;
    }

    @Override
    public String toString() {
        switch (mode) {
            case WATCH_ID: return "watch id " + number;
            case OBJECT_ID: return "object 0x" + Long.toHexString(number);
            default: return "class " + className;
        }
    }
}
