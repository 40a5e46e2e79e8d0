package org.plankton.nn.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the engine-neutral parameter names say. Every engine names parameters as DJL did (and every
 * bundle's weights are in that order): a path of {@code NNKind} block names joined by {@code _}, then
 * the parameter ({@code 01convnet_05Conv2d_weight}); a network with extra inputs has the branches
 * {@code convnet}, {@code fixedScaleNet} and {@code sizeNet} at the top, a plain one is the convnet.
 */
public final class ParameterNames {

    public static final String CONVNET = "convnet";
    public static final String FIXED_SCALE_NET = "fixedScaleNet";
    public static final String SIZE_NET = "sizeNet";
    private static final Pattern BRANCH = Pattern.compile("^\\d+(convnet|fixedScaleNet|sizeNet)_");

    private ParameterNames() {
    }

    /** The branch a parameter belongs to. */
    public static String branch(String name) {
        Matcher m = BRANCH.matcher(name);
        return m.find() ? m.group(1) : CONVNET;
    }

    /** The layer a parameter belongs to: its name without the parameter's own name. */
    public static String layer(String name) {
        int cut = name.lastIndexOf('_');
        return cut < 0 ? "" : name.substring(0, cut + 1);
    }

    /**
     * The name without the block positions in it ({@code 01convnet_02Conv2d_weight} ->
     * {@code convnet_Conv2d_weight}): what two networks that differ only in parameter-free layers
     * (dropout at rate 0 is left out, which shifts later positions) agree on.
     */
    public static String withoutPositions(String name) {
        return name.replaceAll("(^|[._])\\d+", "$1");
    }

    private static boolean dense(String name) {
        String layer = layer(name);
        String last = layer.substring(0, Math.max(0, layer.length() - 1));
        last = last.substring(last.lastIndexOf('_') + 1);
        return last.matches("\\d*Linear");
    }

    /** For each branch present, the positions (in {@code names}) of its parameters, in order. */
    public static Map<String, List<Integer>> byBranch(List<String> names) {
        Map<String, List<Integer>> out = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.computeIfAbsent(branch(names.get(i)), k -> new ArrayList<>()).add(i);
        }
        return out;
    }

    /**
     * The output layers: the parameters of each branch's last layer, whose shape and meaning depend
     * on the class list. Positions in {@code names}.
     */
    public static List<Integer> head(List<String> names) {
        List<Integer> out = new ArrayList<>();
        for (List<Integer> branch : byBranch(names).values()) {
            String last = layer(names.get(branch.get(branch.size() - 1)));
            branch.stream().filter(i -> layer(names.get(i)).equals(last)).forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    /**
     * The convolutional feature extractors that {@code --freeze-epochs} holds: every parameter of the
     * image branch and of the fixed-scale branch before that branch's first dense layer (batch norm
     * included). Positions in {@code names}.
     */
    public static List<Integer> featureParameters(List<String> names) {
        List<Integer> out = new ArrayList<>();
        for (var e : byBranch(names).entrySet()) {
            if (e.getKey().equals(SIZE_NET)) {
                continue;
            }
            for (int i : e.getValue()) {
                if (dense(names.get(i))) {
                    break; // the dense layers and the head stay trainable
                }
                out.add(i);
            }
        }
        out.sort(null);
        return out;
    }
}
