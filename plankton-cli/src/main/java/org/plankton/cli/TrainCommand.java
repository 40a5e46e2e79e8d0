package org.plankton.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.engine.OptimizerKind;
import org.plankton.nn.train.DataLoading;
import org.plankton.nn.train.Distillation;
import org.plankton.nn.train.ScheduleKind;
import org.plankton.nn.train.TrainConfig;
import org.plankton.nn.train.TrainingRun;
import picocli.CommandLine.Command;
import org.plankton.nn.engine.Precision;
import org.plankton.nn.engine.PrecisionChoice;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.taxonomy.Taxonomy;
import org.plankton.core.taxonomy.TaxonomyCsv;
import picocli.CommandLine.Option;

/** {@code plankton train --data DIR --out MODEL}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a classifier on labelled images (one folder per class, or a path,label CSV).")
final class TrainCommand implements Callable<Integer> {

    private static final TrainConfig D = TrainConfig.defaults();

    @Option(names = "--data", required = true, description = "Folder with one subfolder per class, or a CSV manifest (path,label).")
    Path data;

    @Option(names = "--out", required = true, description = "Model bundle folder to write (replaced atomically).")
    Path out;

    @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs = D.epochs();

    @Option(names = "--image-size", description = "Side of the network's square input in pixels (default: ${DEFAULT-VALUE}).")
    int imageSize = PreprocessConfig.defaults().imageSize();

    @Option(names = "--seed", description = "Seed of the train/validation split, and of initialisation, order and augmentation "
            + "unless --train-seed is given (default: ${DEFAULT-VALUE}).")
    long seed = D.seed();

    @Option(names = "--train-seed", description = "Seed of initialisation, order and augmentation (default: --seed); "
            + "another value trains a different model on the same split, e.g. for an ensemble.")
    Long trainSeed;

    @Option(names = "--val-fraction", description = "Stratified validation share (default: ${DEFAULT-VALUE}).")
    double valFraction = D.valFraction();

    @Option(names = "--resume", description = "Continue from the checkpoint in MODEL.checkpoint/.")
    boolean resume;

    @Option(names = "--batch-size", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize = D.batchSize();

    @Option(names = "--optimizer", description = "nesterov or adamw (default: ${DEFAULT-VALUE}).")
    String optimizer = D.optimizer().id();

    @Option(names = "--lr", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate = D.learningRate();

    @Option(names = "--weight-decay", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
    float weightDecay = D.weightDecay();

    @Option(names = "--schedule", description = "cosine, step (recipe: x0.1 at 83%% and 95%%), onecycle or constant (default: ${DEFAULT-VALUE}).")
    String schedule = D.schedule().id();

    @Option(names = "--time-budget", description = "Stop after this many wall-clock minutes; the schedule is fitted to it.")
    double timeBudgetMinutes;

    @Option(names = "--cpu-budget", description = "Stop after this many process CPU-minutes (all cores); the schedule is fitted to it.")
    double cpuBudgetMinutes;

    @Option(names = "--arch", description = "Network preset: default, tiny, deep (VGG-BN 32-32|64-64|128-128|256-256), wide "
            + "(VGG-BN 32-32|64-64|128x3|256x3) or resnet (deep with residual pairs) (default: ${DEFAULT-VALUE}).")
    String arch = "default";

    @Option(names = "--no-augment", description = "Train without random affine augmentation.")
    boolean noAugment;

    @Option(names = "--no-invert", description = "Do not invert gray values (for light objects on a dark background).")
    boolean noInvert;

    @Option(names = "--loader-threads", description = "Threads preparing augmented batches (default: ${DEFAULT-VALUE}).")
    int loaderThreads = D.loaderThreads();

    @Option(names = "--leaky-slope", description = "Leaky ReLU slope for negative inputs (default: the preset's; recipe 1/3).")
    Float leakySlope;

    @Option(names = "--dropout", description = "Dropout before each dense layer (default: the preset's, or with --init the source model's; recipe 0.5).")
    Float dropout;

    @Option(names = "--no-batch-norm", description = "No batch normalisation after the convolutions (as in the 2015 recipe).")
    boolean noBatchNorm;

    @Option(names = "--weight-init", description = "xavier (uniform, fan-in) or orthogonal (the recipe's) (default: xavier).")
    String weightInit = "xavier";

    @Option(names = "--maxout", description = "Pieces of the hidden dense layer's maxout units; 1 = leaky ReLU (recipe: 2; default: ${DEFAULT-VALUE}).")
    int maxout = 1;

    @Option(names = "--rotations", description = "1, or 4 for the recipe's cyclic slice + root-mean-square cyclic pooling "
            + "(4x the convolution cost; needs an image size like 31, 47, 63 or 95) (default: ${DEFAULT-VALUE}).")
    int rotations = 1;

    @Option(names = "--roll", description = "With --rotations 4: roll layers after each pooling stage but the last.")
    boolean roll;

    @Option(names = "--mixup", description = "Mixup with Beta(alpha, alpha) blending of image pairs and their targets "
            + "(e.g. 0.2; default: ${DEFAULT-VALUE} = off).")
    float mixup = 0f;

    @Option(names = "--clip-grad-norm", description = "Scale a step's gradients down when their global L2 norm exceeds "
            + "this (0: off; default: ${DEFAULT-VALUE}). Only rare spikes reach it; it keeps a learning rate at the edge "
            + "of stability from diverging.")
    float clipGradNorm = TrainConfig.DEFAULT_GRAD_CLIP_NORM;

    @Option(names = "--residual", description = "Residual blocks: each pair of convolutions in a stage gets a skip connection.")
    boolean residual;

    @Option(names = "--fixed-scale", description = "Second input: the image at this fixed scale (e.g. 0.5) on a canvas of half "
            + "the input side, seen by a small convnet added to the output, as in the recipe (default: off).")
    float fixedScale = 0f;

    @Option(names = "--size-features", description = "Late fusion of the original image's size and shape features "
            + "(a 2 x 80 network added to the convnet's output), as in the recipe.")
    boolean sizeFeatures;

    @Option(names = "--min-images", description = "Leave out classes with fewer images than this (default: ${DEFAULT-VALUE}: "
            + "keep all).")
    int minImages = 1;

    @Option(names = "--unlabeled", description = "Pseudo-labelling: unlabelled images (a folder, or a file with one path per "
            + "line) whose targets are the --teacher's probabilities; images of the validation split are left out.")
    Path unlabeled;

    @Option(names = "--teacher", description = "Model or ensemble bundle that labels the --unlabeled images (same classes).")
    Path teacher;

    @Option(names = "--unlabeled-share", description = "Share of each epoch that is pseudo-labelled (recipe: 2/3; default: ${DEFAULT-VALUE}).")
    double unlabeledShare = 0.67;

    @Option(names = "--teacher-tta", description = "Test-time augmentation views for the teacher's targets (default: ${DEFAULT-VALUE}).")
    int teacherTta = 1;

    @Option(names = "--teacher-tta-geometric", description = "Pool the teacher's --teacher-tta views geometrically, as "
            + "--tta-geometric does (the better setting for the released models).")
    boolean teacherTtaGeometric;

    @Option(names = "--init", description = "Fine-tune: start from this trained model bundle's weights, architecture and "
            + "preprocessing (--arch, --image-size and --no-invert are then ignored, but --size-features adds the "
            + "size-feature branch to a model without one, and --dropout replaces its dropout rate); a new classifier "
            + "head is drawn when the class list differs.")
    Path init;

    @Option(names = "--freeze-epochs", description = "With --init: train only the dense layers for the first N epochs, "
            + "then the whole network (default: ${DEFAULT-VALUE}).")
    int freezeEpochs = 0;

    @Option(names = "--precision", converter = InferenceOptions.PrecisionConverter.class, description = "fp32 or bf16 "
            + "(autocast: convolutions and matrix products in bfloat16; weights, gradients and optimiser state float32) "
            + "(default: bf16 where the CPU has AVX-512 BF16 or AMX, else fp32).")
    Precision precision;

    @Option(names = "--data-loading", description = "memory (decode every image before the first epoch), stream (decode "
            + "on the fly in the loader threads with a bounded cache: for image archives larger than the heap) or auto "
            + "(stream when the decoded images would take more than 40%% of the heap) (default: ${DEFAULT-VALUE}).")
    String dataLoading = "auto";

    @Option(names = "--taxonomy", description = "Class hierarchy to store in the bundle as taxonomy.csv (header class,path; "
            + "path: ancestor groups root-most first, separated by /), for taxonomic back-off and classify --counts --level "
            + "group. Without it the hierarchy is derived from the class names.")
    Path taxonomy;

    /**
     * The network the options ask for: the preset, then each option that was given. A flag that is
     * off leaves the preset's choice alone ({@code --arch resnet} stays residual without {@code --residual}).
     */
    ArchitectureConfig architecture() {
        ArchitectureConfig a = ArchitectureConfig.preset(arch);
        if (leakySlope != null) {
            a = a.withLeakySlope(leakySlope);
        }
        if (dropout != null) {
            a = a.withDropout(dropout);
        }
        return a.withBatchNorm(a.batchNorm() && !noBatchNorm).withInit(weightInit).withMaxout(maxout)
                .withRotations(rotations, roll).withSizeFeatures(sizeFeatures)
                .withResidual(residual || a.type().equals("resnet")).withFixedScale(fixedScale);
    }

    @Override
    public Integer call() throws Exception {
        if (taxonomy != null) {
            TaxonomyCsv.check(taxonomy); // a bad file fails now, not after training
        }
        ArchitectureConfig architecture = architecture();
        TrainConfig config = new TrainConfig(epochs, batchSize, OptimizerKind.parse(optimizer), learningRate,
                D.momentum(), weightDecay, ScheduleKind.parse(schedule), D.warmup(), valFraction, seed,
                Math.round(timeBudgetMinutes * 60), Math.round(cpuBudgetMinutes * 60),
                noAugment ? AugmentConfig.none() : AugmentConfig.defaults(), loaderThreads,
                trainSeed == null ? seed : trainSeed, minImages, mixup, clipGradNorm);
        PreprocessConfig preprocess = PreprocessConfig.defaults().withImageSize(imageSize).withInvert(!noInvert);
        Distillation distillation = unlabeled == null && teacher == null ? null
                : new Distillation(unlabeled, teacher, unlabeledShare, teacherTta, teacherTtaGeometric);
        PrecisionChoice choice = precision == null ? PrecisionChoice.forThisCpu() : PrecisionChoice.requested(precision);
        TrainingRun.run(new TrainingRun.Request(data, out, config, preprocess, architecture, resume, init, freezeEpochs,
                distillation, init == null ? null : dropout, choice, DataLoading.parse(dataLoading)), System.out);
        if (taxonomy != null) {
            // not in the manifest (like calibration.json): an optional file, read only when present
            ModelBundle bundle = BundleReader.read(out);
            TaxonomyCsv.write(TaxonomyCsv.read(taxonomy, bundle.classes()), out.resolve(Taxonomy.FILE));
            System.out.println("taxonomy: " + taxonomy + " stored as " + out.resolve(Taxonomy.FILE));
        }
        return PlanktonCli.EXIT_OK;
    }
}
