package dev.modelmanager.weights.api;

import dev.modelmanager.weights.engine.InstallPreview;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code POST /api/v1/weights/installs/plan}: the install's dry run. */
@Schema(name = "InstallPlan")
public record InstallPlanView(
    @Schema(example = "Qwen/Qwen2.5-0.5B") String repo,
    String revision,
    @Schema(description = "The commit the revision points to now") String commit,
    String location,
    @Schema(description = "Every file of the tree: planned ones first, then the skipped ones")
        List<FileView> files,
    @Schema(description = "Bytes of the planned files (download and present)") long bytesPlanned,
    @Schema(
            description =
                "Bytes the install still has to write: each blob once, without verified blobs and"
                    + " without the persisted parts of an interrupted install")
        long bytesToDownload,
    @Schema(description = "Bytes of planned files whose blob is already verified on the location")
        long bytesPresent,
    long freeBytes,
    @Schema(description = "Space the location keeps free") long headroomBytes,
    @Schema(description = "Bytes that open installs on the location have reserved")
        long reservedByOthers,
    @Schema(
            description =
                "Whether the admission would pass now: reservedByOthers + bytesToDownload <="
                    + " freeBytes - headroomBytes")
        boolean fits,
    @Schema(
            description =
                "Null when the install would be queued; else how starting it would be refused")
        Refusal refusal) {

  /** One file. */
  @Schema(name = "InstallPlanFile")
  public record FileView(
      String path,
      long size,
      @Schema(enumeration = {"download", "present", "skip-duplicate", "excluded"}) String action,
      @Schema(description = "Why a skipped file is skipped") String reason) {}

  /** The problem the real install would answer. */
  @Schema(name = "InstallPlanRefusal")
  public record Refusal(
      @Schema(description = "400: no file matches the patterns; 507: not enough space") int status,
      String detail) {}

  static InstallPlanView of(InstallPreview.Preview p) {
    return new InstallPlanView(
        p.repo(),
        p.revision(),
        p.commit(),
        p.location(),
        p.files().stream()
            .map(
                f ->
                    new FileView(
                        f.path(),
                        f.size(),
                        f.action().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        f.reason()))
            .toList(),
        p.bytesPlanned(),
        p.bytesToDownload(),
        p.bytesPresent(),
        p.freeBytes(),
        p.headroomBytes(),
        p.reservedByOthers(),
        p.fits(),
        p.refusalStatus() == null ? null : new Refusal(p.refusalStatus(), p.refusalDetail()));
  }
}
