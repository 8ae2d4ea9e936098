package io.segmentflow.demo;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/** Writes demo customers; the same seed gives the same bytes. */
public final class DemoCustomerGenerator {
    /** Purchases are dated up to this day, so the data does not change with the calendar. */
    static final LocalDate LAST_DAY = LocalDate.of(2025, 6, 30);
    private static final double MISSING_SHARE = 0.02;
    private static final double BROKEN_SHARE = 0.001;

    /**
     * A kind of customer: medians of log-normal distributions with their spread (sigma of the log).
     */
    record Archetype(String name, double share, double purchases, double orderValue, double sessionMinutes,
                     double recencyDays) {
    }

    static final List<Archetype> ARCHETYPES = List.of(
            new Archetype("High-Value", 0.15, 28, 95, 28, 7),
            new Archetype("Loyal", 0.30, 11, 45, 16, 22),
            new Archetype("New", 0.25, 1.3, 38, 9, 5),
            new Archetype("At-Risk", 0.30, 6, 42, 8, 210),
            new Archetype("Hibernating", 0.15, 2, 22, 4, 520),
            // Appended, so data planted with fewer segments stays byte for byte the same.
            new Archetype("Bargain-Hunter", 0.15, 25, 6, 30, 60));

    /** Opted-out customers and unusable addresses among the contacts, so the mail rules have work too. */
    private static final double OPT_OUT_SHARE = 0.05;
    private static final double NO_ADDRESS_SHARE = 0.01;
    private static final double BAD_ADDRESS_SHARE = 0.005;
    private static final List<String> FIRST_NAMES = List.of("Alex", "Sam", "Maria", "Jonas", "Aylin", "Chen", "Fatima",
            "Lukas", "Olga", "Pedro", "Nora", "Kofi", "Emma", "Ravi", "Sofia", "Tom");

    private final long seed;
    private final boolean contacts;

    public DemoCustomerGenerator(long seed) {
        this(seed, false);
    }

    /**
     * @param contacts also write the optional columns email (always under example.com), opt_out and
     *                 name; drawn from a second random stream, so the other columns stay the same
     */
    public DemoCustomerGenerator(long seed, boolean contacts) {
        this.seed = seed;
        this.contacts = contacts;
    }

    /**
     * @return the planted segment (0-based archetype) of every row written, in order; broken rows
     *         and duplicates included, so callers can line labels up with input rows
     */
    public int[] write(Writer out, int customers, int segments) throws IOException {
        if (segments < 1 || segments > ARCHETYPES.size()) {
            throw new IllegalArgumentException("--segments must be between 1 and " + ARCHETYPES.size() + ", was " + segments);
        }
        if (customers < 1) {
            throw new IllegalArgumentException("--customers must be at least 1, was " + customers);
        }
        Random random = new Random(seed);
        Random contactRandom = new Random(seed * 31 + 7);
        List<Archetype> planted = ARCHETYPES.subList(0, segments);
        double totalShare = planted.stream().mapToDouble(Archetype::share).sum();
        int width = Math.max(6, Integer.toString(customers).length());
        int[] labels = new int[customers];
        out.write("customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date"
                + (contacts ? ",email,opt_out,name\n" : "\n"));
        for (int i = 0; i < customers; i++) {
            int a = pick(random, planted, totalShare);
            labels[i] = a;
            Archetype type = planted.get(a);
            long purchases = Math.max(1, Math.round(logNormal(random, type.purchases(), 0.35)));
            double spent = purchases * logNormal(random, type.orderValue(), 0.3);
            double session = Math.max(0.5, type.sessionMinutes() * (1 + 0.2 * random.nextGaussian()));
            long recency = Math.min(1500, Math.round(logNormal(random, type.recencyDays(), 0.45)));
            String id = "C" + pad(i + 1, width);
            String[] cells = {id, money(spent), Long.toString(purchases), oneDecimal(session),
                    LAST_DAY.minusDays(recency).toString()};
            for (int c = 1; c < cells.length; c++) {
                if (random.nextDouble() < MISSING_SHARE) cells[c] = "";
            }
            if (random.nextDouble() < BROKEN_SHARE) {
                breakRow(random, cells, i, width);
            }
            out.write(String.join(",", cells));
            if (contacts) out.write(contact(contactRandom, i + 1));
            out.write('\n');
        }
        return labels;
    }

    /** How much tighter than in {@link #write} the evolving mode draws around each archetype, so planted segments do not overlap. */
    static final double EVOLVING_SPREAD = 0.3;
    /** The share of customers that moves to another planted segment at each epoch after the first. */
    static final double EVOLVING_MOVE_SHARE = 0.04;

    /**
     * One customer moved between planted segments at an epoch.
     *
     * @param customerId the customer
     * @param from       the planted segment (archetype name) before
     * @param to         the planted segment after
     */
    public record Move(String customerId, String from, String to) {
    }

