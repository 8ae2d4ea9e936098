package io.segmentflow.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segmentflow.deliver.CsvCells;
import io.segmentflow.history.LoadedModel;
import io.segmentflow.history.ModelStore;
import io.segmentflow.ingest.CsvCustomerReader;
import io.segmentflow.model.CustomerTable;
import io.segmentflow.model.RejectedRow;
import io.segmentflow.model.SegmentationRun;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scores customers against the current model: for the REST API (answers with status codes), for
 * other Camel flows ({@code direct:score}) and for the scoring inbox (CSV in, CSV out). The model is
 * re-read when a newer run has replaced it, so a running service always scores with the newest one.
 */
public final class ScoringService {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPENAPI = "/io/segmentflow/score/openapi.json";

    private final ModelStore store;
    private final ScoreRequestReader requests;
    private final CsvCustomerReader files;
    private final Set<String> nonNegative;
    private volatile ScoringModel cached;

    public ScoringService(ModelStore store, ScoreRequestReader requests, CsvCustomerReader files, List<String> nonNegative) {
        this.store = store;
        this.requests = requests;
        this.files = files;
        this.nonNegative = Set.copyOf(nonNegative);
    }

    /** POST /api/score: 200 with one score per customer, 400 for a request that cannot be scored, 503 without a model. */
    public ApiReply scoreRequest(String body) {
        try {
            ScoringModel model = model();
            return new ApiReply(200, JSON.writeValueAsString(model.score(requests.read(body))));
        } catch (BadScoreRequestException e) {
            return error(400, e.getMessage());
        } catch (NoModelException e) {
            return error(503, e.getMessage());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET /api/segments: the current model's segments with their profiles. */
    public ApiReply segments() {
        try {
            ScoringModel model = model();
            ObjectNode reply = JSON.createObjectNode();
            reply.put("model", model.model().runId());
            reply.put("createdAt", model.model().manifest().createdAt());
            reply.put("formatVersion", model.model().formatVersion());
            reply.putPOJO("features", model.model().features());
            reply.putPOJO("segments", model.model().segments());
            return new ApiReply(200, JSON.writeValueAsString(reply));
        } catch (NoModelException e) {
            return error(503, e.getMessage());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET /api/openapi.json */
    public ApiReply openApi() {
        try (InputStream in = ScoringService.class.getResourceAsStream(OPENAPI)) {
            return new ApiReply(200, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 500 with a short reason; the details are in the log. */
    public ApiReply internalError(Exception e) {
        return error(500, "internal error: " + e.getMessage());
    }

    /**
     * direct:score: a JSON array (text) or a list of maps in, one score per customer out. Bad input
     * fails the exchange with {@link BadScoreRequestException}, no model with {@link NoModelException}.
     */
    @SuppressWarnings("unchecked")
    public List<Score> score(Object customers) {
        CustomerBatch batch;
        if (customers instanceof String json) {
            batch = requests.read(json);
        } else if (customers instanceof List<?> list) {
            batch = requests.readMaps((List<? extends Map<String, ?>>) list);
        } else {
            throw new BadScoreRequestException("direct:score takes a JSON array or a list of maps, not "
                    + (customers == null ? "nothing" : customers.getClass().getName()));
        }
        return List.of(model().score(batch));
    }

    /**
     * The scoring inbox: a customer CSV in the input schema, read as strictly as for segmenting,
     * becomes CSV text with customer_id, segment_id, segment_name, distance and error, one line per
     * input row in input order; a row that cannot be scored says why in error. Nothing is dropped.
     */
    public String scoreFile(InputStream in, String fileName) {
        ScoringModel model = model();
        SegmentationRun read = files.read(in, fileName, null);
        CustomerTable table = read.table();
        List<String> needed = model.neededColumns();
        List<Line> lines = new ArrayList<>();
        List<Integer> usable = new ArrayList<>();
        for (int i = 0; i < table.rows(); i++) {
            String problem = problem(table, i, needed);
            if (problem == null) usable.add(i);
            else lines.add(new Line(table.sourceLine(i), table.customerId(i), null, problem));
        }
        int[] rows = usable.stream().mapToInt(Integer::intValue).toArray();
        CustomerTable complete = table.select(rows);
        // select() made fresh columns already: the batch reads them as they are
        Score[] scores = model.score(new CustomerBatch(complete.customerIds().toList(), complete.numeric(), complete.dates()));
        for (int i = 0; i < rows.length; i++) lines.add(new Line(complete.sourceLine(i), complete.customerId(i), scores[i], null));
        for (RejectedRow r : read.quarantine().rows()) lines.add(new Line(r.sourceLine(), r.customerId(), null, r.detail()));
        lines.sort(Comparator.comparingLong(Line::sourceLine));
        LOG.info("Scored {} against model {}: {} customers scored, {} rows could not be", fileName, model.model().runId(),
                rows.length, lines.size() - rows.length);
        return csv(lines);
    }

    private String problem(CustomerTable table, int row, List<String> needed) {
        for (String column : needed) {
            double v = table.value(column, row);
            if (Double.isNaN(v)) return column + " is missing";
            if (v < 0 && nonNegative.contains(column)) return column + " is negative";
        }
        return null;
    }

    private static String csv(List<Line> lines) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            csv.printRecord("customer_id", "segment_id", "segment_name", "distance", "error");
            for (Line l : lines) {
                if (l.score == null) csv.printRecord(CsvCells.text(l.customerId), "", "", "", CsvCells.text(l.error));
                else csv.printRecord(CsvCells.text(l.customerId), l.score.segmentId(), CsvCells.text(l.score.segmentName()), l.score.distance(), "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private ScoringModel model() {
        Optional<LoadedModel> current = store.current();
        if (current.isEmpty()) {
            throw new NoModelException("no model to score with yet: segment customers once (a run saves its model in "
                    + store.root() + ")");
        }
        ScoringModel model = cached;
        if (model == null || !model.model().runId().equals(current.get().model().runId())) {
            model = new ScoringModel(current.get());
            cached = model;
        }
        return model;
    }

    private static ApiReply error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", status);
        body.put("error", message);
        return new ApiReply(status, body.toString());
    }

    private record Line(long sourceLine, String customerId, Score score, String error) {
    }
}
