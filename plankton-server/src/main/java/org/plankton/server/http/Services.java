package org.plankton.server.http;

import org.plankton.server.db.Database;
import org.plankton.server.images.ImageRepository;
import org.plankton.server.images.PredictionRepository;
import org.plankton.server.inference.ModelService;
import org.plankton.server.retrain.Retrainer;
import org.plankton.server.ingest.Intake;
import org.plankton.server.samples.SampleRepository;
import org.plankton.server.storage.ImageStore;

/** What the handlers work with, built once by the server. */
public record Services(ModelService model, Database db, SampleRepository samples, ImageRepository images,
                       PredictionRepository predictions, ImageStore store, Intake intake, Retrainer retrain) {
}
