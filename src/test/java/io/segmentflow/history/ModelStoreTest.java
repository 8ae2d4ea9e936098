package io.segmentflow.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segmentflow.model.SavedModel;
import io.segmentflow.support.Cli;
import io.segmentflow.support.DemoFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model written by a newer Segmentflow is refused by name and version, not misread. */
class ModelStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void refusesAModelOfANewerFormatNamingBothVersions() throws IOException {
        String runId = Cli.savedModelRun(DemoFiles.customers(tmp.resolve("customers.csv"), 5, 1000, 4), tmp,
                "segmentation.database.write-back=false");
        Path models = tmp.resolve("models");
        ModelStore store = new ModelStore(models, null, "last_purchase_date", Map.of(), Clock.systemUTC());
        assertEquals(SavedModel.FORMAT_VERSION, store.load(runId).model().formatVersion(), "this version's model loads");

        Path modelJson = models.resolve(runId).resolve("model.json");
        ObjectNode model = (ObjectNode) JSON.readTree(modelJson.toFile());
        model.put("formatVersion", SavedModel.FORMAT_VERSION + 1);
        JSON.writeValue(modelJson.toFile(), model);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> store.load(runId));
        assertTrue(refused.getMessage().contains("model " + runId + " has format version " + (SavedModel.FORMAT_VERSION + 1)
                + "; this Segmentflow reads up to " + SavedModel.FORMAT_VERSION), refused.getMessage());
    }
}
