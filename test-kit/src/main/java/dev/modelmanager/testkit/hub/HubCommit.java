package dev.modelmanager.testkit.hub;

import java.time.Instant;

/**
 * One commit of a fake repository's history, as {@code GET /api/models/{repo}/commits/{rev}} lists
 * it.
 *
 * @param sha the 40-hex commit id
 * @param title the first line of the message
 * @param message the rest of the message (often empty on the Hub)
 * @param author the Hub user name of the author
 * @param date when it was committed
 */
public record HubCommit(String sha, String title, String message, String author, Instant date) {

  /** The title the Hub gives the commit that creates a repository. */
  public static final String INITIAL_TITLE = "initial commit";

  /** The default title of huggingface_hub's {@code upload_folder}. */
  public static final String UPLOAD_TITLE = "Upload folder using huggingface_hub";
}
