package dev.modelmanager.weights.bench;

import dev.modelmanager.testkit.hub.FakeHub;
import dev.modelmanager.testkit.hub.HubFile;
import dev.modelmanager.testkit.hub.HubRepo;
import dev.modelmanager.testkit.hub.HubRepoBuilder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The benchmark's fake hub: {@code bench/multi-shard} with {@code --files} generated safetensors
 * shards of {@code --gib} GiB in all (plus config and tokenizer). Hashes every file before it
 * prints {@code READY <url>} so that no client pays for the hub's first tree listing. Run by {@code
 * bench/weights/run.sh}; not a test.
 */
public final class BenchHub {
  public static final String REPO = "bench/multi-shard";

  private BenchHub() {}

  public static void main(String[] args) throws Exception {
    int port = 0;
    double gib = 2;
    int files = 4;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--gib" -> gib = Double.parseDouble(args[i + 1]);
        case "--files" -> files = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    long total = (long) (gib * (1L << 30));
    HubRepoBuilder b =
        HubRepo.builder(REPO)
            .gitattributes()
            .textFile("config.json", "{\"model_type\": \"llama\"}")
            .textFile("tokenizer.json", "{\"version\": \"1.0\"}".repeat(5000));
    for (int i = 1; i <= files; i++) {
      String name = String.format("model-%05d-of-%05d.safetensors", i, files);
      byte[] prefix =
          ("{\"__metadata__\":{\"shard\":\"" + i + "\"}}").getBytes(StandardCharsets.UTF_8);
      HubFile file = HubFile.generated(prefix, total / files, "bench-" + i);
      file.sha256();
      b.file(name, file);
      System.out.println("FILE " + name + " " + file.size());
    }
    FakeHub hub = new FakeHub().addRepo(b.build()).start(port);
    Runtime.getRuntime().addShutdownHook(new Thread(hub::stop));
    System.out.println("READY " + hub.url());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
