package dev.modelmanager.discovery.api;

import dev.modelmanager.model.hf.RepoId;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A Hugging Face repo id {@code org/name} by the Hub's own rules ({@link RepoId}). */
@Documented
@Constraint(validatedBy = HubRepoId.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface HubRepoId {
  String message() default "not a Hugging Face repo id org/name";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Null is left to {@code @NotBlank}. */
  final class Validator implements ConstraintValidator<HubRepoId, String> {
    @Override
    public boolean isValid(String id, ConstraintValidatorContext context) {
      return id == null || RepoId.isValid(id);
    }
  }
}
