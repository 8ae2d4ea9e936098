package io.segmentflow.demo;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces the contents of the demo table {@code demo_customer} with a generated customer file,
 * cell for cell as text (broken cells included), so the database flow has the same work to do as
 * the inbox.
 */
public final class DemoDatabaseLoader {
    private static final String INSERT = """
            INSERT INTO demo_customer (row_no, customer_id, total_spent, purchase_count, avg_session_time, last_purchase_date)
            VALUES (:rowNo, :customerId, :totalSpent, :purchaseCount, :avgSessionTime, :lastPurchaseDate)""";
    private static final int BATCH = 1000;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public DemoDatabaseLoader(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** @return the rows loaded */
    public int load(Path generatedCsv) {
        return transaction.execute(status -> {
            jdbc.getJdbcTemplate().update("DELETE FROM demo_customer");
            try (Reader in = Files.newBufferedReader(generatedCsv, StandardCharsets.UTF_8);
                 CSVParser parser = CSVParser.parse(in, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
                List<SqlParameterSource> batch = new ArrayList<>();
                int rows = 0;
                for (CSVRecord r : parser) {
                    batch.add(new MapSqlParameterSource("rowNo", ++rows)
                            .addValue("customerId", cell(r, "customer_id")).addValue("totalSpent", cell(r, "total_spent"))
                            .addValue("purchaseCount", cell(r, "purchase_count"))
                            .addValue("avgSessionTime", cell(r, "avg_session_time"))
                            .addValue("lastPurchaseDate", cell(r, "last_purchase_date")));
                    if (batch.size() == BATCH) flush(batch);
                }
                flush(batch);
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void flush(List<SqlParameterSource> batch) {
        if (batch.isEmpty()) return;
        jdbc.batchUpdate(INSERT, batch.toArray(SqlParameterSource[]::new));
        batch.clear();
    }

    /** A cell the row does not have (a broken row) is NULL; an empty cell is NULL too, as an export would load it. */
    private static String cell(CSVRecord r, String column) {
        if (!r.isSet(column)) return null;
        String v = r.get(column);
        return v.isEmpty() ? null : v;
    }
}
