package dev.modelmanager.testkit.hub;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Repositories shaped after the real Hub fixtures in /work/shared/fixtures/hf/hub-api. */
final class TestRepos {

  static final String BERT = "google-bert/bert-base-uncased";
  static final String BERT_SHA = "86b5e0934494bd15c9632b12f734a8a67f723594";
  static final String BERT_OLD_SHA = "1a7dd4986e3dab699c24ca19b2afd0f5e1a80f37";
  static final String TINY = "mm-test/tiny-llama";
  static final String GATED = "meta-llama/Llama-3.1-8B-Instruct";
  static final String GATED_TOKEN = "hf_accepted_llama";
  static final String PRIVATE = "mm-test/private-model";
  static final String PRIVATE_TOKEN = "hf_private_reader";

  /** Key order of the real model_info__google-bert__bert-base-uncased.body.json. */
  static final List<String> BERT_FIXTURE_KEYS =
      List.of(
          "_id",
          "id",
          "private",
          "pipeline_tag",
          "library_name",
          "tags",
          "downloads",
          "likes",
          "modelId",
          "author",
          "sha",
          "lastModified",
          "gated",
          "inference",
          "disabled",
          "mask_token",
          "widgetData",
          "model-index",
          "config",
          "cardData",
          "transformersInfo",
          "siblings",
          "spaces",
          "createdAt",
          "safetensors",
          "usedStorage");

  private TestRepos() {}

  /** bert-base-uncased with the fixture's metadata, an old revision and a legacy id. */
  static HubRepo bert() {
    return HubRepo.builder(BERT)
        .objectId("621ffdc036468d709f174338")
        .renamedFrom("bert-base-uncased")
        .gitattributes()
        .textFile(
            "config.json",
            "{\"architectures\":[\"BertForMaskedLM\"],"
                + "\"model_type\":\"bert\",\"hidden_size\":768}\n")
        .textFile("tokenizer_config.json", HubFileTest.BERT_TOKENIZER_CONFIG)
        .textFile("vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\n")
        .textFile(
            "README.md",
            "---\nlanguage: en\nlicense: apache-2.0\n---\n# BERT base model (uncased)\n")
        .file("model.safetensors", bertWeights())
        .textFile("coreml/fill-mask/float32_model.mlpackage/Manifest.json", "{}")
        .sha(BERT_SHA)
        .revision("v1.0", r -> r.sha(BERT_OLD_SHA).remove("model.safetensors"))
        .pipelineTag("fill-mask")
        .libraryName("transformers")
        .tags(
            "transformers",
            "pytorch",
            "safetensors",
            "bert",
            "fill-mask",
            "exbert",
            "en",
            "license:apache-2.0")
        .cardData(Map.of("language", "en", "license", "apache-2.0", "tags", List.of("exbert")))
        .downloads(72_376_843)
        .likes(2065)
        .trendingScore(30)
        .createdAt(Instant.parse("2022-03-02T23:29:04Z"))
        .lastModified(Instant.parse("2024-02-19T11:06:12Z"))
        .spaces("mteb/leaderboard", "microsoft/HuggingGPT")
        .build();
  }

  /** A tiny Llama with two generated LFS shards. */
  static HubRepo tiny(String id) {
    return HubRepo.builder(id)
        .generatedModel(HubHttp.demoResource("mm-demo__tiny-llama.json"), 2)
        .textFile("original/params.json", "{\"dim\": 64}")
        .textFile("original/deep/notes.txt", "nested")
        .tags("llama", "text-generation", "license:apache-2.0")
        .downloads(10)
        .likes(1)
        .createdAt(Instant.parse("2025-01-01T00:00:00Z"))
        .lastModified(Instant.parse("2025-02-01T00:00:00Z"))
        .build();
  }

  /** A gated model renamed like meta-llama/Meta-Llama-3.1-8B-Instruct was. */
  static HubRepo gated() {
    return HubRepo.builder(GATED)
        .renamedFrom("meta-llama/Meta-Llama-3.1-8B-Instruct")
        .textFile("config.json", HubHttp.demoResource("meta-llama__Meta-Llama-3.1-8B.json"))
        .textFile("LICENSE", "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\n")
        .gated(Gated.MANUAL)
        .tokens(GATED_TOKEN)
        .pipelineTag("text-generation")
        .libraryName("transformers")
        .tags("transformers", "llama", "text-generation", "conversational")
        .downloads(5_795_728)
        .likes(3763)
        .createdAt(Instant.parse("2024-07-18T08:56:00Z"))
        .lastModified(Instant.parse("2024-09-25T17:00:57Z"))
        .build();
  }

  static HubRepo privateRepo() {
    return HubRepo.builder(PRIVATE)
        .privateRepo(true)
        .tokens(PRIVATE_TOKEN)
        .textFile("config.json", "{\"model_type\":\"llama\"}")
        .tags("llama")
        .build();
  }

  static FakeHub hubWithAll() {
    return new FakeHub()
        .start()
        .addRepo(bert())
        .addRepo(tiny(TINY))
        .addRepo(gated())
        .addRepo(privateRepo());
  }

  /** Two real bert tensors (F32) with a generated body. */
  private static HubFile bertWeights() {
    byte[] header =
        SafetensorsHeader.encode(
            List.of(
                TensorSpec.of("bert.embeddings.LayerNorm.beta", "F32", 768),
                TensorSpec.of("bert.embeddings.word_embeddings.weight", "F32", 30522, 768)),
            Map.of("format", "pt"));
    return HubFile.generated(header, header.length + (768 + 30522L * 768) * 4, "bert");
  }
}
