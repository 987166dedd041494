package dev.modelmanager.discovery.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-field rules of {@link GpuReportRequest}, as Bean Validation constraints; each reports the
 * field it concerns so the problem's {@code errors[]} name it.
 */
public final class ReportValidation {
  private ReportValidation() {}

  /** memoryMiB or memoryBytes is given, and both agree when both are. */
  @Documented
  @Constraint(validatedBy = GpuMemoryValidator.class)
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  public @interface GpuMemory {
    String message() default "memoryMiB or memoryBytes is required";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** used, when given, is at most count. */
  @Documented
  @Constraint(validatedBy = UsedWithinCountValidator.class)
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  public @interface UsedWithinCount {
    String message() default "must be between 0 and count";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** A kind of GPU (product and memory) is listed once. */
  @Documented
  @Constraint(validatedBy = DistinctGpusValidator.class)
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  public @interface DistinctGpus {
    String message() default "repeats an earlier entry";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /**
   * Kubernetes label limits: at most 256 labels; keys of 1 to 317 characters (a 253-character
   * prefix, '/', a 63-character name); values of at most 63.
   */
  @Documented
  @Constraint(validatedBy = KubernetesLabelsValidator.class)
  @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
  @Retention(RetentionPolicy.RUNTIME)
  public @interface KubernetesLabels {
    String message() default "must hold at most 256 labels";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  public static final class GpuMemoryValidator
      implements ConstraintValidator<GpuMemory, GpuReportRequest.Gpu> {
    @Override
    public boolean isValid(GpuReportRequest.Gpu gpu, ConstraintValidatorContext context) {
      if (gpu == null) {
        return true;
      }
      if (gpu.memoryMiB() == null && gpu.memoryBytes() == null) {
        return report(context, "memoryMiB", "memoryMiB or memoryBytes is required");
      }
      boolean bothValid =
          gpu.memoryMiB() != null
              && gpu.memoryBytes() != null
              && gpu.memoryMiB() > 0
              && gpu.memoryMiB() <= GpuReportRequest.MAX_MEMORY_MIB;
      if (bothValid && gpu.memoryMiB() * (1L << 20) != gpu.memoryBytes()) {
        return report(context, "memoryBytes", "disagrees with memoryMiB");
      }
      return true;
    }
  }

  public static final class UsedWithinCountValidator
      implements ConstraintValidator<UsedWithinCount, GpuReportRequest.Gpu> {
    @Override
    public boolean isValid(GpuReportRequest.Gpu gpu, ConstraintValidatorContext context) {
      if (gpu == null || gpu.used() == null || gpu.count() == null || gpu.used() < 0) {
        return true; // missing or out-of-range values are reported by their own constraints
      }
      return gpu.used() <= gpu.count()
          || report(context, "used", context.getDefaultConstraintMessageTemplate());
    }
  }

  public static final class DistinctGpusValidator
      implements ConstraintValidator<DistinctGpus, GpuReportRequest> {
    @Override
    public boolean isValid(GpuReportRequest report, ConstraintValidatorContext context) {
      List<GpuReportRequest.Gpu> gpus = report == null ? null : report.gpus();
      if (gpus == null) {
        return true;
      }
      Map<String, Integer> seen = new HashMap<>();
      boolean valid = true;
      for (int i = 0; i < gpus.size(); i++) {
        GpuReportRequest.Gpu gpu = gpus.get(i);
        if (!comparable(gpu)) {
          continue;
        }
        Integer first = seen.putIfAbsent(gpu.kind(), i);
        if (first != null) {
          valid = false;
          context.disableDefaultConstraintViolation();
          context
              .buildConstraintViolationWithTemplate("repeats gpus[" + first + "]")
              .addPropertyNode("gpus")
              .addContainerElementNode("<list element>", List.class, 0)
              .inIterable()
              .atIndex(i)
              .addConstraintViolation();
        }
      }
      return valid;
    }

    private static boolean comparable(GpuReportRequest.Gpu gpu) {
      return gpu != null
          && gpu.product() != null
          && (gpu.memoryBytes() != null || gpu.memoryMiB() != null);
    }
  }

  public static final class KubernetesLabelsValidator
      implements ConstraintValidator<KubernetesLabels, Map<String, String>> {
    private static final int MAX_LABELS = 256;

    @Override
    public boolean isValid(Map<String, String> labels, ConstraintValidatorContext context) {
      if (labels == null) {
        return true;
      }
      if (labels.size() > MAX_LABELS) {
        return false;
      }
      boolean valid = true;
      for (Map.Entry<String, String> label : labels.entrySet()) {
        String key = label.getKey();
        String value = label.getValue();
        if (key.isEmpty() || key.length() > 317) {
          valid = report(context, null, "a label key must be 1 to 317 characters");
        } else if (value == null || value.length() > 63) {
          valid = report(context, key, "must be a string of at most 63 characters");
        }
      }
      return valid;
    }
  }

  /** Reports {@code message} on {@code field} under the validated element (itself when null). */
  private static boolean report(ConstraintValidatorContext context, String field, String message) {
    context.disableDefaultConstraintViolation();
    var builder = context.buildConstraintViolationWithTemplate(message);
    if (field == null) {
      builder.addConstraintViolation();
    } else {
      builder.addPropertyNode(field).addConstraintViolation();
    }
    return false;
  }
}
