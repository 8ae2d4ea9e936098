package io.segmentflow.history;

import io.segmentflow.cluster.SavedClusterer;
import io.segmentflow.model.SavedModel;

import java.nio.file.Path;

/**
 * A saved model read back: its description, Weka's clusterer and the folder it came from.
 *
 * @param model     model.json
 * @param clusterer clusterer.model
 * @param dir       the model's folder
 */
public record LoadedModel(SavedModel model, SavedClusterer clusterer, Path dir) {
}
