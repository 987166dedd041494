package dev.modelmanager.discovery.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.discovery.domain.gpu.GpuCatalog;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * The {@code gpus} of a {@link RecommendationRequest}: a pool name, or 1 to 8 {@code {name,
 * memoryBytes, count}} where memoryBytes may be left out only for a known GPU profile. Each bad
 * element is reported under its own field ({@code gpus[0].count}).
 */
public final class GpuSpecValidation {
  private static final Pattern GPU_NAME = Pattern.compile("[A-Za-z0-9 ._-]{1,64}");
  private static final long MAX_GPU_BYTES = 1L << 40;
  private static final int MAX_KINDS = 8;
  private static final int MAX_GPUS = 32;

  private GpuSpecValidation() {}

  /** The request's {@code gpus} has one of the accepted shapes. */
  @Documented
  @Constraint(validatedBy = Validator.class)
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  public @interface ValidGpuSpec {
    String message() default "an array of 1 to 8 {name, memoryBytes, count}, or a pool name";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  public static final class Validator
      implements ConstraintValidator<ValidGpuSpec, RecommendationRequest> {
    @Override
    public boolean isValid(RecommendationRequest request, ConstraintValidatorContext context) {
      JsonNode spec = request == null ? null : request.gpus();
      if (spec == null || spec.isNull()) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      if (spec.isTextual()) {
        return GPU_NAME.matcher(spec.asText()).matches()
            || report(context, "gpus", -1, "a pool name: letters, digits, space, '.', '_' or '-'");
      }
      if (!spec.isArray() || spec.isEmpty() || spec.size() > MAX_KINDS) {
        return report(context, "gpus", -1, context.getDefaultConstraintMessageTemplate());
      }
      boolean valid = true;
      for (int i = 0; i < spec.size(); i++) {
        valid &= entry(spec.get(i), i, context);
      }
      return valid;
    }

    private static boolean entry(JsonNode g, int i, ConstraintValidatorContext context) {
      String name = g.path("name").asText("");
      if (!GPU_NAME.matcher(name).matches()) {
        return report(context, "name", i, "required: letters, digits, space, '.', '_' or '-'");
      }
      JsonNode memory = g.get("memoryBytes");
      boolean memoryGiven = memory != null && !memory.isNull();
      if (memoryGiven
          && (!memory.canConvertToLong()
              || memory.asLong() < 0
              || memory.asLong() > MAX_GPU_BYTES)) {
        return report(context, "memoryBytes", i, "bytes of one GPU, up to 1 TiB");
      }
      if ((!memoryGiven || memory.asLong() == 0) && GpuCatalog.find(name).isEmpty()) {
        return report(
            context, "memoryBytes", i, "required: '" + name + "' is not a known GPU profile");
      }
      JsonNode count = g.get("count");
      if (count != null && (!count.isInt() || count.asInt() < 1 || count.asInt() > MAX_GPUS)) {
        return report(context, "count", i, "GPUs per node, 1 to " + MAX_GPUS);
      }
      return true;
    }

    /** Reports on {@code gpus} itself (index −1) or on a field of its element {@code index}. */
    private static boolean report(
        ConstraintValidatorContext context, String field, int index, String message) {
      var builder = context.buildConstraintViolationWithTemplate(message);
      if (index < 0) {
        builder.addPropertyNode("gpus").addConstraintViolation();
      } else {
        builder
            .addPropertyNode("gpus")
            .addPropertyNode(field)
            .inIterable()
            .atIndex(index)
            .addConstraintViolation();
      }
      return false;
    }
  }
}
