package dev.modelmanager.testkit.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** One pull request the fake GitHub holds, rendered in the REST API's documented shape. */
public final class PullRequest {
  private static final ObjectMapper JSON = new ObjectMapper();

  final String repo;
  final int number;
  final String head;
  final String base;
  final Instant createdAt;
  String title;
  String body;
  boolean draft;
  String state = "open";
  Instant mergedAt;
  String mergeCommitSha;
  Instant updatedAt;
  final List<String> labels = new ArrayList<>();

  PullRequest(String repo, int number, String head, String base, String title, String body) {
    this.repo = repo;
    this.number = number;
    this.head = head;
    this.base = base;
    this.title = title;
    this.body = body;
    this.createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    this.updatedAt = createdAt;
  }

  public int number() {
    return number;
  }

  public String head() {
    return head;
  }

  public String state() {
    return state;
  }

  public boolean merged() {
    return mergedAt != null;
  }

  public String body() {
    return body;
  }

  /** The pull request object of {@code GET /repos/{owner}/{repo}/pulls/{number}}. */
  ObjectNode toJson(String apiBase, String headSha, String baseSha) {
    String owner = repo.substring(0, repo.indexOf('/'));
    ObjectNode n = JSON.createObjectNode();
    n.put("url", apiBase + "/repos/" + repo + "/pulls/" + number);
    n.put("id", 1_000_000L + number);
    n.put("node_id", "PR_fake" + number);
    n.put("html_url", "https://github.example/" + repo + "/pull/" + number);
    n.put("number", number);
    n.put("state", state);
    n.put("locked", false);
    n.put("title", title);
    n.put("body", body);
    n.put("draft", draft);
    n.put("merged", merged());
    n.put("created_at", createdAt.toString());
    n.put("updated_at", updatedAt.toString());
    n.put("closed_at", "closed".equals(state) ? updatedAt.toString() : null);
    n.put("merged_at", mergedAt == null ? null : mergedAt.toString());
    n.put("merge_commit_sha", mergeCommitSha);
    n.putObject("user").put("login", "mm-bot").put("type", "User");
    ArrayNode labelArray = n.putArray("labels");
    labels.forEach(l -> labelArray.addObject().put("name", l).put("color", "ededed"));
    ref(n.putObject("head"), owner, head, headSha);
    ref(n.putObject("base"), owner, base, baseSha);
    return n;
  }

  private void ref(ObjectNode n, String owner, String branch, String sha) {
    n.put("label", owner + ":" + branch);
    n.put("ref", branch);
    n.put("sha", sha);
    n.putObject("repo").put("full_name", repo).put("name", repo.substring(owner.length() + 1));
  }
}
