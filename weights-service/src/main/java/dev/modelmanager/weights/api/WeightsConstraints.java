package dev.modelmanager.weights.api;

import dev.modelmanager.weights.domain.GlobPattern;
import dev.modelmanager.weights.domain.HubPath;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Bean Validation constraints of the weights API; each reuses the domain's own rule. */
public final class WeightsConstraints {
  private WeightsConstraints() {}

  /** A Hugging Face repo id {@code org/name}. */
  @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = RepoIdValidator.class)
  public @interface RepoId {
    String message() default "is not a Hugging Face repo id (org/name)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** A branch, tag or commit safe to use as a path segment of {@code refs/}. */
  @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = RevisionValidator.class)
  public @interface Revision {
    String message() default "is not a valid branch, tag or commit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** An include/exclude glob {@link GlobPattern} accepts, on one line. */
  @Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = GlobValidator.class)
  public @interface Glob {
    String message() default "is not a valid glob pattern";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** A job list cursor this service issued. */
  @Target({ElementType.FIELD, ElementType.PARAMETER})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = JobCursorValidator.class)
  public @interface JobCursorValue {
    String message() default "is not a cursor this service issued";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Checks {@link JobCursorValue}. */
  public static final class JobCursorValidator
      implements ConstraintValidator<JobCursorValue, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      try {
        JobCursor.parse(value);
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    }
  }

  /** A snapshot list cursor this service issued. */
  @Target({ElementType.FIELD, ElementType.PARAMETER})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = SnapshotCursorValidator.class)
  public @interface SnapshotCursorValue {
    String message() default "is not a cursor this service issued";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Checks {@link SnapshotCursorValue}. */
  public static final class SnapshotCursorValidator
      implements ConstraintValidator<SnapshotCursorValue, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      try {
        SnapshotCursor.parse(value);
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    }
  }

  /** A purge by lru names the free bytes to reach. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = PurgeTargetValidator.class)
  public @interface PurgeTarget {
    String message() default "lru needs a target of free bytes";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Checks {@link RepoId}. */
  public static final class RepoIdValidator implements ConstraintValidator<RepoId, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      try {
        dev.modelmanager.model.hf.RepoId.parse(value);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }

  /** Checks {@link Revision}; null means the default branch. */
  public static final class RevisionValidator implements ConstraintValidator<Revision, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      try {
        HubPath.validateRevision(value);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }

  /** Checks {@link Glob}. */
  public static final class GlobValidator implements ConstraintValidator<Glob, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null || value.contains("\n")) {
        return false;
      }
      try {
        GlobPattern.of(value);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }

  /** Checks {@link PurgeTarget}, reporting the error on {@code targetFreeBytes}. */
  public static final class PurgeTargetValidator
      implements ConstraintValidator<PurgeTarget, PurgeRequest> {
    @Override
    public boolean isValid(PurgeRequest value, ConstraintValidatorContext context) {
      if (value == null
          || !"lru".equalsIgnoreCase(value.policy())
          || value.targetFreeBytes() != null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context
          .buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
          .addPropertyNode("targetFreeBytes")
          .addConstraintViolation();
      return false;
    }
  }
}
