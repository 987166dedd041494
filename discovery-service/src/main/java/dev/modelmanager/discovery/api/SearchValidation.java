package dev.modelmanager.discovery.api;

import dev.modelmanager.kit.hf.HubClient;
import jakarta.inject.Singleton;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraintvalidation.SupportedValidationTarget;
import jakarta.validation.constraintvalidation.ValidationTarget;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Rules of the search parameters that span parameters or need the Hub's address. */
public final class SearchValidation {
  private SearchValidation() {}

  /**
   * On the search method: minParams is not greater than maxParams (parameters {@link #MIN} and
   * {@link #MAX} of the method).
   */
  @Documented
  @Constraint(validatedBy = ParamsRangeValidator.class)
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  public @interface ParamsRange {
    String message() default "must not be greater than maxParams";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** A cursor this API returned: the Hub's next-page URL, base64url-encoded. */
  @Documented
  @Constraint(validatedBy = CursorValidator.class)
  @Target({ElementType.PARAMETER, ElementType.FIELD})
  @Retention(RetentionPolicy.RUNTIME)
  public @interface SearchCursor {
    String message() default "not a cursor this API returned";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Positions of minParams and maxParams in {@code HuggingFaceResource.search}. */
  static final int MIN = 5;

  static final int MAX = 6;

  @SupportedValidationTarget(ValidationTarget.PARAMETERS)
  public static final class ParamsRangeValidator
      implements ConstraintValidator<ParamsRange, Object[]> {
    @Override
    public boolean isValid(Object[] parameters, ConstraintValidatorContext context) {
      if (!(parameters[MIN] instanceof Long min) || !(parameters[MAX] instanceof Long max)) {
        return true;
      }
      if (min <= max) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context
          .buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
          .addParameterNode(MIN)
          .addConstraintViolation();
      return false;
    }
  }

  @Singleton
  public static class CursorValidator implements ConstraintValidator<SearchCursor, String> {
    private final HubClient hub;

    CursorValidator(HubClient hub) {
      this.hub = hub;
    }

    @Override
    public boolean isValid(String cursor, ConstraintValidatorContext context) {
      if (cursor == null) {
        return true;
      }
      try {
        String url = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        return hub.isModelPageUrl(url);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }
}
