package io.segmentflow.history;

import io.segmentflow.features.FeatureSettings;
import io.segmentflow.model.SavedModel;
import io.segmentflow.model.SegmentationRun;

/** A run's model as it is saved. */
final class SavedModels {
    private SavedModels() {
    }

    static SavedModel of(SegmentationRun run, int nextSegmentId, String recencyFrom, java.util.Map<String, String> versions) {
        var s = run.segmentation();
        var r = run.request();
        var manifest = new SavedModel.Manifest(r.startedAt().toString(), r.inputName(), r.sha256(), run.rowsRead(),
                run.rowsLoaded(), s.algorithm(), s.library(), s.settings().seed(), s.sse(), versions);
        double[][] centroids = new double[s.k()][];
        for (int c = 0; c < s.k(); c++) centroids[c] = s.centroid(c);
        return new SavedModel(SavedModel.FORMAT_VERSION, r.runId(), run.features().featureNames(),
                run.features().featureNames().contains(FeatureSettings.RECENCY) ? recencyFrom : null,
                run.referenceDate(), run.scaler(), centroids, run.profiles(), nextSegmentId, manifest);
    }
}
