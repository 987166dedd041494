package dev.modelmanager.catalog.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.catalog.domain.EntryIds;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An entry document whose {@code id} may name a file: a JSON object with an {@code id} that is a
 * DNS-1123 label (at most 63 lower-case letters, digits and '-'). Checked before anything reads or
 * writes {@code models/<id>.json}, so ids like {@code ../x} never reach the file system.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = EntryDocument.Validator.class)
public @interface EntryDocument {
  String message() default
      "must be an entry object whose id is 1 to 63 lower-case letters, digits and '-'";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks the object shape and the id. */
  class Validator implements ConstraintValidator<EntryDocument, JsonNode> {
    @Override
    public boolean isValid(JsonNode value, ConstraintValidatorContext context) {
      return value == null
          || (value.isObject()
              && value.path("id").isTextual()
              && EntryIds.isSafe(value.get("id").asText()));
    }
  }
}