    /**
     * The evolving mode: the same customers at epoch 0, 1, 2, ...; from one epoch to the next a
     * known, seeded set of about {@value #EVOLVING_MOVE_SHARE} of them moves to another planted
     * segment (their values are drawn anew from it); everyone else keeps identical values. Segments
     * are drawn tighter and rows are complete, so the planted moves are exactly what a segmentation
     * should find. {@link #write} is untouched by it.
     *
     * @return the planted segment of every row, and the moves from the previous epoch to this one
     */
    public Epoch writeEpoch(Writer out, int customers, int segments, int epoch) throws IOException {
        if (epoch < 0) throw new IllegalArgumentException("--epoch must be 0 or more, was " + epoch);
        if (segments < 2 || segments > ARCHETYPES.size()) {
            throw new IllegalArgumentException("--segments must be between 2 and " + ARCHETYPES.size() + " for --epoch, was " + segments);
        }
        if (customers < 1) throw new IllegalArgumentException("--customers must be at least 1, was " + customers);
        List<Archetype> planted = ARCHETYPES.subList(0, segments);
        double totalShare = planted.stream().mapToDouble(Archetype::share).sum();
        int width = Math.max(6, Integer.toString(customers).length());
        Random base = new Random(seed);
        int[] labels = new int[customers];
        for (int i = 0; i < customers; i++) labels[i] = pick(base, planted, totalShare);
        List<Move> moves = List.of();
        for (int e = 1; e <= epoch; e++) {
            Random mover = new Random(seed * 1_000_003L + e);
            List<Move> now = new java.util.ArrayList<>();
            for (int i = 0; i < customers; i++) {
                if (mover.nextDouble() >= EVOLVING_MOVE_SHARE) continue;
                int to = (labels[i] + 1 + mover.nextInt(segments - 1)) % segments;
                now.add(new Move("C" + pad(i + 1, width), planted.get(labels[i]).name(), planted.get(to).name()));
                labels[i] = to;
            }
            moves = now;
        }
        out.write("customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date\n");
        for (int i = 0; i < customers; i++) {
            // The same customer in the same segment gets the same values at every epoch.
            Random r = new Random((seed * 31 + i) * 31 + labels[i]);
            Archetype type = planted.get(labels[i]);
            long purchases = Math.max(1, Math.round(logNormal(r, type.purchases(), 0.35 * EVOLVING_SPREAD)));
            double spent = purchases * logNormal(r, type.orderValue(), 0.3 * EVOLVING_SPREAD);
            double session = Math.max(0.5, type.sessionMinutes() * (1 + 0.2 * EVOLVING_SPREAD * r.nextGaussian()));
            long recency = Math.min(1500, Math.round(logNormal(r, type.recencyDays(), 0.45 * EVOLVING_SPREAD)));
            out.write(String.join(",", "C" + pad(i + 1, width), money(spent), Long.toString(purchases), oneDecimal(session),
                    LAST_DAY.minusDays(recency).toString()));
            out.write('\n');
        }
        return new Epoch(labels, moves);
    }

    /**
     * @param labels the planted segment (0-based archetype) of every row, in order
     * @param moves  the customers that moved since the previous epoch (none at epoch 0)
     */
    public record Epoch(int[] labels, List<Move> moves) {
        public Epoch {
            labels = labels.clone();
            moves = List.copyOf(moves);
        }
    }

    /** The archetype names of the planted segments, in label order. */
    public static List<String> plantedNames(int segments) {
        return ARCHETYPES.subList(0, segments).stream().map(Archetype::name).toList();
    }

    /** ",email,opt_out,name": addresses under example.com only (a reserved domain that never receives mail). */
    private static String contact(Random random, int n) {
        String name = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size()));
        double u = random.nextDouble();
        String email = u < NO_ADDRESS_SHARE ? ""
                : u < NO_ADDRESS_SHARE + BAD_ADDRESS_SHARE ? name.toLowerCase(java.util.Locale.ROOT) + n + ".example.com"
                : name.toLowerCase(java.util.Locale.ROOT) + "." + n + "@example.com";
        boolean optedOut = random.nextDouble() < OPT_OUT_SHARE;
        return "," + email + "," + (optedOut ? "yes" : "no") + "," + name;
    }

    /** The mistakes real exports contain; each ends up in rejects.csv with its reason. */
    private static void breakRow(Random random, String[] cells, int row, int width) {
        switch (random.nextInt(6)) {
            case 0 -> cells[2] = "-" + Math.max(1, random.nextInt(9));
            case 1 -> cells[1] = "n/a?";
            case 2 -> cells[4] = "2024-02-30";
            case 3 -> cells[0] = "";
            case 4 -> cells[3] = "NaN";
            default -> cells[0] = "C" + pad(Math.max(1, row / 2), width); // an id seen before
        }
    }

    private static int pick(Random random, List<Archetype> types, double totalShare) {
        double u = random.nextDouble() * totalShare;
        for (int a = 0; a < types.size(); a++) {
            u -= types.get(a).share();
            if (u < 0) return a;
        }
        return types.size() - 1;
    }

    private static double logNormal(Random random, double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    private static String pad(int n, int width) {
        String s = Integer.toString(n);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }

    private static String money(double v) {
        long cents = Math.round(v * 100);
        return cents / 100 + "." + pad((int) (cents % 100), 2);
    }

    private static String oneDecimal(double v) {
        long tenths = Math.round(v * 10);
        return tenths / 10 + "." + tenths % 10;
    }
}
