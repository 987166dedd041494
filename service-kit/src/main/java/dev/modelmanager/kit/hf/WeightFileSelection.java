package dev.modelmanager.kit.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which weight files of a Hugging Face repository vLLM loads: the one rule shared by parameter
 * counting (discovery) and download planning (weights).
 *
 * <p>It follows vLLM's {@code DefaultModelLoader._prepare_weights} with {@code --load-format auto}
 * ({@code vllm/model_executor/model_loader/default_loader.py}) and the de-duplication that
 * weights-service's download planner applied: vLLM globs the snapshot's <em>root</em> folder for
 * {@code *.safetensors}, falling back to {@code *.bin} and then {@code *.pt} only when no file of
 * the preferred format exists; with safetensors it keeps only the files named by {@code
 * model.safetensors.index.json} when that index exists ({@code filter_duplicate_safetensors_files}
 * in {@code weight_utils.py}); with PyTorch files it drops training leftovers ({@code
 * filter_files_not_needed_for_inference}). Files in sub-folders ({@code original/}, {@code metal/})
 * are never loaded. Without an index, a root {@code consolidated*.safetensors} beside other
 * safetensors is Mistral's own-format copy of the same weights and is left out too. A {@code .gguf}
 * file (llama.cpp's format, loaded only with {@code --load-format gguf}) beside loadable weights is
 * another copy of them; in a repo without loadable weights it is in neither list, so a GGUF-only
 * repository is fetched whole.
 *
 * <p>Input: every path of the repository at one revision (as the Hub's {@code siblings} or tree
 * listing gives them) and, when the repository has {@code model.safetensors.index.json}, the file
 * names its {@code weight_map} points to ({@link #indexedFiles(JsonNode)}), else null. Output: a
 * {@link Selection} with the format chosen, the weight files vLLM loads (in input order) and the
 * weight files it does not load (duplicates a downloader may skip). Everything else in the repo
 * (configs, tokenizers, templates) is in neither list. Pure function: no I/O, no state.
 */
public final class WeightFileSelection {

  /** The index file that names the shards of a sharded safetensors checkpoint. */
  public static final String SAFETENSORS_INDEX = "model.safetensors.index.json";

  /** The weight format vLLM loads from a repository. */
  public enum Format {
    SAFETENSORS,
    PYTORCH_BIN,
    PYTORCH_PT,
    /** No loadable weights at the root (GGUF-only, adapter-only or an empty repo). */
    NONE
  }

  /**
   * The answer for one repository.
   *
   * @param format the format vLLM picks
   * @param weightFiles the files vLLM loads, in input order
   * @param duplicates weight files vLLM does not load (other formats, sub-folder copies, files
   *     missing from the index), in input order
   */
  public record Selection(Format format, List<String> weightFiles, List<String> duplicates) {
    public Selection {
      weightFiles = List.copyOf(weightFiles);
      duplicates = List.copyOf(duplicates);
    }

    /** Whether vLLM loads this file. */
    public boolean loads(String path) {
      return weightFiles.contains(path);
    }
  }

  /** Checkpoint files written by trainers that vLLM filters out. */
  private static final Set<String> NOT_FOR_INFERENCE =
      Set.of("training_args.bin", "optimizer.bin", "optimizer.pt", "scheduler.pt", "scaler.pt");

  private static final List<String> WEIGHT_SUFFIXES =
      List.of(".safetensors", ".bin", ".pt", ".pth");

  private WeightFileSelection() {}

  /**
   * Selects the files vLLM loads.
   *
   * @param files every path in the repository
   * @param indexedFiles the values of {@code model.safetensors.index.json}'s {@code weight_map}, or
   *     null when the repository has no such index
   */
  public static Selection select(Collection<String> files, Collection<String> indexedFiles) {
    Format format = format(files);
    List<String> loaded = new ArrayList<>();
    List<String> duplicates = new ArrayList<>();
    boolean otherSafetensors =
        files.stream().anyMatch(f -> isRoot(f) && hasSuffix(f, ".safetensors") && !consolidated(f));
    for (String f : files) {
      if (hasSuffix(f, ".gguf")) {
        if (format != Format.NONE) {
          duplicates.add(f);
        }
        continue;
      }
      if (!isWeightFile(f)) {
        continue;
      }
      if (loadedBy(format, f, indexedFiles, otherSafetensors)) {
        loaded.add(f);
      } else {
        duplicates.add(f);
      }
    }
    return new Selection(format, loaded, duplicates);
  }

  /** The shard names of a parsed {@code model.safetensors.index.json}; empty if it has none. */
  public static Set<String> indexedFiles(JsonNode index) {
    Set<String> names = new TreeSet<>();
    if (index != null) {
      index.path("weight_map").forEach(v -> names.add(v.asText()));
    }
    return names;
  }

  /** Whether a path is a weight file of any format vLLM knows, anywhere in the repository. */
  public static boolean isWeightFile(String path) {
    return WEIGHT_SUFFIXES.stream().anyMatch(s -> hasSuffix(path, s));
  }

  private static Format format(Collection<String> files) {
    if (files.stream().anyMatch(f -> isRoot(f) && hasSuffix(f, ".safetensors"))) {
      return Format.SAFETENSORS;
    }
    if (files.stream().anyMatch(f -> isRoot(f) && hasSuffix(f, ".bin") && inference(f))) {
      return Format.PYTORCH_BIN;
    }
    if (files.stream().anyMatch(f -> isRoot(f) && hasSuffix(f, ".pt") && inference(f))) {
      return Format.PYTORCH_PT;
    }
    return Format.NONE;
  }

  private static boolean loadedBy(
      Format format, String f, Collection<String> indexedFiles, boolean otherSafetensors) {
    if (!isRoot(f)) {
      return false;
    }
    return switch (format) {
      case SAFETENSORS ->
          hasSuffix(f, ".safetensors")
              && (indexedFiles != null
                  ? indexedFiles.contains(f)
                  : !(consolidated(f) && otherSafetensors));
      case PYTORCH_BIN -> hasSuffix(f, ".bin") && inference(f);
      case PYTORCH_PT -> hasSuffix(f, ".pt") && inference(f);
      case NONE -> false;
    };
  }

  private static boolean isRoot(String path) {
    return path.indexOf('/') < 0;
  }

  private static boolean consolidated(String path) {
    return path.toLowerCase(Locale.ROOT).startsWith("consolidated");
  }

  private static boolean inference(String path) {
    return !NOT_FOR_INFERENCE.contains(path.toLowerCase(Locale.ROOT));
  }

  private static boolean hasSuffix(String path, String suffix) {
    return path.toLowerCase(Locale.ROOT).endsWith(suffix);
  }
}
