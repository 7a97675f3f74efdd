package dev.freeport.testing;

/** Command-line options of {@link FakeUpstream#main}. */
record BenchArgs(int port, int words, int chunkDelayMs, int instances) {
    private static final String[] WORDS = {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing",
            "elit", "sed", "do", "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna"};

    static BenchArgs parse(String[] args) {
        int port = 0;
        int words = 20;
        int delay = 0;
        int instances = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            int value = Integer.parseInt(args[++i]);
            switch (name) {
                case "--port" -> port = value;
                case "--words" -> words = value;
                case "--chunk-delay-ms" -> delay = value;
                case "--instances" -> instances = value;
                default -> throw new IllegalArgumentException("unknown option " + name
                        + " (use --port N --words N --chunk-delay-ms N --instances N)");
            }
        }
        if (words < 1 || instances < 1 || port < 0 || delay < 0) {
            throw new IllegalArgumentException("bad option values");
        }
        return new BenchArgs(port, words, delay, instances);
    }

    /** A text of exactly n words, streamed as n chunks. */
    static String text(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(WORDS[i % WORDS.length]);
        }
        return sb.toString();
    }
}
